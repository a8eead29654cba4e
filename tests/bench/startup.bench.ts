// Milliseconds from launching `smlive serve --demo` to /api/health answering ok: a first run (which writes
// the demo song and the certificate) and warm runs on the same data dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoServeArgs, runSmlive, stopSmlive, waitForHealth } from '../support/daemon-process.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const WARM_RUNS = 5;
const GOAL_MS = 2000;

async function timeToHealth(dataDir: string): Promise<number> {
  const started = performance.now();
  const daemon = runSmlive(demoServeArgs(dataDir));
  let elapsed: number;
  try {
    await waitForHealth(daemon, 60_000, 5);
    elapsed = performance.now() - started;
  } finally {
    await stopSmlive(daemon);
  }
  if (daemon.child.exitCode !== 0)
    throw new Error(`smlive exited with ${daemon.child.exitCode}: ${daemon.output()}`);
  return elapsed;
}

const benchmark: Benchmark = {
  name: 'startup',
  description: `ms from launch to /api/health ok (demo show): first run and the median of ${WARM_RUNS} warm runs`,
  async run() {
    const dataDir = await mkdtemp(join(tmpdir(), 'smlive-bench-startup-'));
    try {
      const firstRunMs = await timeToHealth(dataDir);
      const warm: number[] = [];
      for (let run = 0; run < WARM_RUNS; run++) warm.push(await timeToHealth(dataDir));
      const median = percentile(warm, 50);
      return {
        firstRunMs: round(firstRunMs, 0),
        warmMedianMs: round(median, 0),
        warmMinMs: round(Math.min(...warm), 0),
        warmMaxMs: round(Math.max(...warm), 0),
        goalMs: GOAL_MS,
        meetsGoal: median <= GOAL_MS,
        loadAverage1m: round(loadavg()[0] ?? 0, 2),
      };
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
