// Local autocorrelation of the onset envelope: one row per analysis window, one column per lag. Tempo
// estimation (global level and its changes over time) works on this matrix.

export const minimumBpm = 50;
export const maximumBpm = 220;

export interface TempoAutocorrelation {
  readonly frameRate: number;
  readonly minLag: number;
  readonly maxLag: number;
  /** Centre frame of each window. */
  readonly windowCentres: number[];
  /** rows[w][lag - minLag]: autocorrelation normalised by the window's energy. */
  readonly rows: Float32Array[];
}

export function tempoAutocorrelation(
  envelope: Float32Array,
  frameRate: number,
  windowSeconds = 8,
  hopSeconds = 1,
): TempoAutocorrelation {
  const minLag = Math.floor((60 * frameRate) / maximumBpm);
  const maxLag = Math.ceil((60 * frameRate) / minimumBpm) + 1;
  const windowFrames = Math.round(windowSeconds * frameRate);
  const hopFrames = Math.round(hopSeconds * frameRate);
  const windowCentres: number[] = [];
  const rows: Float32Array[] = [];
  const lastStart = Math.max(0, envelope.length - windowFrames);
  for (let start = 0; ; start += hopFrames) {
    const from = Math.min(start, lastStart);
    const to = Math.min(envelope.length, from + windowFrames);
    const row = new Float32Array(maxLag - minLag + 1);
    let energy = 0;
    for (let t = from; t < to; t += 1) energy += (envelope[t] as number) ** 2;
    for (let lag = minLag; lag <= maxLag; lag += 1) {
      let sum = 0;
      for (let t = from; t + lag < to; t += 1) sum += (envelope[t] as number) * (envelope[t + lag] as number);
      // Unbiased: fewer overlapping frames at long lags must not read as a weaker pulse.
      row[lag - minLag] = energy > 0 ? (sum / energy) * ((to - from) / Math.max(1, to - from - lag)) : 0;
    }
    windowCentres.push(Math.round((from + to) / 2));
    rows.push(row);
    if (from === lastStart) break;
  }
  return { frameRate, minLag, maxLag, windowCentres, rows };
}

/** Value of a row at a fractional lag (linear interpolation), 0 outside the computed range. */
export function autocorrelationAt(correlation: TempoAutocorrelation, row: Float32Array, lag: number): number {
  if (lag < correlation.minLag || lag > correlation.maxLag) return 0;
  const position = lag - correlation.minLag;
  const low = Math.floor(position);
  const fraction = position - low;
  return (
    (row[low] as number) * (1 - fraction) + (row[Math.min(row.length - 1, low + 1)] as number) * fraction
  );
}

/** Mean of all rows: the whole song's periodicity. */
export function meanAutocorrelation(correlation: TempoAutocorrelation): Float32Array {
  const mean = new Float32Array(correlation.maxLag - correlation.minLag + 1);
  for (const row of correlation.rows)
    for (let index = 0; index < mean.length; index += 1)
      mean[index] = (mean[index] as number) + (row[index] as number) / correlation.rows.length;
  return mean;
}
