/** One benchmark: `run` measures and returns the figures the issue names; the runner adds `"bench": name`. */
export interface Benchmark {
  readonly name: string;
  readonly description: string;
  run(): Promise<Record<string, unknown>>;
}

/** Median and other percentiles of a sample (nearest-rank), for latency figures. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
