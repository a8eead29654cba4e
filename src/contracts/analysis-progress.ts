// How far the whole-song analysis of the show's song has got (features, tempo, beats, bars, sections,
// waveform), so the operators know the beat grid is coming: sent to every controller as it runs.
import { z } from 'zod';

export const AnalysisProgressSchema = z
  .object({
    /** The song being analysed (its sha256): a controller shows progress only for the show's own song. */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    stage: z.enum(['features', 'tempo', 'beats', 'bars', 'sections', 'waveform', 'done']),
    /** 0..1 over the whole analysis. */
    fraction: z.number().min(0).max(1),
  })
  .strict();
export type AnalysisProgressEvent = z.infer<typeof AnalysisProgressSchema>;
