import type { AnalysisProgress, SongAnalysis } from './song-analysis.js';

/** What the analysis worker posts back to the thread that started it. */
export type AnalysisWorkerMessage =
  | { readonly type: 'progress'; readonly progress: AnalysisProgress }
  | { readonly type: 'result'; readonly analysis: SongAnalysis }
  | { readonly type: 'error'; readonly message: string };
