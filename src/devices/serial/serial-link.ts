// Props on a serial line speaking the project's protocol (src/firmware-protocol): every frame carries the
// device-clock tick at which it latches, so USB and OS jitter never reach the LEDs. Frames go out
// `lookahead` (30 ms) before their show time; PING/PONG keeps the clock mapping and the heartbeat; STATUS
// acknowledges each latch. Unplugged, the link drops its frames and retries; replugged, it handshakes
// again and resumes at the current show time on its own.
import {
  MessageType,
  decodeProgramImage,
  crc16,
  diffU32,
  type ClockEstimate,
  type StatusMessage,
  type WireColorOrder,
} from '../../firmware-protocol/index.js';
import type { Seconds } from '../../show/time.js';
import { LinkBase } from '../link-base.js';
import type { PortLocator } from '../port-locator.js';
import type { LinkProp, StampedFrame } from '../prop-link.js';
import type { SessionSupervisor } from '../session-supervisor.js';
import type { ShowClock } from '../show-clock.js';
import { SerialSession } from './serial-session.js';

export interface SerialProp extends LinkProp {
  /** Address on the link; leave out on a single-prop link to use whichever prop answers HELLO. */
  readonly address?: number;
  readonly colorOrder?: WireColorOrder;
  readonly brightness?: number;
  /** Gamma × 10 applied by the prop; 10 (linear) keeps the show's colour values as they are. */
  readonly gammaTenths?: number;
}

export interface SerialLinkOptions {
  readonly id: string;
  readonly port: PortLocator;
  readonly props: readonly SerialProp[];
  readonly clock: ShowClock;
  /** Frames leave this long before their show time. Default 30 ms. */
  readonly lookahead?: Seconds;
  /** Default 1 Mbaud, exact on a 16 MHz AVR. */
  readonly baudRate?: number;
  /** The host's monotonic clock in ms; the clock mapping pairs it with the prop's ticks. */
  readonly hostNowMs?: () => number;
  readonly retryDelayMs?: number;
  readonly handshakeTimeoutMs?: number;
  readonly pingIntervalMs?: number;
  readonly heartbeatTimeoutMs?: number;
  readonly initialPings?: number;
  /** After an upload, the prop plays its program if no frame came for this long. */
  readonly programHoldoverMs?: number;
}

/** One latched frame as the prop reported it in STATUS. */
export interface LatchReport {
  readonly propId: string;
  readonly seq: number;
  readonly showAt: Seconds;
  readonly intendedTicks: number;
  readonly actualTicks: number;
  /** actual − intended, in ms of the prop's clock. */
  readonly errorMs: number;
}

/** What the props themselves counted, summed over the session(s) since the link was made. */
export interface DeviceCounters {
  late: number;
  dropped: number;
  crcErrors: number;
  malformed: number;
  refused: number;
}

interface InFlight {
  readonly propId: string;
  readonly address: number;
  readonly showAt: Seconds;
  readonly hostShowMs: number;
}

const DEFAULTS = {
  lookahead: 0.03,
  baudRate: 1_000_000,
  retryDelayMs: 100,
  handshakeTimeoutMs: 2000,
  pingIntervalMs: 50,
  heartbeatTimeoutMs: 1000,
  initialPings: 8,
  programHoldoverMs: 500,
};
const BLACKOUT_CONFIRM_MS = 300;
/** A frame past its time by less than this without a STATUS may still sit in the prop's queue. */
const UNACKED_GRACE_MS = 5;
/** A frame whose latch is not reported this long after its time was lost on the way. */
const ACK_GIVE_UP_MS = 1000;
/** FRAME overhead on the wire: header 7, showAt 4, CRC 2, COBS 1, delimiter 1. */
const FRAME_OVERHEAD_BYTES = 15;

export class SerialLink extends LinkBase {
  readonly kind = 'serial' as const;
  private readonly supervisor: SessionSupervisor<SerialSession>;
  private readonly settings: typeof DEFAULTS;
  private readonly hostNowMs: () => number;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly lastDeviceCounters = new Map<number, StatusMessage>();
  private readonly totals: DeviceCounters = { late: 0, dropped: 0, crcErrors: 0, malformed: 0, refused: 0 };
  private readonly latchListeners = new Set<(report: LatchReport) => void>();

  constructor(private readonly options: SerialLinkOptions) {
    const settings = { ...DEFAULTS };
    for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
      const value = options[key];
      if (typeof value === 'number') settings[key] = value;
    }
    super({
      id: options.id,
      props: options.props,
      clock: options.clock,
      lookahead: settings.lookahead,
      supersede: false,
      // The prop latches a late frame at once; sending one already past its time only adds a glitch.
      lateTolerance: 0,
    });
    if (options.props.length > 1 && options.props.some((prop) => prop.address === undefined)) {
      throw new RangeError(`link ${options.id}: every prop needs an address when a link carries several`);
    }
    this.settings = settings;
    this.hostNowMs = options.hostNowMs ?? (() => performance.now());
    this.supervisor = this.supervise(
      settings.retryDelayMs,
      (lost) => this.openSession(lost),
      () => this.forgetSession(),
    );
  }

  connect(): Promise<void> {
    if (this.status() === 'closed') return Promise.reject(new Error(`link ${this.id} is closed`));
    const connected = this.whenConnected();
    this.supervisor.start();
    return connected;
  }

  /** Hear every latch the props report; returns the unsubscribe function. */
  onLatch(listener: (report: LatchReport) => void): () => void {
    this.latchListeners.add(listener);
    return () => this.latchListeners.delete(listener);
  }

  /** The current clock mapping (null while disconnected). */
  clockEstimate(): ClockEstimate | null {
    return this.supervisor.current?.clock.estimate() ?? null;
  }

  /** The prop's clock rate from CAPS (null while disconnected). */
  deviceClockHz(): number | null {
    return this.supervisor.current?.caps?.clockHz ?? null;
  }

  /** Device ticks at a show time, by the current mapping (null while disconnected or unsynced). */
  showTimeToTicks(showAt: Seconds): number | null {
    const session = this.supervisor.current;
    if (session === null) return null;
    return session.clock.hostToDeviceTicks(this.hostMsAt(showAt));
  }

  /** Clock steps followed in the current session (an emulator starved by its host; never a crystal). */
  clockSteps(): number {
    return this.supervisor.current?.clockSteps ?? 0;
  }

  deviceCounters(): DeviceCounters {
    return { ...this.totals };
  }

  /** Upload a program image (src/firmware-protocol program image) and arm it; `name` is not stored. */
  async uploadProgram(propId: string, image: Uint8Array, _name: string): Promise<void> {
    const address = this.addressOf(propId);
    const decoded = decodeProgramImage(image);
    if (!decoded.ok) throw new Error(`program for ${propId} is not a valid image: ${decoded.fault.message}`);
    const session = this.supervisor.current;
    if (session === null || session.caps === null) throw new Error(`link ${this.id} is not connected`);
    if (image.length > session.caps.programCapacity) {
      throw new Error(
        `program of ${image.length} bytes exceeds ${propId}'s ${session.caps.programCapacity} bytes`,
      );
    }
    const target = address ?? session.capsProp;
    const chunkBytes = Math.max(1, session.caps.maxPayload - 3);
    await session.request(
      { type: 'program', op: 'begin', totalBytes: image.length, imageCrc: crc16(image) },
      target,
    );
    for (let offset = 0; offset < image.length; offset += chunkBytes) {
      const data = image.subarray(offset, offset + chunkBytes);
      await session.request({ type: 'program', op: 'chunk', offset, data }, target);
    }
    await session.request({ type: 'program', op: 'commit' }, target);
    const showStartTicks = session.clock.hostToDeviceTicks(this.hostMsAt(0));
    if (showStartTicks === null) throw new Error(`link ${this.id} has no clock sync yet`);
    await session.request(
      { type: 'program', op: 'arm', showStartTicks, holdoverMs: this.settings.programHoldoverMs },
      target,
    );
  }

  async blackout(): Promise<void> {
    this.discardQueued();
    const session = this.supervisor.current;
    if (session === null) return;
    // Wait for the prop to confirm, so that a shutdown closing the port next cannot cut the blackout off.
    if (!(await session.blackout(BLACKOUT_CONFIRM_MS))) this.lastError = `no prop confirmed the blackout`;
  }

  async close(): Promise<void> {
    this.pump.stop();
    this.discardQueued();
    this.setStatus('closed');
    await this.supervisor.destroy();
    this.forgetSession();
  }

  protected override clockOffsetMs(): number | null {
    const estimate = this.clockEstimate();
    const clockHz = this.deviceClockHz();
    if (estimate === null || clockHz === null) return null;
    return (estimate.deviceTicksAtReference * 1000) / clockHz - estimate.referenceHostMs;
  }

  protected override rttMs(): number | null {
    return this.clockEstimate()?.minRttMs ?? null;
  }

  protected transmit(frames: readonly StampedFrame[], now: Seconds): void {
    const session = this.supervisor.current;
    if (session === null || session.caps === null) {
      this.counters.framesDropped += frames.length;
      return;
    }
    const hostNow = this.hostNowMs();
    this.giveUpOnUnacked(hostNow);
    for (const frame of frames) {
      const hostShowMs = hostNow + (frame.showAt - now) * 1000;
      const ticks = session.clock.hostToDeviceTicks(hostShowMs);
      const address = this.addressOf(frame.propId) ?? session.capsProp;
      if (ticks === null || this.inFlightFor(address) >= session.caps.bufferDepth) {
        this.counters.framesDropped += 1;
        continue;
      }
      const arrivesMs =
        session.wire.freeAtMs + session.wire.wireMs(frame.pixels.length + FRAME_OVERHEAD_BYTES);
      if (arrivesMs > hostShowMs) {
        this.counters.framesLate += 1;
        continue;
      }
      const { seq } = session.send({ type: 'frame', showAt: ticks, pixels: frame.pixels }, address);
      this.inFlight.set(seq, { propId: frame.propId, address, showAt: frame.showAt, hostShowMs });
      this.counters.framesSent += 1;
    }
  }

  private async openSession(lost: (reason: string) => void): Promise<SerialSession> {
    const path = await this.options.port();
    if (path === null) throw new Error(`link ${this.id}: device not plugged in`);
    return SerialSession.open({
      path,
      baudRate: this.settings.baudRate,
      hostNowMs: this.hostNowMs,
      handshakeTimeoutMs: this.settings.handshakeTimeoutMs,
      pingIntervalMs: this.settings.pingIntervalMs,
      heartbeatTimeoutMs: this.settings.heartbeatTimeoutMs,
      initialPings: this.settings.initialPings,
      outputs: this.options.props.map((prop) => ({
        address: prop.address ?? null,
        brightness: prop.brightness ?? 255,
        colorOrder: prop.colorOrder ?? 'rgb',
        gammaTenths: prop.gammaTenths ?? 10,
      })),
      onStatus: (prop, status) => this.handleStatus(prop, status),
      onDeviceError: (prop, refSeq, refType, code) => {
        this.totals.refused += 1;
        this.lastError = `prop ${prop} refused seq ${refSeq}: ${code}`;
        if (refType === MessageType.frame && this.inFlight.delete(refSeq)) this.counters.framesDropped += 1;
      },
      onWarning: (message) => {
        this.lastError = message;
      },
      onBadInput: (message) => {
        this.counters.badInput += 1;
        this.lastError = `bad bytes from the prop: ${message}`;
      },
      lost,
    });
  }

  private handleStatus(prop: number, status: StatusMessage): void {
    const previous = this.lastDeviceCounters.get(prop);
    this.lastDeviceCounters.set(prop, status);
    if (previous !== undefined) {
      const late = diffU32(status.lateCount, previous.lateCount);
      const dropped = diffU32(status.droppedCount, previous.droppedCount);
      this.totals.late += late;
      this.totals.dropped += dropped;
      this.totals.crcErrors += diffU32(status.crcErrorCount, previous.crcErrorCount);
      this.totals.malformed += diffU32(status.malformedCount, previous.malformedCount);
      this.counters.framesLate += late;
    }
    const entry = this.inFlight.get(status.latchedSeq);
    if (entry === undefined || status.mode !== 'live') return;
    this.inFlight.delete(status.latchedSeq);
    const clockHz = this.deviceClockHz() ?? 1;
    const report: LatchReport = {
      propId: entry.propId,
      seq: status.latchedSeq,
      showAt: entry.showAt,
      intendedTicks: status.intendedTicks,
      actualTicks: status.actualTicks,
      errorMs: (diffU32(status.actualTicks, status.intendedTicks) * 1000) / clockHz,
    };
    for (const listener of this.latchListeners) listener(report);
  }

  private giveUpOnUnacked(hostNow: number): void {
    for (const [seq, entry] of this.inFlight) {
      if (hostNow - entry.hostShowMs <= ACK_GIVE_UP_MS) continue;
      this.inFlight.delete(seq);
      this.counters.framesDropped += 1;
    }
  }

  /** Frames the prop may still hold: not yet acknowledged, and not long past their time (lost ones). */
  private inFlightFor(address: number): number {
    const since = this.hostNowMs() - UNACKED_GRACE_MS;
    let count = 0;
    for (const entry of this.inFlight.values()) {
      if (entry.address === address && entry.hostShowMs > since) count += 1;
    }
    return count;
  }

  /** A new session is a new prop clock and fresh counters: nothing of the old one carries over. */
  private forgetSession(): void {
    this.counters.framesDropped += this.inFlight.size;
    this.inFlight.clear();
    this.lastDeviceCounters.clear();
  }

  private hostMsAt(showAt: Seconds): number {
    return this.hostNowMs() + (showAt - this.clock.now()) * 1000;
  }

  private addressOf(propId: string): number | undefined {
    const prop = this.options.props.find((candidate) => candidate.propId === propId);
    if (prop === undefined) throw new RangeError(`link ${this.id} does not drive prop ${propId}`);
    return prop.address;
  }
}
