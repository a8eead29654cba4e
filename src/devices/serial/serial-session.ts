// One open connection to a prop dongle: the port, the packet stream both ways, the handshake (HELLO →
// CAPS with our nonce, CONFIG → ACK, a burst of PINGs), then continuous PING/PONG for clock sync, which
// doubles as the heartbeat. Everything here is reset by closing the session: a replug starts a new one.
import { randomInt } from 'node:crypto';
import { SerialPort } from 'serialport';
import {
  BROADCAST_PROP,
  type ClockSyncEstimator,
  PacketStreamDecoder,
  encodePacket,
  nextSeq,
  type CapsMessage,
  type HostMessage,
  type Packet,
  type StatusMessage,
  type WireColorOrder,
} from '../../firmware-protocol/index.js';
import { ClockTracker } from './clock-tracker.js';
import { WirePacer } from './wire-pacer.js';

export interface PropOutputConfig {
  readonly address: number;
  readonly brightness: number;
  readonly colorOrder: WireColorOrder;
  readonly gammaTenths: number;
}

export interface SerialSessionOptions {
  readonly path: string;
  readonly baudRate: number;
  readonly hostNowMs: () => number;
  readonly handshakeTimeoutMs: number;
  readonly pingIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  /** PONGs wanted before the link counts as connected. */
  readonly initialPings: number;
  /** CONFIG sent to each prop during the handshake; null address means the one that answered CAPS. */
  readonly outputs: readonly (Omit<PropOutputConfig, 'address'> & { readonly address: number | null })[];
  readonly onStatus: (prop: number, status: StatusMessage) => void;
  readonly onDeviceError: (prop: number, refSeq: number, refType: number, code: string) => void;
  readonly onBadInput: (message: string) => void;
  /** Something went wrong that does not stop the link. */
  readonly onWarning: (message: string) => void;
  readonly lost: (reason: string) => void;
}

const HELLO_RETRY_MS = 250;
const ACK_TIMEOUT_MS = 1000;
const INITIAL_PING_SPACING_MS = 10;
/** After an exchange off the clock mapping, the next PING goes out this soon to confirm or clear it. */
const SUSPECT_PING_DELAY_MS = 5;
const PONG_WIRE_BYTES = encodePacket({
  seq: 0,
  prop: 0,
  message: { type: 'pong', echo: 0, deviceRxTicks: 0, deviceTxTicks: 0 },
}).length;

interface PendingAnswer {
  readonly match: (packet: Packet) => boolean;
  readonly resolve: (packet: Packet) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class SerialSession {
  caps: CapsMessage | null = null;
  /** Prop address that answered the handshake. */
  capsProp = BROADCAST_PROP;
  private tracker: ClockTracker;
  private port: SerialPort | null = null;
  private pacer: WirePacer | null = null;
  private readonly decoder = new PacketStreamDecoder();
  private seq = 0;
  private readonly pendingPings = new Map<number, number>();
  private pingEcho = 0;
  private readonly pending = new Set<PendingAnswer>();
  private lastHeardMs = 0;
  private pingTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private deathReason: string | null = null;

  private constructor(private readonly options: SerialSessionOptions) {
    // Replaced by the real rate once CAPS arrives; no sample is taken before that.
    this.tracker = new ClockTracker(1, options.initialPings);
  }

  get clock(): ClockSyncEstimator {
    return this.tracker.estimator;
  }

  /** Clock steps followed so far (an emulator starved by its host; never a healthy crystal). */
  get clockSteps(): number {
    return this.tracker.steps;
  }

  /** Open the port and handshake; rejects with the reason if the prop does not answer properly. */
  static async open(options: SerialSessionOptions): Promise<SerialSession> {
    const session = new SerialSession(options);
    try {
      await session.start();
      return session;
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  get wire(): WirePacer {
    if (this.pacer === null) throw new Error('session is not open');
    return this.pacer;
  }

  /** Send a message; returns its sequence number and when its last byte leaves the wire (host ms). */
  send(message: HostMessage, prop: number): { seq: number; doneAtMs: number } {
    const seq = this.seq;
    this.seq = nextSeq(this.seq);
    if (this.closed || this.pacer === null) return { seq, doneAtMs: Number.POSITIVE_INFINITY };
    const doneAtMs = this.pacer.send(encodePacket({ seq, prop, message }));
    return { seq, doneAtMs };
  }

  /** Send and wait for the ACK (or ERROR) naming this packet. */
  async request(message: HostMessage, prop: number, timeoutMs = ACK_TIMEOUT_MS): Promise<void> {
    const { seq } = this.send(message, prop);
    const answer = await this.waitFor(
      (packet) =>
        (packet.message.type === 'ack' && packet.message.ackedSeq === seq) ||
        (packet.message.type === 'error' && packet.message.refSeq === seq),
      timeoutMs,
      `no answer to ${message.type} (seq ${seq})`,
    );
    if (answer.message.type === 'error') {
      throw new Error(`prop ${answer.prop} refused ${message.type}: ${answer.message.code}`);
    }
  }

  /** BLACKOUT_NOW to every prop; true once a prop confirms with STATUS mode blackout within the time. */
  async blackout(timeoutMs: number): Promise<boolean> {
    const confirmed = this.waitFor(
      (packet) => packet.message.type === 'status' && packet.message.mode === 'blackout',
      timeoutMs,
      'no blackout STATUS',
    );
    this.send({ type: 'blackout' }, BROADCAST_PROP);
    return confirmed.then(
      () => true,
      () => false,
    );
  }

  /** Resolves when every byte written so far has been handed to the OS and drained. */
  drain(): Promise<void> {
    const port = this.port;
    return new Promise((resolve) => {
      if (port === null || !port.isOpen) resolve();
      else port.drain(() => resolve());
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pacer?.stop();
    for (const answer of this.pending) {
      clearTimeout(answer.timer);
      answer.reject(new Error('session closed'));
    }
    this.pending.clear();
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private async start(): Promise<void> {
    const { path, baudRate, hostNowMs } = this.options;
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    this.port = port;
    port.on('error', (error) => this.die(`port ${path}: ${error.message}`));
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(new Error(`cannot open ${path}: ${error.message}`)) : resolve())),
    );
    // A pty (and some adapters) keep bytes from an earlier session: drop them before listening.
    await new Promise<void>((resolve) => port.flush(() => resolve()));
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('close', () => this.die(`port ${path} closed`));
    this.pacer = new WirePacer({ baudRate, hostNowMs, write: (bytes) => port.write(bytes) });
    this.lastHeardMs = hostNowMs();
    // A lone delimiter ends any half-received packet on the prop's side.
    this.pacer.send(Uint8Array.of(0));

    await this.hello();
    await this.configure();
    await this.initialSync();
    this.pingTimer = setInterval(() => this.heartbeat(), this.options.pingIntervalMs);
  }

  private async hello(): Promise<void> {
    const nonce = randomInt(0, 0xffffffff);
    const deadline = this.options.hostNowMs() + this.options.handshakeTimeoutMs;
    while (this.options.hostNowMs() < deadline) {
      this.send({ type: 'hello', nonce }, BROADCAST_PROP);
      try {
        const answer = await this.waitFor(
          (packet) => packet.message.type === 'caps' && packet.message.nonce === nonce,
          Math.min(HELLO_RETRY_MS, Math.max(1, deadline - this.options.hostNowMs())),
          'no CAPS',
        );
        if (answer.message.type !== 'caps') continue;
        this.caps = answer.message;
        this.capsProp = answer.prop;
        this.tracker = new ClockTracker(answer.message.clockHz, this.options.initialPings);
        return;
      } catch (error) {
        if (this.closed || this.deathReason !== null) throw error;
      }
    }
    throw new Error(
      `no CAPS answer to HELLO on ${this.options.path} within ${this.options.handshakeTimeoutMs} ms`,
    );
  }

  /**
   * One broadcast CONFIG when every prop shares the settings (the usual dongle), else one per prop. Only
   * the prop that answered HELLO must acknowledge: another prop on a shared line may be switched off, and
   * that must not keep the rest of the link from playing.
   */
  private async configure(): Promise<void> {
    const outputs = this.options.outputs;
    const key = (output: (typeof outputs)[number]): string =>
      `${output.brightness}/${output.colorOrder}/${output.gammaTenths}`;
    const shared =
      outputs.length > 0 &&
      outputs.every((output) => key(output) === key(outputs[0] as (typeof outputs)[number]));
    for (const output of shared ? outputs.slice(0, 1) : outputs) {
      const address = shared ? BROADCAST_PROP : (output.address ?? this.capsProp);
      const config = {
        type: 'config',
        brightness: output.brightness,
        colorOrder: output.colorOrder,
        gammaTenths: output.gammaTenths,
      } as const;
      try {
        await this.request(config, address);
      } catch (error) {
        if (shared || address === this.capsProp || this.deathReason !== null) throw error;
        this.options.onWarning(`prop ${address} did not take its CONFIG: ${(error as Error).message}`);
      }
    }
  }

  private async initialSync(): Promise<void> {
    const deadline = this.options.hostNowMs() + this.options.handshakeTimeoutMs;
    while (this.clock.sampleCount < this.options.initialPings) {
      if (this.closed || this.deathReason !== null) throw new Error(this.deathReason ?? 'session closed');
      if (this.options.hostNowMs() > deadline) {
        throw new Error(
          `only ${this.clock.sampleCount} of ${this.options.initialPings} PONGs on ${this.options.path}`,
        );
      }
      this.ping();
      await new Promise((resolve) => setTimeout(resolve, INITIAL_PING_SPACING_MS));
    }
  }

  private ping(): void {
    this.pingEcho = (this.pingEcho + 1) >>> 0;
    const echo = this.pingEcho;
    const { doneAtMs } = this.send({ type: 'ping', echo }, this.capsProp);
    // The PING's last byte leaves the wire at doneAtMs: that, not the write call, is the send time.
    this.pendingPings.set(echo, doneAtMs);
    if (this.pendingPings.size > 32) {
      const oldest = this.pendingPings.keys().next().value;
      if (oldest !== undefined) this.pendingPings.delete(oldest);
    }
  }

  private heartbeat(): void {
    const silentMs = this.options.hostNowMs() - this.lastHeardMs;
    if (silentMs > this.options.heartbeatTimeoutMs) {
      this.die(`prop on ${this.options.path} silent for ${Math.round(silentMs)} ms`);
      return;
    }
    this.ping();
  }

  private receive(chunk: Buffer): void {
    const receivedMs = this.options.hostNowMs();
    for (const result of this.decoder.push(chunk)) {
      if (!result.ok) {
        this.options.onBadInput(result.fault.message);
        continue;
      }
      this.lastHeardMs = receivedMs;
      this.handle(result.value, receivedMs);
    }
  }

  private handle(packet: Packet, receivedMs: number): void {
    const message = packet.message;
    switch (message.type) {
      case 'pong': {
        const sentMs = this.pendingPings.get(message.echo);
        if (sentMs === undefined) break;
        this.pendingPings.delete(message.echo);
        const sample = {
          hostSendMs: sentMs,
          // The PONG was stamped before its bytes went out; count from when its first byte could arrive.
          hostReceiveMs: receivedMs - this.wire.wireMs(PONG_WIRE_BYTES),
          deviceRxTicks: message.deviceRxTicks,
          deviceTxTicks: message.deviceTxTicks,
        };
        const verdict = this.tracker.add(sample);
        if (verdict.kind === 'restarted') {
          // Its clock started again: the prop was reset or replugged behind a port that stayed open.
          this.die(`prop clock jumped by ${Math.round(verdict.offMs)} ms: it restarted`);
          return;
        }
        if (verdict.kind === 'suspect') setTimeout(() => this.ping(), SUSPECT_PING_DELAY_MS);
        break;
      }
      case 'status':
        this.options.onStatus(packet.prop, message);
        break;
      case 'error':
        this.options.onDeviceError(packet.prop, message.refSeq, message.refType, message.code);
        break;
      case 'caps':
      case 'ack':
        break;
      default:
        this.options.onBadInput(`prop ${packet.prop} sent a host message (${message.type})`);
        return;
    }
    for (const answer of this.pending) {
      if (!answer.match(packet)) continue;
      clearTimeout(answer.timer);
      this.pending.delete(answer);
      answer.resolve(packet);
    }
  }

  private waitFor(match: (packet: Packet) => boolean, timeoutMs: number, what: string): Promise<Packet> {
    return new Promise((resolve, reject) => {
      const answer: PendingAnswer = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(answer);
          reject(new Error(what));
        }, timeoutMs),
      };
      this.pending.add(answer);
    });
  }

  private die(reason: string): void {
    if (this.closed || this.deathReason !== null) return;
    this.deathReason = reason;
    // A handshake in progress fails at once with the reason rather than waiting for its timeout.
    for (const answer of this.pending) {
      clearTimeout(answer.timer);
      answer.reject(new Error(reason));
    }
    this.pending.clear();
    this.options.lost(reason);
  }
}
