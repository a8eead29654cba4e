// Loads aubiojs (aubio compiled to wasm) once per thread, with the fixes its package needs (see STACK.md):
// loading installs process-wide uncaughtException/unhandledRejection handlers, which would swallow the
// host's own crashes, so they are removed again; and its type file is wrong, so the parts used here are
// typed below instead.
import aubio from 'aubiojs';

/** aubio's tempo tracker. `do` takes one hop of samples and returns 0, or the beat's position in the hop. */
export interface AubioTempo {
  do(hop: Float32Array): number;
  getBpm(): number;
  getConfidence(): number;
  /** Frees the wasm object: aubio's heap is a fixed 16 MB and leaked trackers abort the module. */
  delete(): void;
}

export interface AubioModule {
  createTempo(bufferSize: number, hopSize: number, sampleRate: number): AubioTempo;
}

interface AubioExports {
  Tempo: new (bufferSize: number, hopSize: number, sampleRate: number) => AubioTempo;
}

let loading: Promise<AubioModule> | undefined;

async function load(): Promise<AubioModule> {
  const exceptionHandlers = new Set(process.listeners('uncaughtException'));
  const rejectionHandlers = new Set(process.listeners('unhandledRejection'));
  const exports = (await (aubio as unknown as () => Promise<AubioExports>)()) as AubioExports;
  for (const handler of process.listeners('uncaughtException')) {
    if (!exceptionHandlers.has(handler)) process.removeListener('uncaughtException', handler);
  }
  for (const handler of process.listeners('unhandledRejection')) {
    if (!rejectionHandlers.has(handler)) process.removeListener('unhandledRejection', handler);
  }
  return {
    createTempo: (bufferSize, hopSize, sampleRate) => new exports.Tempo(bufferSize, hopSize, sampleRate),
  };
}

export function loadAubio(): Promise<AubioModule> {
  loading ??= load();
  return loading;
}
