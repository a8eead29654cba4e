// A minimal host side of the prop protocol over a real serialport 13 port, for the firmware tests: send
// packets, wait for answers. The product's driver lives in src/devices/serial; this only drives the
// firmware from the tests.
import { SerialPort } from 'serialport';
import type { HostMessage, Packet, PropMessage } from '../../src/firmware-protocol/index.js';
import {
  ClockSyncEstimator,
  encodePacket,
  nextSeq,
  PacketStreamDecoder,
} from '../../src/firmware-protocol/index.js';

/** Host CLOCK_MONOTONIC in ms: the clock of the harness's edge-log sync lines. */
export function hostMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export class PropSession {
  readonly received: Packet[] = [];
  /** hostMs() when each packet of `received` arrived (same index). */
  readonly arrivals: number[] = [];
  readonly refusals: string[] = [];
  private readonly decoder = new PacketStreamDecoder();
  private seq = 0;
  private waiters: Array<() => void> = [];

  private constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      const at = hostMs();
      for (const result of this.decoder.push(chunk)) {
        if (result.ok) {
          this.received.push(result.value);
          this.arrivals.push(at);
        } else this.refusals.push(result.fault.message);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(path: string): Promise<PropSession> {
    const port = new SerialPort({ path, baudRate: 1_000_000, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    await new Promise<void>((resolve) => port.flush(() => resolve()));
    return new PropSession(port);
  }

  /** Sends a message; returns its sequence number. */
  send(message: HostMessage, prop = 0): number {
    const seq = this.seq;
    this.seq = nextSeq(this.seq);
    this.port.write(Buffer.from(encodePacket({ seq, prop, message })));
    return seq;
  }

  sendRaw(bytes: Uint8Array): void {
    this.port.write(Buffer.from(bytes));
  }

  async drain(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.port.drain((error) => (error ? reject(error) : resolve())),
    );
  }

  /** The first received packet (from `from` on) matching, waiting up to timeoutMs. */
  async waitFor<T extends PropMessage['type']>(
    type: T,
    match: (message: Extract<PropMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<Packet<Extract<PropMessage, { type: T }>>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(
        (packet) =>
          packet.message.type === type && match(packet.message as Extract<PropMessage, { type: T }>),
      );
      if (found) return found as Packet<Extract<PropMessage, { type: T }>>;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.received.map((packet) => packet.message.type).join(', ');
        throw new Error(`no ${type} from the prop within ${timeoutMs} ms (received: ${seen || 'nothing'})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Pings `count` times, `gapMs` apart, and feeds every answer to a clock estimator (host time: hostMs()). */
  async syncClock(clockHz: number, count = 20, gapMs = 10): Promise<ClockSyncEstimator> {
    const clock = new ClockSyncEstimator({ clockHz });
    for (let index = 0; index < count; index += 1) {
      const echo = (Date.now() + index) >>> 0;
      const hostSendMs = hostMs();
      this.send({ type: 'ping', echo });
      const pong = await this.waitFor('pong', (message) => message.echo === echo);
      clock.addSample({
        hostSendMs,
        hostReceiveMs: this.arrivals[this.received.indexOf(pong)]!,
        deviceRxTicks: pong.message.deviceRxTicks,
        deviceTxTicks: pong.message.deviceTxTicks,
      });
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    return clock;
  }

  async close(): Promise<void> {
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }
}
