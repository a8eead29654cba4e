// Offline beat tracking by dynamic programming (after Ellis 2007), made tempo-change aware: the ideal
// inter-beat interval at each frame comes from the tempo track rather than one global tempo. The best beat
// sequence maximises onset strength on the beats minus a penalty for intervals that stray from the period.

/** How strongly intervals are held to the local period; 100 is Ellis's value, kept after measurement. */
const tightness = 100;

export function trackBeatFrames(envelope: Float32Array, periods: Float32Array): number[] {
  const frames = envelope.length;
  const scores = new Float64Array(frames);
  const previous = new Int32Array(frames).fill(-1);
  for (let t = 0; t < frames; t += 1) {
    const period = periods[t] as number;
    const from = Math.max(0, Math.round(t - 2 * period));
    const to = t - Math.round(period / 2);
    let best = 0;
    let bestFrom = -1;
    for (let candidate = from; candidate <= to; candidate += 1) {
      const deviation = Math.log((t - candidate) / period);
      const value = (scores[candidate] as number) - tightness * deviation * deviation;
      if (value > best) {
        best = value;
        bestFrom = candidate;
      }
    }
    scores[t] = (envelope[t] as number) + best;
    previous[t] = bestFrom;
  }
  // The last beat: the best-scoring frame within the final beat period.
  const lastPeriod = periods[frames - 1] ?? 50;
  let end = Math.max(0, frames - 1);
  for (let t = Math.max(0, Math.floor(frames - lastPeriod)); t < frames; t += 1)
    if ((scores[t] as number) > (scores[end] as number)) end = t;
  const beats: number[] = [];
  for (let t = end; t >= 0; t = previous[t] as number) beats.push(t);
  return beats.reverse();
}

/** Moves each beat to the centre of the onset peak next to it (sub-frame) when one is within ±2 frames. */
export function refineBeatFrames(envelope: Float32Array, beatFrames: readonly number[]): number[] {
  return beatFrames.map((frame) => {
    let peak = frame;
    for (let candidate = frame - 2; candidate <= frame + 2; candidate += 1) {
      if ((envelope[candidate] ?? -1) > (envelope[peak] ?? -1)) peak = candidate;
    }
    const left = envelope[peak - 1] ?? 0;
    const centre = envelope[peak] ?? 0;
    const right = envelope[peak + 1] ?? 0;
    const curvature = left - 2 * centre + right;
    if (centre <= 0 || curvature >= 0) return frame;
    return peak + Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature));
  });
}

/**
 * Drops beats the DP extrapolated past the music at either end (the periodic path costs nothing in silence,
 * noise or a reverb tail, so it runs on): leading and trailing beats whose onset strength is a small
 * fraction of the song's typical beat are removed.
 */
export function trimUnsupportedBeats(beatFrames: readonly number[], envelope: Float32Array): number[] {
  const strengthAt = (frame: number) =>
    Math.max(
      envelope[Math.round(frame) - 1] ?? 0,
      envelope[Math.round(frame)] ?? 0,
      envelope[Math.round(frame) + 1] ?? 0,
    );
  const strengths = beatFrames.map(strengthAt);
  const typical = [...strengths].sort((a, b) => a - b)[Math.floor(strengths.length / 2)] ?? 0;
  // Silence: no beat has any onset under it, so there are no beats at all.
  if (typical <= 0) return [];
  const supported = (index: number) => (strengths[index] as number) >= 0.25 * typical;
  let first = 0;
  while (first < beatFrames.length && !supported(first)) first += 1;
  let last = beatFrames.length - 1;
  while (last >= first && !supported(last)) last -= 1;
  return beatFrames.slice(first, last + 1);
}
