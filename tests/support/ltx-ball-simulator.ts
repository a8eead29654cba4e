// A stand-in LTX ball on loopback: a real UDP socket on the live-colour port and a real TCP server on the
// upload port that record every byte received, plus the status broadcasts a ball sends.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import { until } from './wait.js';

export interface ReceivedDatagram {
  readonly bytes: Uint8Array;
  /** performance.now() when it arrived. */
  readonly atMs: number;
}

export interface LtxBallSimulatorOptions {
  /** Loopback address the ball lives on, e.g. 127.0.0.21 (one per test file, so files can run in parallel). */
  readonly address: string;
  readonly udpPort?: number;
  readonly tcpPort?: number;
}

export class LtxBallSimulator {
  readonly datagrams: ReceivedDatagram[] = [];
  /** One entry per finished TCP upload connection: every byte it carried. */
  readonly uploads: Uint8Array[] = [];
  private udp: UdpSocket | null = null;
  private tcp: Server | null = null;
  private readonly connections = new Set<TcpSocket>();
  private beacon: NodeJS.Timeout | null = null;

  constructor(private readonly options: LtxBallSimulatorOptions) {}

  get address(): string {
    return this.options.address;
  }

  async start(): Promise<void> {
    const udp = createSocket({ type: 'udp4', reuseAddr: true });
    udp.on('message', (bytes) =>
      this.datagrams.push({ bytes: new Uint8Array(bytes), atMs: performance.now() }),
    );
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind({ address: this.options.address, port: this.options.udpPort ?? 41412 }, () => resolve());
    });
    this.udp = udp;
    const tcp = createServer((connection) => {
      this.connections.add(connection);
      const chunks: Buffer[] = [];
      connection.on('data', (chunk) => chunks.push(chunk));
      connection.on('close', () => {
        this.connections.delete(connection);
        this.uploads.push(new Uint8Array(Buffer.concat(chunks)));
      });
      connection.on('end', () => connection.end());
      connection.on('error', () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen({ host: this.options.address, port: this.options.tcpPort ?? 8888 }, () => resolve());
    });
    this.tcp = tcp;
  }

  /** Send a status datagram to `to` every `intervalMs`, as balls do on the network. */
  broadcastStatus(to: { address: string; port: number }, payload: Uint8Array, intervalMs: number): void {
    const udp = this.udp;
    if (udp === null) throw new Error('simulator not started');
    const send = (): void => udp.send(payload, to.port, to.address);
    send();
    this.beacon = setInterval(send, intervalMs);
  }

  /** Resolves once `count` datagrams have arrived (or rejects after `timeoutMs`). */
  async waitForDatagrams(count: number, timeoutMs = 5000): Promise<void> {
    await until(() => this.datagrams.length >= count, `${count} datagrams`, timeoutMs);
  }

  async waitForUploads(count: number, timeoutMs = 5000): Promise<void> {
    await until(() => this.uploads.length >= count, `${count} uploads`, timeoutMs);
  }

  async stop(): Promise<void> {
    if (this.beacon !== null) clearInterval(this.beacon);
    for (const connection of this.connections) connection.destroy();
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = null;
    this.tcp = null;
    if (udp !== null) await new Promise<void>((resolve) => udp.close(() => resolve()));
    if (tcp !== null) await new Promise<void>((resolve) => tcp.close(() => resolve()));
  }
}
