import type { Segment } from '../model/segment.js';

/**
 * Index of the last segment whose start, under `key`, is ≤ `position`, or −1: a binary search, so every
 * lookup on a sorted, non-overlapping timeline costs O(log n).
 */
export function lastStartingAtOrBefore(
  segments: readonly Segment[],
  position: number,
  key: (segment: Segment) => number = (segment) => segment.start,
): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (key(segments[middle] as Segment) <= position) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Index of the first segment that ends after `time` (the first that could overlap [time, …)). */
export function firstEndingAfter(segments: readonly Segment[], time: number): number {
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((segments[middle] as Segment).end <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}
