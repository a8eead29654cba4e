// The one clock every timed part of the show reads: the renderer, the device scheduler, beat events.
// It tells the position in the song that the audience hears now, in show seconds.
import type { Seconds } from '../show/time.js';
import type { LoopRange } from './transport-timeline.js';

export interface ShowClockState {
  readonly playing: boolean;
  /** Song seconds per real second (1 in a show, less or more in rehearsal). */
  readonly rate: number;
  readonly loop: LoopRange | null;
  readonly duration: Seconds;
}

/** Each event carries the show time at which it is heard and the host time (performance.now ms) of that. */
export interface ShowClockEvents {
  play: { readonly at: Seconds; readonly heardAtMs: number };
  pause: { readonly at: Seconds; readonly heardAtMs: number };
  /** A jump the listener cannot have predicted: drop anything rendered ahead for the old position. */
  seek: { readonly from: Seconds; readonly to: Seconds; readonly heardAtMs: number };
  /** The playhead went round the loop (predictable from `state.loop`, announced when it happens). */
  loop: { readonly from: Seconds; readonly to: Seconds; readonly heardAtMs: number };
  rate: { readonly rate: number; readonly at: Seconds; readonly heardAtMs: number };
  /** The song played to its end; the clock now stands at `duration`. */
  ended: { readonly at: Seconds; readonly heardAtMs: number };
}

export type ShowClockEventName = keyof ShowClockEvents;
export type ShowClockListener<E extends ShowClockEventName> = (event: ShowClockEvents[E]) => void;

export interface ShowClock {
  /**
   * The heard song position, smooth between audio render quanta. It never goes back except where a seek
   * or a loop is heard (the event's heardAtMs; a seek is announced ahead of that moment).
   */
  now(): Seconds;
  /** The host time (performance.now() ms) the clock is disciplined against, read at the same instant. */
  hostNowMs(): number;
  readonly state: ShowClockState;
  /** Subscribes; returns the function that unsubscribes. */
  on<E extends ShowClockEventName>(event: E, listener: ShowClockListener<E>): () => void;
}

/** The controls a performer has over the clock: the same for audio playback and the virtual clock. */
export interface Transport {
  play(): void;
  pause(): void;
  seek(position: Seconds): void;
  /** Loops `range` (a playhead past its end jumps to its start); null plays straight on. */
  setLoop(range: LoopRange | null): void;
  setRate(rate: number): void;
}

/** Rehearsal rates the transport accepts: slower than a quarter or faster than double is no rehearsal. */
export const MIN_RATE = 0.25;
export const MAX_RATE = 2;

/** Invalid transport requests throw this, and nothing changes. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
}

export function checkRate(rate: number): void {
  if (!(rate >= MIN_RATE && rate <= MAX_RATE)) {
    throw new TransportError(`playback rate must be between ${MIN_RATE} and ${MAX_RATE}, not ${rate}`);
  }
}

export function checkPosition(position: Seconds, duration: Seconds): void {
  if (!(position >= 0 && position <= duration)) {
    throw new TransportError(`cannot seek to ${position} s: the song is 0–${duration.toFixed(3)} s`);
  }
}
