// Every conversion between show time (seconds) and frame indices lives here, so that the renderer, the
// device scheduler and the PRG exporter agree on which frame a moment belongs to.

/** Show time in seconds from the start of the song. */
export type Seconds = number;
/** Index of a frame at some frame rate: frame k covers [k/rate, (k+1)/rate). */
export type FrameIndex = number;
/** Frames per second. */
export type FrameRate = number;

// Float times such as 0.3 * 100 = 29.999999999999996 must land on frame 30, not 29.
const FRAME_EPSILON = 1e-6;

/** The frame that contains show time t at the given rate. */
export function frameIndexAt(time: Seconds, rate: FrameRate): FrameIndex {
  return Math.floor(time * rate + FRAME_EPSILON);
}

/**
 * The first frame whose start is at or after time t: the frame on which something that starts at t first
 * shows. A boundary at t belongs to the segment that starts there, so no boundary flickers between two
 * renderings and no segment shorter than a frame vanishes between two quantised boundaries unnoticed.
 */
export function firstFrameAtOrAfter(time: Seconds, rate: FrameRate): FrameIndex {
  return Math.ceil(time * rate - FRAME_EPSILON);
}

/** Show time at which a frame starts. */
export function frameStartTime(frame: FrameIndex, rate: FrameRate): Seconds {
  return frame / rate;
}
