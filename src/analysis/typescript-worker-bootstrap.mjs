// Worker threads do not inherit the parent's tsx hooks: a worker whose module is TypeScript starts here,
// registers tsx in its own thread, then loads the module named in workerData.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.typescriptEntry);
