// The one show clock the daemon hands out, whose source can change while the show runs: a performer loads
// a new song (or undoes it) without a restart. Why a wrapper rather than swapping AudioPlayback's buffer: a
// show can go from no song (a VirtualClock, no audio output at all) to a song and back, and a new song may
// need a context at another sample rate; a wrapper covers every case with one rule, and everything that
// holds the clock (live loop, devices, controllers, assistant, beat feed) keeps holding a valid object.
// Listeners subscribe here once; the current source's events are re-emitted, so none is lost on a switch.
import type { Seconds } from '../show/time.js';
import { ClockEvents } from './clock-events.js';
import type {
  ShowClock,
  ShowClockEventName,
  ShowClockEvents,
  ShowClockListener,
  ShowClockState,
  Transport,
} from './show-clock.js';
import type { LoopRange } from './transport-timeline.js';
import { VirtualClock } from './virtual-clock.js';

/** What can stand behind the switchable clock: audio playback or a virtual clock. */
export type ClockSource = ShowClock &
  Transport & {
    close?: () => Promise<void>;
    setCalibration?: (seconds: number) => void;
    readonly totalLatencySeconds?: number;
  };

const RELAYED: readonly ShowClockEventName[] = ['play', 'pause', 'seek', 'loop', 'rate', 'ended'];

export class SwitchableClock implements ShowClock, Transport {
  private readonly events = new ClockEvents();
  private current: ClockSource;
  private detach: () => void;
  /** The rig's calibration, kept so a song loaded later is heard as late as the one before. */
  private calibration: number | null = null;

  constructor(source: ClockSource) {
    this.current = source;
    this.detach = this.attach(source);
  }

  /** The clock behind this one now (an AudioPlayback while a song is loaded). */
  get source(): ClockSource {
    return this.current;
  }

  now(): Seconds {
    return this.current.now();
  }

  hostNowMs(): number {
    return this.current.hostNowMs();
  }

  get state(): ShowClockState {
    return this.current.state;
  }

  on<E extends ShowClockEventName>(event: E, listener: ShowClockListener<E>): () => void {
    return this.events.on(event, listener);
  }

  play(): void {
    this.current.play();
  }

  pause(): void {
    this.current.pause();
  }

  seek(position: Seconds): void {
    this.current.seek(position);
  }

  setLoop(range: LoopRange | null): void {
    this.current.setLoop(range);
  }

  setRate(rate: number): void {
    this.current.setRate(rate);
  }

  setCalibration(seconds: number): void {
    this.calibration = seconds;
    this.current.setCalibration?.(seconds);
  }

  /** Seconds from rendering a sample to the audience hearing it (0 without audio). */
  get totalLatencySeconds(): number {
    return this.current.totalLatencySeconds ?? 0;
  }

  /**
   * Closes the old source, then puts the one `open` makes (paused at 0) behind the clock. The old one
   * closes first: a sound card opened exclusively takes a second stream only once the first has let go.
   * If `open` fails, a silent clock of `fallbackDuration` stands in (the show runs on) and the error is
   * thrown. Listeners hear a pause (if the old one was playing) and a seek to 0, so the live loop and the
   * devices drop what they rendered ahead. The rehearsal rate carries over; a loop does not (it was set
   * within the old song).
   */
  async switchTo(open: () => Promise<ClockSource>, fallbackDuration: Seconds): Promise<void> {
    const previous = this.current;
    const from = previous.now();
    const { playing, rate } = previous.state;
    this.detach();
    this.detach = () => {};
    if (playing) previous.pause();
    await previous.close?.();
    let next: ClockSource;
    let failure: unknown = null;
    try {
      next = await open();
    } catch (error) {
      failure = error;
      next = new VirtualClock({ duration: fallbackDuration });
    }
    if (this.calibration !== null) next.setCalibration?.(this.calibration);
    if (rate !== next.state.rate) next.setRate(rate);
    this.current = next;
    this.detach = this.attach(next);
    const heardAtMs = next.hostNowMs();
    if (playing) this.events.emit('pause', { at: from, heardAtMs });
    this.events.emit('seek', { from, to: next.now(), heardAtMs });
    if (failure !== null) throw failure;
  }

  async close(): Promise<void> {
    this.detach();
    await this.current.close?.();
  }

  private attach(source: ClockSource): () => void {
    const unsubscribes = RELAYED.map((name) => this.relay(source, name));
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }

  private relay<E extends ShowClockEventName>(source: ClockSource, name: E): () => void {
    return source.on(name, (event: ShowClockEvents[E]) => this.events.emit(name, event));
  }
}
