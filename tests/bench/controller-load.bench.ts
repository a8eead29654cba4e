// 50 controllers on one daemon (its own process, as `npm start` runs it) while the demo show plays at
// 100 fps and the controllers make 10 edits a second between them: late frames on the links, how long each
// patch takes to reach every controller (p99), playhead staleness, and the daemon's RSS.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceStatus } from '../../src/contracts/index.js';
import { controller, request, type ControllerMirror } from '../support/controller-client.js';
import {
  cpuSeconds,
  demoServeArgs,
  rssMb,
  runSmlive,
  stopSmlive,
  waitForHealth,
} from '../support/daemon-process.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const TOKEN = 'bench-token-controller-load';
const CONTROLLERS = 50;
const EDITS_PER_SECOND = 10;
const SECONDS = 20;
const PROPS = ['ball-1', 'ball-2', 'poi-left', 'poi-right'];
const GOAL_P99_MS = 30;

const benchmark: Benchmark = {
  name: 'controller-load',
  description: `${CONTROLLERS} controllers, ${EDITS_PER_SECOND} edits/s in total, demo show playing at 100 fps for ${SECONDS} s`,
  async run() {
    const dataDir = await mkdtemp(join(tmpdir(), 'smlive-bench-load-'));
    const daemon = runSmlive(
      demoServeArgs(dataDir, [
        '--token',
        TOKEN,
        ...(process.env.SMLIVE_BENCH_DURABILITY ? ['--durability', process.env.SMLIVE_BENCH_DURABILITY] : []),
      ]),
    );
    const mirrors: ControllerMirror[] = [];
    try {
      const { url } = await waitForHealth(daemon, 60_000);
      const pid = daemon.child.pid as number;
      for (let index = 0; index < CONTROLLERS; index++) mirrors.push(await controller(url, TOKEN));

      // Patch arrival per revision per controller; playhead staleness (server sentAt → arrival, same clock).
      const sentAt = new Map<number, number>();
      const patchLatency: number[] = [];
      const playheadLag: number[] = [];
      let devices: DeviceStatus[] = [];
      for (const mirror of mirrors) {
        mirror.socket.on('show:patch', (patch) => {
          const start = sentAt.get(patch.revision);
          if (start !== undefined) patchLatency.push(performance.now() - start);
        });
        mirror.socket.on('transport:playhead', (playhead) => playheadLag.push(Date.now() - playhead.sentAt));
      }
      (mirrors[0] as ControllerMirror).socket.on('devices:state', (state) => (devices = state));

      const first = mirrors[0] as ControllerMirror;
      const played = await request(first.socket, 'transport:play', { from: 0 });
      if (!played.ok) throw new Error(played.error.message);
      const baseline = { revision: first.revision };
      const rss: number[] = [];
      const acks: number[] = [];
      const refused: string[] = [];
      const started = performance.now();
      const cpuAtStart = await cpuSeconds(pid);
      const total = EDITS_PER_SECOND * SECONDS;
      let nextRss = started;
      for (let index = 0; index < total; index++) {
        const due = started + (index * 1000) / EDITS_PER_SECOND;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        if (performance.now() >= nextRss) {
          rss.push(await rssMb(pid));
          nextRss += 1000;
        }
        const sender = mirrors[index % CONTROLLERS] as ControllerMirror;
        const start = (index % 36) + 0.5;
        const emittedAt = performance.now();
        // The revision this edit will get: edits are applied one at a time in the order they arrive.
        sentAt.set(baseline.revision + index + 1, emittedAt);
        void request(sender.socket, 'show:command', {
          command: {
            type: 'addSegment',
            propId: PROPS[index % PROPS.length],
            start,
            end: start + 0.5,
            look: { kind: 'solid', color: [index % 256, 128, 255 - (index % 256)] },
          },
        }).then((answer) => {
          acks.push(performance.now() - emittedAt);
          if (!answer.ok) refused.push(answer.error.message);
        });
      }
      const lastRevision = baseline.revision + total;
      await Promise.all(
        mirrors.map((mirror) =>
          mirror.until(() => mirror.revision >= lastRevision, 'the last patch', 30_000),
        ),
      );
      const daemonCpuShare = (await cpuSeconds(pid)) - cpuAtStart;
      const wallSeconds = (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const inSync = mirrors.every((mirror) => JSON.stringify(mirror.show) === JSON.stringify(first.show));
      const resyncs = mirrors.reduce((sum, mirror) => sum + mirror.resyncs, 0);
      if (devices.length === 0) throw new Error('no devices:state event reached the controllers');
      const late = devices.reduce((sum, link) => sum + link.framesLate, 0);
      const sent = devices.reduce((sum, link) => sum + link.framesSent, 0);
      const p99 = percentile(patchLatency, 99);
      return {
        controllers: CONTROLLERS,
        durability: process.env.SMLIVE_BENCH_DURABILITY ?? 'power-loss',
        edits: total,
        refusedEdits: refused.length,
        framesSent: sent,
        lateFrames: late,
        patchP50Ms: round(percentile(patchLatency, 50), 2),
        patchP99Ms: round(p99, 2),
        ackP99Ms: round(percentile(acks, 99), 2),
        playheadLagP99Ms: round(percentile(playheadLag, 99), 2),
        playheadEventsPerClientPerSecond: round(playheadLag.length / CONTROLLERS / SECONDS, 1),
        allControllersInSync: inSync,
        resyncs,
        daemonCpuPercentOfOneCore: round((100 * daemonCpuShare) / wallSeconds, 1),
        rssMedianMb: round(percentile(rss, 50), 1),
        rssMaxMb: round(Math.max(...rss), 1),
        goalP99Ms: GOAL_P99_MS,
        meetsGoal: late === 0 && p99 <= GOAL_P99_MS,
        loadAverage1m: round(loadavg()[0] ?? 0, 2),
      };
    } finally {
      for (const mirror of mirrors) mirror.socket.close();
      await stopSmlive(daemon);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
