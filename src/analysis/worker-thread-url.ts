// Starts a worker thread from a module next to the caller. The project runs its TypeScript sources through
// tsx, so a .ts worker goes through a small bootstrap that registers tsx inside the new thread.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export function startModuleWorker(moduleUrl: URL, workerData: Record<string, unknown> = {}): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, { workerData });
  // Compiled ahead of time (dist/), the worker is the .js beside the caller.
  const compiled = new URL(moduleUrl.href.replace(/\.ts$/, '.js'));
  if (!existsSync(moduleUrl) && existsSync(compiled)) return new Worker(compiled, { workerData });
  const bootstrap = new URL('./typescript-worker-bootstrap.mjs', import.meta.url);
  return new Worker(bootstrap, { workerData: { ...workerData, typescriptEntry: moduleUrl.href } });
}
