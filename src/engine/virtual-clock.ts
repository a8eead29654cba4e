// A show clock with no audio behind it: it runs on a host clock (performance.now for a show without
// music, a hand-driven clock in tests) with the same transport rules as audio playback, so everything
// that reads a ShowClock behaves the same on either.
import type { Seconds } from '../show/time.js';
import { ClockEvents } from './clock-events.js';
import {
  checkPosition,
  checkRate,
  TransportError,
  type ShowClock,
  type ShowClockEventName,
  type ShowClockListener,
  type ShowClockState,
  type Transport,
} from './show-clock.js';
import {
  endTime,
  loopCount,
  loopProblem,
  positionAt,
  type LoopRange,
  type TransportSegment,
} from './transport-timeline.js';

export interface VirtualClockOptions {
  /** Show length; a virtual show with no song may run as long as it likes. */
  readonly duration?: Seconds;
  /** Host clock in ms; performance.now by default. */
  readonly hostClock?: () => number;
}

export class VirtualClock implements ShowClock, Transport {
  private readonly events = new ClockEvents();
  private readonly hostClock: () => number;
  private segment: TransportSegment;
  private lastLoopCount = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.hostClock = options.hostClock ?? (() => performance.now());
    this.segment = {
      anchorTime: this.hostSeconds(),
      anchorPosition: 0,
      playing: false,
      rate: 1,
      loop: null,
      duration: options.duration ?? Infinity,
    };
  }

  now(): Seconds {
    return this.update();
  }

  hostNowMs(): number {
    return this.hostClock();
  }

  get state(): ShowClockState {
    const { playing, rate, loop, duration } = this.segment;
    return { playing, rate, loop, duration };
  }

  on<E extends ShowClockEventName>(event: E, listener: ShowClockListener<E>): () => void {
    return this.events.on(event, listener);
  }

  /** Plays on from the playhead; from the start when the show has run to its end. */
  play(): void {
    const at = this.reanchor((segment) => ({
      ...segment,
      playing: true,
      anchorPosition: segment.anchorPosition >= segment.duration ? 0 : segment.anchorPosition,
    }));
    this.events.emit('play', { at, heardAtMs: this.hostClock() });
  }

  pause(): void {
    const at = this.reanchor((segment) => ({ ...segment, playing: false }));
    this.events.emit('pause', { at, heardAtMs: this.hostClock() });
  }

  seek(position: Seconds): void {
    checkPosition(position, this.segment.duration);
    const from = this.update();
    this.reanchor((segment) => ({ ...segment, anchorPosition: position }));
    this.events.emit('seek', { from, to: position, heardAtMs: this.hostClock() });
  }

  setLoop(range: LoopRange | null): void {
    if (range !== null) {
      const problem = loopProblem(range, this.segment.duration);
      if (problem !== null) throw new TransportError(problem);
    }
    const from = this.update();
    const to = this.reanchor((segment) => ({
      ...segment,
      loop: range,
      anchorPosition:
        range !== null && segment.anchorPosition >= range.end ? range.start : segment.anchorPosition,
    }));
    if (to !== from) this.events.emit('seek', { from, to, heardAtMs: this.hostClock() });
  }

  setRate(rate: number): void {
    checkRate(rate);
    const at = this.reanchor((segment) => ({ ...segment, rate }));
    this.events.emit('rate', { rate, at, heardAtMs: this.hostClock() });
  }

  private hostSeconds(): number {
    return this.hostClock() / 1000;
  }

  /** Starts a new segment now; returns its position. */
  private reanchor(update: (segment: TransportSegment) => TransportSegment): Seconds {
    const position = this.update();
    this.segment = update({ ...this.segment, anchorTime: this.hostSeconds(), anchorPosition: position });
    this.lastLoopCount = 0;
    return this.segment.anchorPosition;
  }

  /** The position now, announcing loops and the end as time passes them. */
  private update(): Seconds {
    const now = this.hostSeconds();
    const loops = loopCount(this.segment, now);
    if (loops > this.lastLoopCount && this.segment.loop !== null) {
      this.lastLoopCount = loops;
      this.events.emit('loop', {
        from: this.segment.loop.end,
        to: this.segment.loop.start,
        heardAtMs: this.hostClock(),
      });
    }
    const ends = endTime(this.segment);
    if (now >= ends) {
      const { duration } = this.segment;
      this.segment = { ...this.segment, anchorTime: ends, anchorPosition: duration, playing: false };
      this.events.emit('ended', { at: duration, heardAtMs: ends * 1000 });
    }
    return positionAt(this.segment, now);
  }
}

/** A host clock that moves only when told: drive a VirtualClock (or anything taking `hostClock`) in tests. */
export class ManualHostClock {
  private ms = 0;
  readonly read = (): number => this.ms;
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}
