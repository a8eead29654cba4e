// From a show command sent by a socket.io controller to the first frame with the changed colour handed to a
// link (and to it being shown on the virtual prop), with the demo show playing at 100 fps. The daemon and
// the controller share this process, so the figure includes both ends of the socket.
import { loadavg } from 'node:os';
import { VirtualLink, type StampedFrame } from '../../src/devices/index.js';
import { controller, request } from '../support/controller-client.js';
import { startTestDaemon, TEST_TOKEN } from '../support/test-daemon.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const EDITS = 150;
const SPACING_MS = 60;
const GOAL_P99_MS = 30;

function colorOf(index: number): [number, number, number] {
  return [1 + (index % 200), 77, 99];
}

const benchmark: Benchmark = {
  name: 'controller-latency',
  description: `ms from a socket.io show command to the changed frame handed to a link (p50/p99 of ${EDITS}), playing at 100 fps`,
  async run() {
    const durability = process.env.SMLIVE_BENCH_DURABILITY;
    const test = await startTestDaemon(
      durability === 'process-crash' || durability === 'power-loss' ? { durability } : {},
    );
    try {
      const link = test.daemon.links.find((candidate) => candidate instanceof VirtualLink);
      if (!(link instanceof VirtualLink)) throw new Error('the demo show needs its virtual link');
      const clock = test.daemon.clock;
      let waiting: {
        color: string;
        resolveHanded: (at: number) => void;
        resolveShown: (at: number) => void;
      } | null = null;
      let handedLate = 0;
      let handedFrames = 0;
      let minLeadMs = Infinity;
      // Observe what the device manager hands the link; the frame goes on to the link untouched.
      const send = link.send.bind(link);
      link.send = (frame: StampedFrame) => {
        const at = performance.now();
        handedFrames += 1;
        const leadMs = (frame.showAt - clock.now()) * 1000;
        minLeadMs = Math.min(minLeadMs, leadMs);
        if (leadMs < 0) handedLate += 1;
        if (
          waiting !== null &&
          frame.propId === 'poi-left' &&
          frame.pixels.slice(0, 3).join() === waiting.color
        ) {
          waiting.resolveHanded(at);
        }
        send(frame);
      };
      link.onFrame((frame) => {
        if (
          waiting !== null &&
          frame.propId === 'poi-left' &&
          frame.pixels.slice(0, 3).join() === waiting.color
        ) {
          waiting.resolveShown(performance.now());
        }
      });

      const client = await controller(test.baseUrl, TEST_TOKEN);
      const played = await request(client.socket, 'transport:play', { from: 0 });
      if (!played.ok) throw new Error(played.error.message);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const handed: number[] = [];
      const shown: number[] = [];
      const acked: number[] = [];
      for (let index = 0; index < EDITS; index++) {
        const color = colorOf(index);
        let resolveHanded: (at: number) => void = () => undefined;
        let resolveShown: (at: number) => void = () => undefined;
        const handedAt = new Promise<number>((resolve) => (resolveHanded = resolve));
        const shownAt = new Promise<number>((resolve) => (resolveShown = resolve));
        waiting = { color: color.join(), resolveHanded, resolveShown };
        const sentAt = performance.now();
        const answer = await request(client.socket, 'show:command', {
          command: {
            type: 'addSegment',
            propId: 'poi-left',
            start: 0,
            end: 40,
            look: { kind: 'solid', color },
          },
        });
        acked.push(performance.now() - sentAt);
        if (!answer.ok) throw new Error(answer.error.message);
        handed.push((await handedAt) - sentAt);
        shown.push((await shownAt) - sentAt);
        waiting = null;
        await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
      }
      client.socket.close();
      const p99 = percentile(handed, 99);
      return {
        edits: EDITS,
        durability: process.env.SMLIVE_BENCH_DURABILITY ?? 'power-loss',
        handedP50Ms: round(percentile(handed, 50), 2),
        handedP99Ms: round(p99, 2),
        handedMaxMs: round(Math.max(...handed), 2),
        shownP50Ms: round(percentile(shown, 50), 2),
        shownP99Ms: round(percentile(shown, 99), 2),
        ackP50Ms: round(percentile(acked, 50), 2),
        ackP99Ms: round(percentile(acked, 99), 2),
        framesHanded: handedFrames,
        framesHandedAfterTheirTime: handedLate,
        minLeadMs: round(minLeadMs, 2),
        goalP99Ms: GOAL_P99_MS,
        meetsGoal: p99 <= GOAL_P99_MS,
        loadAverage1m: round(loadavg()[0] ?? 0, 2),
      };
    } finally {
      await test.stop();
    }
  },
};

export default benchmark;
