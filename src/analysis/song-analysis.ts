// The whole-song analysis result and its schema. The schema is the edge where a cached analysis comes
// back from disk: a stale or damaged entry fails to parse and is recomputed instead of trusted.
import { z } from 'zod';

/** Bump when the algorithms change: cached analyses from an older version are recomputed. */
export const analysisVersion = 3;

const seconds = z.number().finite().nonnegative();

export const songAnalysisSchema = z.object({
  version: z.literal(analysisVersion),
  duration: seconds,
  sampleRate: z.number().positive(),
  /** Median tempo, BPM; 0 when the audio has no beat (silence, speech only). */
  tempo: z.number().nonnegative(),
  /** Tempo over time (every second), BPM. */
  tempoCurve: z.array(z.object({ time: seconds, bpm: z.number().positive() })),
  /** Start of each stretch of steady tempo (the first at 0). */
  tempoChanges: z.array(z.object({ time: seconds, bpm: z.number().positive() })),
  beats: z.array(z.object({ time: seconds, confidence: z.number().min(0).max(1) })),
  /** The estimated meter: 3 or 4 beats per bar (meter-estimation.ts); the downbeats start its bars. */
  beatsPerBar: z.number().int().positive(),
  downbeats: z.array(seconds),
  onsets: z.array(seconds),
  sections: z.array(
    z.object({ start: seconds, end: seconds, label: z.string().min(1), energy: z.number().min(0).max(1) }),
  ),
  energy: z.object({ rate: z.number().positive(), values: z.array(z.number().nonnegative()) }),
  waveformPeaks: z.array(
    z.object({
      samplesPerPeak: z.number().int().positive(),
      peaksPerSecond: z.number().positive(),
      min: z.array(z.number()),
      max: z.array(z.number()),
    }),
  ),
});

export type SongAnalysis = z.infer<typeof songAnalysisSchema>;

/** Decoded audio as analysis takes it (the shape the engine's decoder returns). */
export interface AnalysisAudio {
  readonly sampleRate: number;
  readonly channels: readonly Float32Array[];
  readonly duration: number;
}

export type AnalysisStage = 'features' | 'tempo' | 'beats' | 'bars' | 'sections' | 'waveform' | 'done';

export interface AnalysisProgress {
  readonly stage: AnalysisStage;
  /** 0..1 over the whole analysis. */
  readonly fraction: number;
}
