// Sections from novelty: bar-level timbre and harmony features, a self-similarity matrix, a checkerboard
// kernel sliding along its diagonal (Foote 2000); peaks of that novelty are the boundaries. Sections that
// sound alike share a label; energy is each section's loudness on a 40 dB scale below the loudest.
import type { SpectralFeatures } from './spectral-features.js';

export interface Section {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  /** 0..1: 1 is the loudest section, 0 is 40 dB or more below it. */
  readonly energy: number;
}

const kernelBars = 4;
const minimumSectionBars = 4;
const sameLabelDistance = 0.9;

function barFeatures(features: SpectralFeatures, boundaries: readonly number[]): number[][] {
  const dims = features.melBandCount + 12;
  const rows: number[][] = [];
  for (let bar = 0; bar + 1 < boundaries.length; bar += 1) {
    const from = Math.max(0, Math.round(boundaries[bar] as number));
    const to = Math.min(features.frameCount, Math.max(from + 1, Math.round(boundaries[bar + 1] as number)));
    const row = new Array<number>(dims).fill(0);
    for (let t = from; t < to; t += 1) {
      for (let band = 0; band < features.melBandCount; band += 1)
        row[band] = (row[band] as number) + (features.melBands[t * features.melBandCount + band] as number);
      for (let pc = 0; pc < 12; pc += 1)
        row[features.melBandCount + pc] =
          (row[features.melBandCount + pc] as number) + 30 * (features.chroma[t * 12 + pc] as number);
    }
    rows.push(row.map((value) => value / (to - from)));
  }
  // Standardise each dimension across bars so that no single band dominates the distances.
  for (let dim = 0; dim < dims; dim += 1) {
    const values = rows.map((row) => row[dim] as number);
    const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const deviation =
      Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length)) || 1;
    for (const row of rows) row[dim] = ((row[dim] as number) - mean) / deviation;
  }
  return rows;
}

function distance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += ((a[index] as number) - (b[index] as number)) ** 2;
  return Math.sqrt(sum / Math.max(1, a.length));
}

function noveltyCurve(rows: number[][]): number[] {
  const count = rows.length;
  const similarity = rows.map((a) => rows.map((b) => Math.exp(-distance(a, b))));
  const novelty = new Array<number>(count).fill(0);
  for (let centre = 1; centre < count; centre += 1) {
    let sum = 0;
    for (let a = -kernelBars; a < kernelBars; a += 1) {
      for (let b = -kernelBars; b < kernelBars; b += 1) {
        const i = centre + a;
        const j = centre + b;
        if (i < 0 || j < 0 || i >= count || j >= count) continue;
        const sign = a < 0 === b < 0 ? 1 : -1;
        const taper = Math.exp(-((a + 0.5) ** 2 + (b + 0.5) ** 2) / (2 * (kernelBars / 2) ** 2));
        sum += sign * taper * ((similarity[i] as number[])[j] as number);
      }
    }
    novelty[centre] = Math.max(0, sum);
  }
  return novelty;
}

function boundaryBars(novelty: readonly number[]): number[] {
  const mean = novelty.reduce((a, b) => a + b, 0) / Math.max(1, novelty.length);
  const deviation = Math.sqrt(novelty.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, novelty.length));
  const threshold = mean + 0.5 * deviation;
  const candidates = novelty
    .map((value, bar) => ({ value, bar }))
    .filter(
      ({ value, bar }) =>
        value > threshold && value >= (novelty[bar - 1] ?? 0) && value >= (novelty[bar + 1] ?? 0),
    )
    .sort((a, b) => b.value - a.value);
  const chosen: number[] = [];
  for (const { bar } of candidates) {
    if (bar < minimumSectionBars / 2 || bar > novelty.length - minimumSectionBars / 2) continue;
    if (chosen.every((other) => Math.abs(other - bar) >= minimumSectionBars)) chosen.push(bar);
  }
  return chosen.sort((a, b) => a - b);
}

function labelFor(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `S${index + 1}`;
}

/**
 * Sections of the song over its bars. `downbeatFrames` are the bar starts in feature frames; `duration`
 * closes the last section.
 */
export function segmentSections(
  features: SpectralFeatures,
  downbeatFrames: readonly number[],
  duration: number,
): Section[] {
  const frameTime = (frame: number) => frame / features.frameRate;
  const rmsDb = (from: number, to: number) => {
    let energy = 0;
    const first = Math.max(0, Math.round(from));
    const last = Math.min(features.frameCount, Math.max(first + 1, Math.round(to)));
    for (let t = first; t < last; t += 1) energy += (features.rms[t] as number) ** 2;
    return 10 * Math.log10(energy / (last - first) + 1e-12);
  };
  const bounds = [...downbeatFrames, features.frameCount];
  let spans: Array<{ from: number; to: number; rows: number[][] }>;
  if (downbeatFrames.length < 2 * minimumSectionBars) {
    spans = [{ from: 0, to: features.frameCount, rows: [] }];
  } else {
    const rows = barFeatures(features, bounds);
    const cuts = [0, ...boundaryBars(noveltyCurve(rows)), rows.length];
    spans = cuts.slice(0, -1).map((bar, index) => ({
      from: bar === 0 ? 0 : (bounds[bar] as number),
      to: index === cuts.length - 2 ? features.frameCount : (bounds[cuts[index + 1] as number] as number),
      rows: rows.slice(bar, cuts[index + 1] as number),
    }));
  }
  const means = spans.map(({ rows }) =>
    (rows[0] ?? []).map((_, dim) => rows.reduce((sum, row) => sum + (row[dim] as number), 0) / rows.length),
  );
  const labelOf: number[] = [];
  const prototypes: number[][] = [];
  for (const mean of means) {
    const match = prototypes.findIndex((prototype) => distance(prototype, mean) < sameLabelDistance);
    if (match >= 0) labelOf.push(match);
    else {
      prototypes.push(mean);
      labelOf.push(prototypes.length - 1);
    }
  }
  const loudness = spans.map(({ from, to }) => rmsDb(from, to));
  const loudest = Math.max(...loudness);
  return spans.map(({ from, to }, index) => ({
    start: index === 0 ? 0 : frameTime(from),
    end: index === spans.length - 1 ? duration : frameTime(to),
    label: labelFor(labelOf[index] as number),
    energy:
      Math.round(Math.min(1, Math.max(0, ((loudness[index] as number) - loudest + 40) / 40)) * 100) / 100,
  }));
}
