// Where finished analyses are kept between runs. The store is plain key → JSON (src/storage has the nedb
// implementation and may not import analysis types); this side owns the key scheme and validates what
// comes back, so an entry from an older analysis version or a damaged file is recomputed, never trusted.
import { analysisVersion, songAnalysisSchema, type SongAnalysis } from './song-analysis.js';

export interface AnalysisCacheStore {
  load(key: string): Promise<unknown>;
  save(key: string, value: unknown): Promise<void>;
}

/** One key per audio content and analysis version. */
export function analysisCacheKey(contentHash: string): string {
  return `${contentHash}:analysis-v${analysisVersion}`;
}

export async function loadCachedAnalysis(
  store: AnalysisCacheStore,
  contentHash: string,
): Promise<SongAnalysis | undefined> {
  const stored = await store.load(analysisCacheKey(contentHash));
  if (stored === undefined || stored === null) return undefined;
  const parsed = songAnalysisSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

export async function saveCachedAnalysis(
  store: AnalysisCacheStore,
  contentHash: string,
  analysis: SongAnalysis,
): Promise<void> {
  await store.save(analysisCacheKey(contentHash), analysis);
}
