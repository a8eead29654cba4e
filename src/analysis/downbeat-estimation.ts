// Bar phase: which beat of each bar is the downbeat. Each beat gets a downbeat likelihood from what marks
// bar lines in music (a harmonic change, a low-frequency accent from kick and bass, a louder onset), then a
// Viterbi path over the position-in-bar picks the phase, allowing rare phase jumps (a dropped beat, an odd
// bar) at a cost rather than assuming every 4th beat from the first.
import type { SpectralFeatures } from './spectral-features.js';

// Measured: at 4, click-180 and voice-96 jumped phase mid-song (downbeat F 0.86 and 0.82); at 8 all songs score 1.
const jumpCost = 8;
const featureWeights = { harmonicChange: 1.2, lowAccent: 1, accent: 0.6 } as const;

function zScores(values: readonly number[]): number[] {
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const deviation =
    Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length)) || 1;
  return values.map((value) => (value - mean) / deviation);
}

function peakNear(signal: Float32Array, frame: number, radius: number): number {
  let peak = 0;
  for (let t = Math.round(frame) - radius; t <= Math.round(frame) + radius; t += 1)
    peak = Math.max(peak, signal[t] ?? 0);
  return peak;
}

function meanChroma(features: SpectralFeatures, from: number, to: number): Float64Array {
  const mean = new Float64Array(12);
  const first = Math.max(0, Math.round(from));
  const last = Math.min(features.frameCount, Math.max(first + 1, Math.round(to)));
  for (let t = first; t < last; t += 1)
    for (let pc = 0; pc < 12; pc += 1)
      mean[pc] = (mean[pc] as number) + (features.chroma[t * 12 + pc] as number);
  return mean;
}

function cosineDistance(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index += 1) {
    dot += (a[index] as number) * (b[index] as number);
    normA += (a[index] as number) ** 2;
    normB += (b[index] as number) ** 2;
  }
  return normA > 0 && normB > 0 ? 1 - dot / Math.sqrt(normA * normB) : 0;
}

/** Per beat, the cues that mark bar lines, each as z-scores over the song. */
export interface BarCues {
  /** How much the harmony (chroma) changes from the previous beat. */
  readonly harmonicChange: number[];
  /** Kick and bass onset strength at the beat. */
  readonly lowAccent: number[];
  /** Onset strength over all bands at the beat. */
  readonly accent: number[];
}

export function barCues(features: SpectralFeatures, beatFrames: readonly number[]): BarCues {
  const chromaPerBeat = beatFrames.map((frame, index) =>
    meanChroma(features, frame, beatFrames[index + 1] ?? frame + 20),
  );
  return {
    harmonicChange: zScores(
      chromaPerBeat.map((chroma, index) =>
        index === 0 ? 0 : cosineDistance(chroma, chromaPerBeat[index - 1] as Float64Array),
      ),
    ),
    lowAccent: zScores(beatFrames.map((frame) => peakNear(features.lowOnsetStrength, frame, 2))),
    accent: zScores(beatFrames.map((frame) => peakNear(features.onsetStrength, frame, 2))),
  };
}

/** Likelihood (z-score units) that each beat starts a bar. */
export function downbeatLikelihoods({ harmonicChange, lowAccent, accent }: BarCues): number[] {
  return harmonicChange.map(
    (change, index) =>
      featureWeights.harmonicChange * change +
      featureWeights.lowAccent * (lowAccent[index] as number) +
      featureWeights.accent * (accent[index] as number),
  );
}

/** Position in the bar (0 = downbeat) of every beat. */
export function barPositions(likelihoods: readonly number[], beatsPerBar: number): number[] {
  const count = likelihoods.length;
  if (count === 0) return [];
  const back: Int8Array[] = [];
  let scores = Array.from({ length: beatsPerBar }, (_, position) =>
    position === 0 ? (likelihoods[0] as number) : 0,
  );
  for (let beat = 1; beat < count; beat += 1) {
    const next = new Array<number>(beatsPerBar).fill(Number.NEGATIVE_INFINITY);
    const from = new Int8Array(beatsPerBar);
    for (let position = 0; position < beatsPerBar; position += 1) {
      for (let previous = 0; previous < beatsPerBar; previous += 1) {
        const expected = (previous + 1) % beatsPerBar === position;
        const value = (scores[previous] as number) - (expected ? 0 : jumpCost);
        if (value > (next[position] as number)) {
          next[position] = value;
          from[position] = previous;
        }
      }
      if (position === 0) next[0] = (next[0] as number) + (likelihoods[beat] as number);
    }
    back.push(from);
    scores = next;
  }
  let position = scores.indexOf(Math.max(...scores));
  const positions = new Array<number>(count);
  for (let beat = count - 1; beat >= 0; beat -= 1) {
    positions[beat] = position;
    if (beat > 0) position = (back[beat - 1] as Int8Array)[position] as number;
  }
  return positions;
}
