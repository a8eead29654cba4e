// Where in the song the playhead is at a given transport time. One pure description shared by the audio
// playback (transport time = the audio context's time) and the virtual clock (transport time = host time),
// so a seek, a loop or a rate change means the same thing whichever clock runs the show.
import type { Seconds } from '../show/time.js';

export interface LoopRange {
  readonly start: Seconds;
  readonly end: Seconds;
}

/** The playhead from `anchorTime` on: still while paused, moving at `rate` while playing. */
export interface TransportSegment {
  /** Transport time (context or host seconds) at which this segment begins. */
  readonly anchorTime: number;
  /** Song position at `anchorTime`. */
  readonly anchorPosition: Seconds;
  readonly playing: boolean;
  /** Song seconds per transport second. */
  readonly rate: number;
  readonly loop: LoopRange | null;
  /** Song length: the playhead stops here when not looping. */
  readonly duration: Seconds;
}

/** Positions never come closer than this to a loop's end; a 1-sample loop would spin forever. */
export const MIN_LOOP_SECONDS = 0.05;

/** Song position at transport time t (t before the anchor: the anchor position, as nothing has moved yet). */
export function positionAt(segment: TransportSegment, time: number): Seconds {
  if (!segment.playing || time <= segment.anchorTime) return segment.anchorPosition;
  return wrap(segment, segment.anchorPosition + (time - segment.anchorTime) * segment.rate);
}

/** Folds a straight-line position into the loop, or stops it at the song's end. */
export function wrap(segment: TransportSegment, linear: Seconds): Seconds {
  const { loop, anchorPosition } = segment;
  if (loop !== null && anchorPosition < loop.end && linear >= loop.end) {
    return loop.start + ((linear - loop.end) % (loop.end - loop.start));
  }
  return Math.min(linear, segment.duration);
}

/** How many times the playhead has gone round the loop by transport time t (0 without a loop). */
export function loopCount(segment: TransportSegment, time: number): number {
  const { loop } = segment;
  if (loop === null || !segment.playing || time <= segment.anchorTime || segment.anchorPosition >= loop.end)
    return 0;
  const linear = segment.anchorPosition + (time - segment.anchorTime) * segment.rate;
  return linear < loop.end ? 0 : 1 + Math.floor((linear - loop.end) / (loop.end - loop.start));
}

/** Transport time at which a playing segment reaches the song's end (Infinity when looping or paused). */
export function endTime(segment: TransportSegment): number {
  if (!segment.playing || (segment.loop !== null && segment.anchorPosition < segment.loop.end))
    return Infinity;
  return segment.anchorTime + (segment.duration - segment.anchorPosition) / segment.rate;
}

/** Checks a loop against the song; returns a reason it is unusable, or null. */
export function loopProblem(loop: LoopRange, duration: Seconds): string | null {
  if (!Number.isFinite(loop.start) || !Number.isFinite(loop.end)) return 'loop bounds must be finite seconds';
  if (loop.start < 0 || loop.end > duration) {
    return `loop ${loop.start}–${loop.end} s is outside the song (0–${duration.toFixed(3)} s)`;
  }
  if (loop.end - loop.start < MIN_LOOP_SECONDS) {
    return `loop ${loop.start}–${loop.end} s is shorter than ${MIN_LOOP_SECONDS * 1000} ms`;
  }
  return null;
}

/**
 * The segment in force at transport time t, from a list ordered by anchor time: changes are scheduled a
 * little ahead (and heard later still), so until t reaches a new segment the one before it still runs.
 */
export function segmentAt(segments: readonly TransportSegment[], time: number): TransportSegment {
  // From the end: reads are almost always about the newest segments.
  for (let index = segments.length - 1; index > 0; index--) {
    const segment = segments[index] as TransportSegment;
    if (segment.anchorTime <= time) return segment;
  }
  return segments[0] as TransportSegment;
}
