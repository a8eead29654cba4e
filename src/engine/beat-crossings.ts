// Which beats of the grid the playhead passed between two readings of the clock.
import type { Seconds } from '../show/time.js';

/** Index of the first beat strictly after `time` (beats ascending). */
export function firstBeatAfter(beats: readonly Seconds[], time: Seconds): number {
  let low = 0;
  let high = beats.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((beats[middle] as Seconds) <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Indices of beats in (from, to]. A playhead that moved backwards (seek, loop) crossed nothing: the beats
 * after the jump are reported from the next reading on.
 */
export function beatsCrossed(beats: readonly Seconds[], from: Seconds, to: Seconds): number[] {
  if (!(to > from)) return [];
  const crossed: number[] = [];
  for (
    let index = firstBeatAfter(beats, from);
    index < beats.length && (beats[index] as Seconds) <= to;
    index++
  ) {
    crossed.push(index);
  }
  return crossed;
}
