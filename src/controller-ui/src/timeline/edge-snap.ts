// Where a dragged segment edge lands: on a beat when the finger is close to one, else on a frame.
import { frameBoundary, frameStartTime, type BeatGrid } from '../../../show/index.js';

/** Within this many pixels of a beat, the edge jumps onto it. */
const SNAP_PX = 12;

export function snapEdge(time: number, grid: BeatGrid, pixelsPerSecond: number, frameRate: number): number {
  let best = time;
  let bestDistance = SNAP_PX / pixelsPerSecond;
  for (const beat of grid.beats) {
    const distance = Math.abs(beat - time);
    if (distance <= bestDistance) {
      best = beat;
      bestDistance = distance;
    }
    if (beat > time + bestDistance) break;
  }
  if (best !== time) return best;
  return frameStartTime(frameBoundary(Math.max(time, 0), frameRate), frameRate);
}
