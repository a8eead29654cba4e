// Worker-thread entry of the live beat tracker: owns aubio's wasm instance and one LiveBeatEngine, so the
// DSP never runs on the thread that serves the show.
import { parentPort } from 'node:worker_threads';
import { loadAubio } from './aubio-module.js';
import { LiveBeatEngine } from './live-beat-engine.js';
import type { LiveBeatWorkerMessage, LiveBeatWorkerRequest } from './live-beat-messages.js';

const port = parentPort;
if (!port) throw new Error('live-beat-worker.ts runs only as a worker thread');
const post = (message: LiveBeatWorkerMessage) => port.postMessage(message);

let engine: LiveBeatEngine | undefined;
let stream = 0;
// Requests are handled strictly in order: a block must not overtake the start that creates the engine.
let queue: Promise<void> = Promise.resolve();

async function handle(request: LiveBeatWorkerRequest): Promise<void> {
  switch (request.type) {
    case 'start': {
      engine?.close();
      engine = new LiveBeatEngine(await loadAubio(), request.sampleRate);
      stream = request.stream;
      post({ type: 'ready' });
      return;
    }
    case 'block': {
      if (!engine) throw new Error('block before start');
      const events = engine.push(request.samples);
      if (events.length > 0) post({ type: 'beats', stream, events });
      return;
    }
    case 'recording': {
      // A recording is its own stream: it gets a fresh engine, and the live stream's state is untouched.
      const recordingEngine = new LiveBeatEngine(await loadAubio(), request.sampleRate);
      try {
        const before = process.cpuUsage();
        const events = recordingEngine.push(request.samples);
        const used = process.cpuUsage(before);
        post({
          type: 'recording-done',
          events,
          cpuSeconds: (used.user + used.system) / 1e6,
          bpm: recordingEngine.bpm ?? null,
        });
      } finally {
        recordingEngine.close();
      }
      return;
    }
    case 'stop': {
      engine?.close();
      engine = undefined;
      port?.close();
      return;
    }
    default:
      request satisfies never;
  }
}

port.on('message', (request: LiveBeatWorkerRequest) => {
  queue = queue
    .then(() => handle(request))
    .catch((error: unknown) =>
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
});
