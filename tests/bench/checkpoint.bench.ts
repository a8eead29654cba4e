// `checkpoint`: how long a commit takes until its checkpoint is on disk, on a show of 50,000 segments, and how
// long a show with a long history takes to load, for both durabilities side by side.
import { appendFileSync, closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, PersistentShow, restoreHistory, type Durability } from '../../src/storage/index.js';
import { bigShow } from '../support/big-show.js';
import { realisticEdit } from '../support/realistic-edits.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const COMMITS = 600;
const WARMUP = 50;
const LONG_HISTORY = 5_000;
const who = { author: 'operator' as const };

interface CommitFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** CPU time of the commit (this process, user + system): what the code costs, without the waiting. */
  readonly cpuP50Ms: number;
  readonly cpuP99Ms: number;
  readonly p50MsByType: Record<string, number>;
  readonly p99MsByType: Record<string, number>;
  readonly createShowMs: number;
}

async function measureCommits(durability: Durability, dataDir: string): Promise<CommitFigures> {
  const storage = await openStorage(dataDir, { durability });
  try {
    const createdAt = performance.now();
    const show = await PersistentShow.create(storage.shows, bigShow(10, 4, 5_000, 0.2));
    const createShowMs = performance.now() - createdAt;
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    const byType: Record<string, number[]> = {};
    for (let index = 0; index < COMMITS + WARMUP; index++) {
      const command = realisticEdit(index, 10, 990);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const result = await show.commit(command, who);
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      if (!result.ok) throw new Error(`${result.error.path}: ${result.error.message}`);
      if (index < WARMUP) continue;
      samples.push(ms);
      cpuSamples.push((cpu.user + cpu.system) / 1000);
      // A batch here holds setDefaultColor, whose inverse restores the whole prop (5,000 segments).
      (byType[String(command.type)] ??= []).push(ms);
    }
    const by = (p: number) =>
      Object.fromEntries(
        Object.entries(byType).map(([type, values]) => [type, round(percentile(values, p), 2)]),
      );
    return {
      p50Ms: round(percentile(samples, 50), 2),
      p99Ms: round(percentile(samples, 99), 2),
      maxMs: round(Math.max(...samples), 2),
      cpuP50Ms: round(percentile(cpuSamples, 50), 2),
      cpuP99Ms: round(percentile(cpuSamples, 99), 2),
      p50MsByType: by(50),
      p99MsByType: by(99),
      createShowMs: round(createShowMs, 1),
    };
  } finally {
    await storage.close();
  }
}

/** What the disk itself costs: appending a 1 KB line and fdatasync-ing it, the floor under a durable commit. */
function measureDiskFlush(dataDir: string) {
  const file = join(dataDir, 'flush-probe');
  const line = `${'x'.repeat(1023)}\n`;
  const samples: number[] = [];
  for (let index = 0; index < 300; index++) {
    const started = performance.now();
    appendFileSync(file, line);
    const fd = openSync(file, 'r+');
    fdatasyncSync(fd);
    closeSync(fd);
    samples.push(performance.now() - started);
  }
  return { p50Ms: round(percentile(samples, 50), 2), p99Ms: round(percentile(samples, 99), 2) };
}

/** Writes a long history of edits (no whole-prop inverses, to keep the file to tens of MB), then loads it. */
async function measureLongLoad(dataDir: string) {
  let storage = await openStorage(dataDir, { durability: 'process-crash' });
  const show = await PersistentShow.create(storage.shows, bigShow(10, 4, 5_000, 0.2));
  for (let index = 0; index < LONG_HISTORY; index++) {
    // Skip the batch kind (index % 5 === 4): see measureCommits.
    const step = index + Math.floor(index / 4);
    const result = await show.commit(realisticEdit(step, 10, 990), who);
    if (!result.ok) throw new Error(result.error.message);
  }
  const expected = show.show;
  await storage.close();
  const fileBytes = statSync(join(dataDir, 'shows', 'test-show-f0f4e9368a18.db')).size;

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  storage = await openStorage(dataDir);
  const opened = performance.now();
  const stored = await storage.shows.loadShow('test-show');
  const read = performance.now();
  const history = restoreHistory(stored);
  const replayed = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  await storage.close();
  if (JSON.stringify(history.show) !== JSON.stringify(expected)) throw new Error('the loaded show differs');
  return {
    checkpoints: stored.checkpoints.length,
    fileMB: round(fileBytes / 1e6, 1),
    openStorageMs: round(opened - started, 1),
    readAndValidateMs: round(read - opened, 1),
    replayMs: round(replayed - read, 1),
    totalMs: round(replayed - started, 1),
    // CPU time is less shaken than wall time by other work on a shared machine.
    totalCpuMs: round((cpu.user + cpu.system) / 1000, 1),
    perCheckpointMicros: round(((replayed - started) * 1000) / stored.checkpoints.length, 1),
  };
}

const benchmark: Benchmark = {
  name: 'checkpoint',
  description:
    'commit latency until the checkpoint is on disk (50,000-segment show), and load time of a long history',
  async run() {
    const root = mkdtempSync(join(tmpdir(), 'smlive-bench-checkpoint-'));
    try {
      const diskFlush = measureDiskFlush(root);
      const powerLoss = await measureCommits('power-loss', join(root, 'power-loss'));
      const processCrash = await measureCommits('process-crash', join(root, 'process-crash'));
      const load = await measureLongLoad(join(root, 'long'));
      return {
        segments: 50_000,
        commits: COMMITS,
        commitP50Ms: powerLoss.p50Ms,
        commitP99Ms: powerLoss.p99Ms,
        powerLoss,
        processCrash,
        p99RatioPowerLossToProcessCrash: round(powerLoss.p99Ms / processCrash.p99Ms, 2),
        diskFlush,
        load,
        goal: 'commit p99 ≤ 10 ms (power-loss durability: fdatasync before the commit resolves)',
      };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};

export default benchmark;
