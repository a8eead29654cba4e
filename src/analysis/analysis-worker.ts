// Worker-thread entry: analyses one song and posts progress events, then the result (or the error).
import { parentPort } from 'node:worker_threads';
import { analyseSong } from './analyse-song.js';
import type { AnalysisAudio } from './song-analysis.js';
import type { AnalysisWorkerMessage } from './analysis-worker-messages.js';

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs only as a worker thread');

port.once('message', (audio: AnalysisAudio) => {
  const post = (message: AnalysisWorkerMessage) => port.postMessage(message);
  try {
    const analysis = analyseSong(audio, (progress) => post({ type: 'progress', progress }));
    post({ type: 'result', analysis });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
