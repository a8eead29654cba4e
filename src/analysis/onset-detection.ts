// Onsets: peaks of the spectral flux that stand above their neighbourhood, at most one per 35 ms.

export function detectOnsetFrames(strength: Float32Array, frameRate: number): number[] {
  const sorted = Float32Array.from(strength).sort();
  const floor = 0.1 * (sorted[Math.floor(sorted.length * 0.99)] ?? 0);
  const peakRadius = 3;
  const meanRadius = Math.round(frameRate * 0.25);
  const minGap = Math.round(frameRate * 0.035);
  const onsets: number[] = [];
  const prefix = new Float64Array(strength.length + 1);
  for (let index = 0; index < strength.length; index += 1)
    prefix[index + 1] = (prefix[index] as number) + (strength[index] as number);
  for (let t = 1; t < strength.length - 1; t += 1) {
    const value = strength[t] as number;
    if (value <= floor) continue;
    let isPeak = true;
    for (
      let other = Math.max(0, t - peakRadius);
      other <= Math.min(strength.length - 1, t + peakRadius) && isPeak;
      other += 1
    ) {
      if ((strength[other] as number) > value || ((strength[other] as number) === value && other < t))
        isPeak = other === t;
    }
    if (!isPeak) continue;
    const from = Math.max(0, t - meanRadius);
    const to = Math.min(strength.length, t + meanRadius + 1);
    const localMean = ((prefix[to] as number) - (prefix[from] as number)) / (to - from);
    if (value < 1.5 * localMean) continue;
    if (onsets.length > 0 && t - (onsets.at(-1) as number) < minGap) continue;
    onsets.push(t);
  }
  return onsets;
}
