// Resident memory of the daemon (its own process) with the demo show playing and one controller attached.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { controller, request } from '../support/controller-client.js';
import { demoServeArgs, rssMb, runSmlive, stopSmlive, waitForHealth } from '../support/daemon-process.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const TOKEN = 'bench-token-idle-rss';
const PLAY_SECONDS = 15;
const GOAL_MB = 150;

const benchmark: Benchmark = {
  name: 'idle-rss',
  description: `daemon RSS (MB) over ${PLAY_SECONDS} s of the demo show playing with one controller attached`,
  async run() {
    const dataDir = await mkdtemp(join(tmpdir(), 'smlive-bench-rss-'));
    const daemon = runSmlive(demoServeArgs(dataDir, ['--token', TOKEN]));
    try {
      const { url } = await waitForHealth(daemon, 60_000);
      const pid = daemon.child.pid as number;
      const atStartMb = await rssMb(pid);
      const client = await controller(url, TOKEN);
      const played = await request(client.socket, 'transport:play', { from: 0 });
      if (!played.ok) throw new Error(played.error.message);
      const samples: number[] = [];
      for (let second = 0; second < PLAY_SECONDS; second++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        samples.push(await rssMb(pid));
      }
      client.socket.close();
      const median = percentile(samples, 50);
      return {
        idleAtStartMb: round(atStartMb, 1),
        playingMedianMb: round(median, 1),
        playingMaxMb: round(Math.max(...samples), 1),
        goalMb: GOAL_MB,
        meetsGoal: Math.max(...samples) <= GOAL_MB,
        loadAverage1m: round(loadavg()[0] ?? 0, 2),
      };
    } finally {
      await stopSmlive(daemon);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
