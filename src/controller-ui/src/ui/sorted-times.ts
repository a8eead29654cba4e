// Binary searches over sorted show times (beats, downbeats), shared by the timeline, placement and readout.

/** Index of the first time ≥ t, or `times.length` when there is none. */
export function firstAtOrAfter(times: readonly number[], t: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] as number) < t) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the last time ≤ t (within a microsecond), or -1. */
export function lastAtOrBefore(times: readonly number[], t: number): number {
  return firstAtOrAfter(times, t + 1e-6 + Number.EPSILON) - 1;
}
