// A prop written in JavaScript on the device end of a pty, speaking the real protocol through the real
// codec: answers HELLO, CONFIG, PING, FRAME (latched by a timer at its showAt, then STATUS) and
// BLACKOUT_NOW, with its own clock (250 kHz, a random offset, optional drift). It lets serial-link tests
// run in a second and inject bad bytes; the emulated firmware is the reference for timing.
import { SerialPort } from 'serialport';
import {
  PacketStreamDecoder,
  addU32,
  diffU32,
  encodePacket,
  nextSeq,
  type Packet,
  type PropMessage,
  type StatusMessage,
} from '../../src/firmware-protocol/index.js';

export interface JsPropPeerOptions {
  readonly path: string;
  readonly address?: number;
  readonly pixelCount?: number;
  readonly bufferDepth?: number;
  /** Device clock rate error, in parts per million. */
  readonly driftPpm?: number;
}

export interface PeerLatch {
  readonly seq: number;
  readonly intendedTicks: number;
  readonly actualTicks: number;
  readonly pixels: Uint8Array;
}

const CLOCK_HZ = 250_000;

export class JsPropPeer {
  readonly latches: PeerLatch[] = [];
  readonly received: Packet[] = [];
  /** Stop answering (a hung prop) to exercise the heartbeat. */
  answering = true;
  private port: SerialPort | null = null;
  private readonly decoder = new PacketStreamDecoder();
  private seq = 0;
  private readonly tickOrigin = Math.floor(Math.random() * 0xffffffff);
  private readonly hostOrigin = performance.now();
  private readonly queue = new Map<number, NodeJS.Timeout>();
  private counters = { late: 0, dropped: 0, crc: 0, malformed: 0 };
  private lastLatch = { seq: 0, intended: 0, actual: 0 };
  private mode: StatusMessage['mode'] = 'live';

  constructor(private readonly options: JsPropPeerOptions) {}

  get address(): number {
    return this.options.address ?? 0;
  }

  ticks(): number {
    const elapsedMs = (performance.now() - this.hostOrigin) * (1 + (this.options.driftPpm ?? 0) / 1e6);
    return addU32(this.tickOrigin, Math.round((elapsedMs * CLOCK_HZ) / 1000));
  }

  async start(): Promise<void> {
    const port = new SerialPort({ path: this.options.path, baudRate: 1_000_000, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('error', () => undefined);
    this.port = port;
  }

  /** Raw bytes onto the wire toward the host (garbage, broken packets). */
  inject(bytes: Uint8Array): void {
    this.port?.write(Buffer.from(bytes));
  }

  async stop(): Promise<void> {
    for (const timer of this.queue.values()) clearTimeout(timer);
    this.queue.clear();
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private receive(chunk: Buffer): void {
    const rxTicks = this.ticks();
    for (const result of this.decoder.push(chunk)) {
      if (!result.ok) {
        if (result.fault.code === 'badCrc') this.counters.crc += 1;
        else this.counters.malformed += 1;
        continue;
      }
      const packet = result.value;
      if (packet.prop !== this.address && packet.prop !== 0xff) continue;
      this.received.push(packet);
      if (this.answering) this.handle(packet, rxTicks);
    }
  }

  private handle(packet: Packet, rxTicks: number): void {
    const message = packet.message;
    switch (message.type) {
      case 'hello':
        this.reply({
          type: 'caps',
          nonce: message.nonce,
          firmwareVersion: { major: 0, minor: 1, patch: 0 },
          pixelCount: this.options.pixelCount ?? 4,
          clockHz: CLOCK_HZ,
          bufferDepth: this.options.bufferDepth ?? 8,
          maxPayload: 160,
          outputs: 1,
          programCapacity: 512,
        });
        break;
      case 'ping':
        this.reply({ type: 'pong', echo: message.echo, deviceRxTicks: rxTicks, deviceTxTicks: this.ticks() });
        break;
      case 'config':
        this.reply({ type: 'ack', ackedSeq: packet.seq, ackedType: 0x07 });
        break;
      case 'frame': {
        if (this.queue.size >= (this.options.bufferDepth ?? 8)) {
          this.counters.dropped += 1;
          this.reply({ type: 'error', refSeq: packet.seq, refType: 0x05, code: 'queueFull' });
          break;
        }
        const waitMs = Math.max(0, (diffU32(message.showAt, this.ticks()) * 1000) / CLOCK_HZ);
        const timer = setTimeout(() => this.latch(packet.seq, message.showAt, message.pixels), waitMs);
        this.queue.set(packet.seq, timer);
        break;
      }
      case 'blackout':
        for (const timer of this.queue.values()) clearTimeout(timer);
        this.counters.dropped += this.queue.size;
        this.queue.clear();
        this.mode = 'blackout';
        this.sendStatus();
        break;
      default:
        break;
    }
  }

  private latch(seq: number, intendedTicks: number, pixels: Uint8Array): void {
    this.queue.delete(seq);
    const actualTicks = this.ticks();
    if (diffU32(actualTicks, intendedTicks) > CLOCK_HZ / 1000) this.counters.late += 1;
    this.mode = 'live';
    this.latches.push({ seq, intendedTicks, actualTicks, pixels });
    this.lastLatch = { seq, intended: intendedTicks, actual: actualTicks };
    this.sendStatus();
  }

  private sendStatus(): void {
    this.reply({
      type: 'status',
      latchedSeq: this.lastLatch.seq,
      intendedTicks: this.lastLatch.intended,
      actualTicks: this.lastLatch.actual,
      lateCount: this.counters.late,
      droppedCount: this.counters.dropped,
      crcErrorCount: this.counters.crc,
      malformedCount: this.counters.malformed,
      queued: this.queue.size,
      mode: this.mode,
    });
  }

  private reply(message: PropMessage): void {
    const seq = this.seq;
    this.seq = nextSeq(seq);
    this.port?.write(Buffer.from(encodePacket({ seq, prop: this.address, message })));
  }
}
