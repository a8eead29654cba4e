// Finds LTX balls by listening for the status datagrams they broadcast on UDP 41412. The payload layout
// of those broadcasts is not documented, so a ball is known by its source address; the raw payload is
// kept for diagnostics.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { LTX_UDP_PORT, isBallCommand } from './ltx-packets.js';

export interface DiscoveredBall {
  readonly address: string;
  readonly port: number;
  /** performance.now() of the latest status datagram from this ball. */
  readonly lastSeenMs: number;
  readonly lastPayload: Uint8Array;
  readonly datagrams: number;
}

export interface LtxDiscoveryEvents {
  /** A ball heard from for the first time. */
  ball: [ball: DiscoveredBall];
}

export interface LtxDiscoveryOptions {
  readonly port?: number;
  /** Address to listen on: all interfaces by default; tests use a loopback address of their own. */
  readonly address?: string;
}

export class LtxDiscovery extends EventEmitter<LtxDiscoveryEvents> {
  private socket: UdpSocket | null = null;
  private readonly known = new Map<string, DiscoveredBall>();

  constructor(private readonly options: LtxDiscoveryOptions = {}) {
    super();
  }

  async start(): Promise<void> {
    if (this.socket !== null) return;
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    this.socket = socket;
    socket.on('message', (payload, remote) => this.heard(remote.address, remote.port, payload));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ port: this.options.port ?? LTX_UDP_PORT, address: this.options.address }, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        resolve();
      });
    });
  }

  /** Balls heard within the last `withinMs` milliseconds (all balls ever heard by default). */
  balls(withinMs = Number.POSITIVE_INFINITY): DiscoveredBall[] {
    const now = performance.now();
    return [...this.known.values()].filter((ball) => now - ball.lastSeenMs <= withinMs);
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (socket !== null) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private heard(address: string, port: number, payload: Buffer): void {
    // Live colour and brightness sent to a ball (by this daemon or another controller) are not a ball.
    if (isBallCommand(payload)) return;
    const previous = this.known.get(address);
    const ball: DiscoveredBall = {
      address,
      port,
      lastSeenMs: performance.now(),
      lastPayload: new Uint8Array(payload),
      datagrams: (previous?.datagrams ?? 0) + 1,
    };
    this.known.set(address, ball);
    if (previous === undefined) this.emit('ball', ball);
  }
}
