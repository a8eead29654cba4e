// `npm run bench -- prg`: .prg encode and decode throughput (MB/s of file bytes, median of 7 runs), and the
// time to export a whole prop of a long show (baking its effects with the renderer).
import { decodePrg, encodePrg, propToPrgProgram } from '../../src/show/formats/index.js';
import { bigShow } from '../support/big-show.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const RUNS = 7;
const RATE = 100;
/** One ball, 10,000 segments of 50 ms: solids, fades and beat/rainbow/chase effects (8.3 minutes). */
const SEGMENTS = 10_000;

/** Seconds per call of `work`, repeated until a run lasts at least `minimumSeconds`; median of RUNS runs. */
function medianSecondsPerCall(work: () => void, minimumSeconds = 0.25): number {
  let calls = 1;
  for (;;) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) work();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    if (elapsed >= minimumSeconds) break;
    calls *= 2;
  }
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) work();
    runs.push(Number(process.hrtime.bigint() - started) / 1e9 / calls);
  }
  return percentile(runs, 50);
}

const benchmark: Benchmark = {
  name: 'prg',
  description: `.prg encode/decode MB/s for one prop of ${SEGMENTS} segments at ${RATE} Hz, and export time`,
  async run() {
    const show = bigShow(1, 4, SEGMENTS);
    const exportStarted = process.hrtime.bigint();
    const program = propToPrgProgram(show, 'ball1', RATE);
    const exportSeconds = Number(process.hrtime.bigint() - exportStarted) / 1e9;
    const bytes = encodePrg(program);
    const megabytes = bytes.length / 1e6;
    const encodeSeconds = medianSecondsPerCall(() => encodePrg(program));
    const decodeSeconds = medianSecondsPerCall(() => decodePrg(bytes));
    const frames = program.segments.reduce((sum, segment) => sum + segment.frames, 0);
    return {
      segments: program.segments.length,
      frames,
      fileBytes: bytes.length,
      encodeMBps: round(megabytes / encodeSeconds, 1),
      decodeMBps: round(megabytes / decodeSeconds, 1),
      encodeMs: round(encodeSeconds * 1000, 2),
      decodeMs: round(decodeSeconds * 1000, 2),
      decodeToEncodeRatio: round(encodeSeconds / decodeSeconds, 2),
      exportPropMs: round(exportSeconds * 1000, 1),
      exportFramesPerSecond: Math.round(frames / exportSeconds),
    };
  },
};

export default benchmark;
