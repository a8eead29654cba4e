// Analyses a loaded song off the main thread, with progress events, and remembers the result by the
// audio's content hash: loading the same song again (same bytes) returns the cached analysis at once.
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { loadCachedAnalysis, saveCachedAnalysis, type AnalysisCacheStore } from './analysis-cache.js';
import type { AnalysisWorkerMessage } from './analysis-worker-messages.js';
import type { AnalysisAudio, AnalysisProgress, SongAnalysis } from './song-analysis.js';
import { startModuleWorker } from './worker-thread-url.js';

export interface HashedAudio extends AnalysisAudio {
  /** sha256 of the file's bytes (the decoder provides it). */
  readonly contentHash: string;
}

export interface AnalysisOutcome {
  readonly analysis: SongAnalysis;
  /** 'cache' when a stored analysis of the same content was used. */
  readonly source: 'cache' | 'computed';
}

export interface SongAnalyserEvents {
  progress: [contentHash: string, progress: AnalysisProgress];
}

export class SongAnalyser extends EventEmitter<SongAnalyserEvents> {
  private readonly running = new Map<string, Promise<AnalysisOutcome>>();

  constructor(private readonly cache?: AnalysisCacheStore) {
    super();
  }

  analyse(audio: HashedAudio): Promise<AnalysisOutcome> {
    // The same song loaded twice while it is being analysed shares one worker.
    const pending = this.running.get(audio.contentHash);
    if (pending) return pending;
    const outcome = this.analyseOnce(audio).finally(() => this.running.delete(audio.contentHash));
    this.running.set(audio.contentHash, outcome);
    return outcome;
  }

  private async analyseOnce(audio: HashedAudio): Promise<AnalysisOutcome> {
    const cached = this.cache ? await loadCachedAnalysis(this.cache, audio.contentHash) : undefined;
    if (cached) {
      this.emit('progress', audio.contentHash, { stage: 'done', fraction: 1 });
      return { analysis: cached, source: 'cache' };
    }
    const analysis = await analyseInWorker(audio, (progress) =>
      this.emit('progress', audio.contentHash, progress),
    );
    // A failing cache costs a recomputation next time, never this result.
    if (this.cache) await saveCachedAnalysis(this.cache, audio.contentHash, analysis).catch(() => undefined);
    return { analysis, source: 'computed' };
  }
}

/** Runs analyseSong in a worker thread; the samples are copied, the caller's audio stays usable. */
export function analyseInWorker(
  audio: AnalysisAudio,
  onProgress: (progress: AnalysisProgress) => void = () => {},
): Promise<SongAnalysis> {
  return new Promise((resolve, reject) => {
    const worker: Worker = startModuleWorker(new URL('./analysis-worker.ts', import.meta.url));
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: AnalysisWorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'result') finish(() => resolve(message.analysis));
      else finish(() => reject(new Error(`analysis failed: ${message.message}`)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`analysis worker exited with code ${code}`))));
    worker.postMessage({ sampleRate: audio.sampleRate, duration: audio.duration, channels: audio.channels });
  });
}
