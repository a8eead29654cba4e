// What every driver shares: the status machine and its events, the counters behind LinkState, frame
// validation and the frame pump. A driver adds its transport: open/handshake, transmit, blackout, close.
import { EventEmitter } from 'node:events';
import type { Seconds } from '../show/time.js';
import { FramePump } from './frame-pump.js';
import type {
  LinkKind,
  LinkProp,
  LinkState,
  LinkStatus,
  PropLink,
  PropLinkEvents,
  StampedFrame,
} from './prop-link.js';
import { SessionSupervisor, type Session } from './session-supervisor.js';
import type { ShowClock } from './show-clock.js';

export interface LinkBaseOptions {
  readonly id: string;
  readonly props: readonly LinkProp[];
  readonly clock: ShowClock;
  readonly lookahead: Seconds;
  /** Whether only the newest due frame per prop matters (links that latch on arrival). */
  readonly supersede: boolean;
  /** A frame due later than this past its show time is counted late and not sent. */
  readonly lateTolerance: Seconds;
}

export interface LinkCounters {
  framesSent: number;
  framesLate: number;
  framesDropped: number;
  badInput: number;
  reconnects: number;
}

export abstract class LinkBase extends EventEmitter<PropLinkEvents> implements PropLink {
  abstract readonly kind: LinkKind;
  readonly id: string;
  readonly props: readonly LinkProp[];
  readonly lookahead: Seconds;
  protected readonly clock: ShowClock;
  protected readonly counters: LinkCounters = {
    framesSent: 0,
    framesLate: 0,
    framesDropped: 0,
    badInput: 0,
    reconnects: 0,
  };
  protected lastError: string | null = null;
  protected readonly pump: FramePump;
  private current: LinkStatus = 'idle';
  private readonly pixelCounts = new Map<string, number>();
  private readonly lateTolerance: Seconds;

  protected constructor(options: LinkBaseOptions) {
    super();
    this.id = options.id;
    this.props = options.props;
    this.clock = options.clock;
    this.lookahead = options.lookahead;
    this.lateTolerance = options.lateTolerance;
    for (const prop of options.props) {
      if (!Number.isInteger(prop.pixelCount) || prop.pixelCount < 1) {
        throw new RangeError(`link ${options.id}: prop ${prop.propId} needs a whole pixel count ≥ 1`);
      }
      if (this.pixelCounts.has(prop.propId)) {
        throw new RangeError(`link ${options.id}: prop ${prop.propId} is listed twice`);
      }
      this.pixelCounts.set(prop.propId, prop.pixelCount);
    }
    this.pump = new FramePump({
      clock: options.clock,
      lead: options.lookahead,
      supersede: options.supersede,
      onDue: (frames, now) => this.deliver(frames, now),
      onDropped: (count) => {
        this.counters.framesDropped += count;
      },
    });
  }

  status(): LinkStatus {
    return this.current;
  }

  state(): LinkState {
    return {
      id: this.id,
      kind: this.kind,
      status: this.current,
      props: this.props.map((prop) => prop.propId),
      clockOffsetMs: this.clockOffsetMs(),
      rttMs: this.rttMs(),
      ...this.counters,
      lastError: this.lastError,
    };
  }

  send(frame: StampedFrame): void {
    const pixelCount = this.pixelCounts.get(frame.propId);
    if (pixelCount === undefined) {
      throw new RangeError(`link ${this.id} does not drive prop ${frame.propId}`);
    }
    if (frame.pixels.length !== pixelCount * 3) {
      throw new RangeError(
        `link ${this.id}: prop ${frame.propId} has ${pixelCount} pixels, so a frame is ${pixelCount * 3} bytes, not ${frame.pixels.length}`,
      );
    }
    if (!Number.isFinite(frame.showAt)) throw new RangeError(`link ${this.id}: showAt must be a finite time`);
    if (this.current === 'closed') {
      this.counters.framesDropped += 1;
      return;
    }
    this.pump.push(frame);
  }

  discardQueued(): number {
    const count = this.pump.clear();
    this.counters.framesDropped += count;
    return count;
  }

  pixelCountOf(propId: string): number {
    const count = this.pixelCounts.get(propId);
    if (count === undefined) throw new RangeError(`link ${this.id} does not drive prop ${propId}`);
    return count;
  }

  abstract connect(): Promise<void>;
  abstract uploadProgram(propId: string, program: Uint8Array, name: string): Promise<void>;
  abstract blackout(): Promise<void>;
  abstract close(): Promise<void>;

  /** Put due frames on the wire. Only called while connected, with frames that are not yet late. */
  protected abstract transmit(frames: readonly StampedFrame[], now: Seconds): void;

  protected clockOffsetMs(): number | null {
    return null;
  }

  protected rttMs(): number | null {
    return null;
  }

  protected setStatus(next: LinkStatus, reason: string | null = null): void {
    if (this.current === 'closed' || this.current === next) return;
    this.current = next;
    if (reason !== null && next !== 'connected') this.lastError = reason;
    this.emit('status', next, reason);
  }

  /**
   * The reconnect discipline for links with a session (serial, Firmata): status follows the supervisor,
   * frames flow once connected, and `onLost` resets whatever the link kept about the old session.
   */
  protected supervise<S extends Session>(
    retryDelayMs: number,
    open: (lost: (reason: string) => void) => Promise<S>,
    onLost: () => void = () => undefined,
  ): SessionSupervisor<S> {
    return new SessionSupervisor<S>({
      retryDelayMs,
      open,
      onConnecting: () => this.setStatus('connecting'),
      onConnected: () => {
        this.setStatus('connected');
        this.pump.start();
      },
      onDisconnected: (reason, wasConnected) => {
        if (wasConnected) this.counters.reconnects += 1;
        onLost();
        this.setStatus('disconnected', reason);
      },
    });
  }

  /** Resolves on the first 'connected'; rejects if the link is closed first. */
  protected whenConnected(): Promise<void> {
    if (this.current === 'connected') return Promise.resolve();
    if (this.current === 'closed') return Promise.reject(new Error(`link ${this.id} is closed`));
    return new Promise((resolve, reject) => {
      const onStatus = (status: LinkStatus): void => {
        if (status === 'connected') {
          this.off('status', onStatus);
          resolve();
        } else if (status === 'closed') {
          this.off('status', onStatus);
          reject(new Error(`link ${this.id} was closed before it connected`));
        }
      };
      this.on('status', onStatus);
    });
  }

  private deliver(frames: readonly StampedFrame[], now: Seconds): void {
    if (this.current !== 'connected') {
      this.counters.framesDropped += frames.length;
      return;
    }
    const inTime: StampedFrame[] = [];
    for (const frame of frames) {
      if (frame.showAt + this.lateTolerance < now) this.counters.framesLate += 1;
      else inTime.push(frame);
    }
    if (inTime.length > 0) this.transmit(inTime, now);
  }
}
