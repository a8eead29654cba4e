// LTX Wi-Fi juggling balls: live colour over UDP at the show frame rate, each packet sent `latency` ahead
// of its show time so it lands on time (balls latch on arrival), and program upload over TCP.
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect as tcpConnect } from 'node:net';
import type { Seconds } from '../../show/time.js';
import { LinkBase } from '../link-base.js';
import type { LinkProp, StampedFrame } from '../prop-link.js';
import type { ShowClock } from '../show-clock.js';
import { LTX_TCP_PORT, LTX_UDP_PORT, liveColourPacket, programUploadBytes } from './ltx-packets.js';

export interface LtxBall extends LinkProp {
  /** The ball's IP address (from discovery or the show's device settings). */
  readonly address: string;
}

export interface LtxWifiLinkOptions {
  readonly id: string;
  readonly balls: readonly LtxBall[];
  readonly clock: ShowClock;
  /** One-way Wi-Fi delay to compensate: packets leave this long before their show time. Default 15 ms. */
  readonly latency?: Seconds;
  readonly udpPort?: number;
  readonly tcpPort?: number;
  /** Local address to send from (tests use a loopback address of their own). */
  readonly localAddress?: string;
  readonly uploadTimeoutMs?: number;
  /** Source of the 4 random bytes of an upload header (tests inject a fixed one to check exact bytes). */
  readonly nonce?: () => Uint8Array;
}

const DEFAULT_LATENCY: Seconds = 0.015;
// A colour that arrives a little late is still better than none; beyond one 25 fps frame it is noise.
const LATE_TOLERANCE: Seconds = 0.04;
const DEFAULT_UPLOAD_TIMEOUT_MS = 15_000;

export class LtxWifiLink extends LinkBase {
  readonly kind = 'ltx-wifi' as const;
  private socket: UdpSocket | null = null;
  private readonly addresses = new Map<string, string>();
  private readonly udpPort: number;
  private readonly tcpPort: number;
  private readonly uploadTimeoutMs: number;
  private readonly nonce: () => Uint8Array;
  private readonly uploading = new Set<string>();

  constructor(private readonly options: LtxWifiLinkOptions) {
    super({
      id: options.id,
      props: options.balls,
      clock: options.clock,
      lookahead: options.latency ?? DEFAULT_LATENCY,
      supersede: true,
      lateTolerance: LATE_TOLERANCE,
    });
    for (const ball of options.balls) this.addresses.set(ball.propId, ball.address);
    this.udpPort = options.udpPort ?? LTX_UDP_PORT;
    this.tcpPort = options.tcpPort ?? LTX_TCP_PORT;
    this.uploadTimeoutMs = options.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
    this.nonce = options.nonce ?? (() => new Uint8Array(randomBytes(4)));
  }

  async connect(): Promise<void> {
    if (this.status() === 'closed') throw new Error(`link ${this.id} is closed`);
    if (this.socket !== null) return this.whenConnected();
    this.setStatus('connecting');
    const socket = createSocket({ type: 'udp4' });
    this.socket = socket;
    // UDP send errors (no route, ball gone) must not stop the other balls: count and go on.
    socket.on('error', (error) => {
      this.lastError = `udp: ${error.message}`;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ address: this.options.localAddress, port: 0 }, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    if (this.status() === 'closed') return;
    this.setStatus('connected');
    this.pump.start();
  }

  async uploadProgram(propId: string, program: Uint8Array, name: string): Promise<void> {
    const address = this.addressOf(propId);
    const bytes = programUploadBytes(program, name, this.nonce());
    if (this.uploading.has(propId)) throw new Error(`an upload to ${propId} is already running`);
    this.uploading.add(propId);
    await new Promise<void>((resolve, reject) => {
      const socket = tcpConnect({
        host: address,
        port: this.tcpPort,
        localAddress: this.options.localAddress,
      });
      let failure: Error | null = null;
      const timer = setTimeout(() => {
        failure = new Error(`upload to ${propId} at ${address}:${this.tcpPort} timed out`);
        socket.destroy();
      }, this.uploadTimeoutMs);
      socket.on('error', (error) => {
        failure = new Error(`upload to ${propId} at ${address}:${this.tcpPort} failed: ${error.message}`);
      });
      socket.on('connect', () => socket.end(bytes));
      socket.on('close', () => {
        clearTimeout(timer);
        this.uploading.delete(propId);
        if (failure !== null) reject(failure);
        else resolve();
      });
    });
  }

  async blackout(): Promise<void> {
    this.discardQueued();
    const socket = this.socket;
    if (socket === null) return;
    await Promise.all(
      this.props.map((prop) =>
        this.sendPacket(socket, this.addressOf(prop.propId), liveColourPacket(0, 0, 0)),
      ),
    );
  }

  async close(): Promise<void> {
    this.pump.stop();
    this.discardQueued();
    this.setStatus('closed');
    const socket = this.socket;
    this.socket = null;
    if (socket !== null) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  protected transmit(frames: readonly StampedFrame[]): void {
    const socket = this.socket;
    if (socket === null) return;
    for (const frame of frames) {
      // A ball shows one colour at a time over the network: its first pixel's.
      const packet = liveColourPacket(frame.pixels[0] ?? 0, frame.pixels[1] ?? 0, frame.pixels[2] ?? 0);
      this.counters.framesSent += 1;
      this.sendPacket(socket, this.addressOf(frame.propId), packet).catch(() => {
        this.counters.framesDropped += 1;
      });
    }
  }

  private sendPacket(socket: UdpSocket, address: string, packet: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      socket.send(packet, this.udpPort, address, (error) => {
        if (error) {
          this.lastError = `udp send to ${address}: ${error.message}`;
          reject(error);
        } else resolve();
      });
    });
  }

  private addressOf(propId: string): string {
    const address = this.addresses.get(propId);
    if (address === undefined) throw new RangeError(`link ${this.id} does not drive prop ${propId}`);
    return address;
  }
}
