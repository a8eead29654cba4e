// Evaluation metrics for beat tracking, as used in MIR evaluation: F-measure with a ±70 ms window that
// ignores the first 5 s, tempo accuracy within 4 %, and time to lock for trackers that run in real time.

export interface BeatFMeasureOptions {
  /** Half-width of the match window, seconds. */
  readonly tolerance?: number;
  /** Beats (detected and true) before this time are not scored: trackers need a few seconds to settle. */
  readonly ignoreBefore?: number;
}

export interface BeatScore {
  readonly fMeasure: number;
  readonly precision: number;
  readonly recall: number;
  readonly matched: number;
}

/** Pairs each true beat with at most one detection within the window (both lists sorted ascending). */
export function matchBeats(
  detected: readonly number[],
  truth: readonly number[],
  tolerance: number,
): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let next = 0;
  for (let truthIndex = 0; truthIndex < truth.length; truthIndex += 1) {
    const target = truth[truthIndex] as number;
    while (next < detected.length && (detected[next] as number) < target - tolerance) next += 1;
    let best = -1;
    for (
      let candidate = next;
      candidate < detected.length && (detected[candidate] as number) <= target + tolerance;
      candidate += 1
    ) {
      if (
        best < 0 ||
        Math.abs((detected[candidate] as number) - target) < Math.abs((detected[best] as number) - target)
      )
        best = candidate;
    }
    if (best >= 0) {
      pairs.push([best, truthIndex]);
      next = best + 1;
    }
  }
  return pairs;
}

export function beatFMeasure(
  detected: readonly number[],
  truth: readonly number[],
  options: BeatFMeasureOptions = {},
): BeatScore {
  const tolerance = options.tolerance ?? 0.07;
  const ignoreBefore = options.ignoreBefore ?? 5;
  const scoredDetections = detected.filter((time) => time >= ignoreBefore);
  const scoredTruth = truth.filter((time) => time >= ignoreBefore);
  if (scoredTruth.length === 0 && scoredDetections.length === 0)
    return { fMeasure: 1, precision: 1, recall: 1, matched: 0 };
  const matched = matchBeats(scoredDetections, scoredTruth, tolerance).length;
  const precision = scoredDetections.length === 0 ? 0 : matched / scoredDetections.length;
  const recall = scoredTruth.length === 0 ? 0 : matched / scoredTruth.length;
  const fMeasure = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { fMeasure, precision, recall, matched };
}

/** True when the estimate is within `tolerance` (relative, 4 % by default) of the true tempo. */
export function tempoIsAccurate(estimatedBpm: number, trueBpm: number, tolerance = 0.04): boolean {
  return Math.abs(estimatedBpm - trueBpm) <= tolerance * trueBpm;
}

/**
 * Seconds from `musicStart` until the tracker is locked: the first true beat from which `run` true beats in
 * a row are each matched by one fired beat with no extra beats fired among them. Infinity if it never locks.
 */
export function timeToLock(
  fired: readonly number[],
  truth: readonly number[],
  musicStart: number,
  tolerance = 0.07,
  run = 4,
): number {
  const pairs = matchBeats(fired, truth, tolerance);
  const firedForTruth = new Map<number, number>(
    pairs.map(([firedIndex, truthIndex]) => [truthIndex, firedIndex]),
  );
  for (let start = 0; start + run <= truth.length; start += 1) {
    let locked = true;
    for (let offset = 0; offset < run && locked; offset += 1) {
      const firedIndex = firedForTruth.get(start + offset);
      const previous = offset === 0 ? undefined : firedForTruth.get(start + offset - 1);
      // Consecutive true beats must map to consecutive fired beats: nothing fired in between.
      locked = firedIndex !== undefined && (previous === undefined || firedIndex === previous + 1);
    }
    if (locked) return Math.max(0, (truth[start] as number) - musicStart);
  }
  return Number.POSITIVE_INFINITY;
}
