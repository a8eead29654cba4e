// Every conversion between show time (seconds) and frame indices lives here, so that the renderer, the
// device scheduler and the PRG exporter agree on which frame a moment belongs to.

/** Show time in seconds from the start of the song. */
export type Seconds = number;
/** Index of a frame at some frame rate: frame k is shown from k/rate until (k+1)/rate. */
export type FrameIndex = number;
/** Frames per second. */
export type FrameRate = number;

// Float times such as 0.3 * 100 = 29.999999999999996 must count as frame 30, not 29.
const FRAME_EPSILON = 1e-6;

/** The frame that is on show at time t (the one whose interval contains t). */
export function frameIndexAt(time: Seconds, rate: FrameRate): FrameIndex {
  return Math.floor(time * rate + FRAME_EPSILON);
}

/**
 * The frame on which a segment boundary at time t takes effect: the nearest frame start. Both ends of
 * every segment are quantised by this one rule, in the renderer and in every exporter, so a boundary never
 * flickers between two renderings, and a segment at least one frame long always keeps at least one frame
 * (round(x + d) − round(x) ≥ 1 whenever d ≥ 1).
 */
export function frameBoundary(time: Seconds, rate: FrameRate): FrameIndex {
  return Math.floor(time * rate + 0.5 + FRAME_EPSILON);
}

/** Show time at which a frame starts. */
export function frameStartTime(frame: FrameIndex, rate: FrameRate): Seconds {
  return frame / rate;
}

/** Shortest segment the show accepts at its frame rate: one frame. */
export function minimumSegmentDuration(rate: FrameRate): Seconds {
  return 1 / rate;
}
