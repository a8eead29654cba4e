// firmware-latch: the prop firmware alone, in simavr behind a socat pty pair, fed 1,000 frames at 100 fps
// with a 30 ms lookahead by a minimal host (tests/hardware/prop-session.ts) that pings every 100 ms.
// Two figures per frame, from the emulated data pin:
//   deviceErrorMs: |pin latch − showAt| in the prop's own clock (the firmware's timer-compare latch alone)
//   hostErrorMs:   |pin latch − intended host time| on CLOCK_MONOTONIC (adds clock-sync and emulator
//                  pacing error: what a viewer would see, minus the serial driver of src/devices)
import { cpus, loadavg } from 'node:os';
import { ClockSyncEstimator, diffU32 } from '../../src/firmware-protocol/index.js';
import { hostMs, PropSession } from '../hardware/prop-session.js';
import { readEdgeLog, startFirmwareEmulator } from '../support/firmware-emulator.js';
import { cycleToTicks, cyclesToMs, parseEdgeLog } from '../support/ws2812-edges.js';
import type { Benchmark } from './benchmark.js';
import { percentile, round } from './benchmark.js';

const FRAMES = 1000;
const FPS = 100;
const LOOKAHEAD_MS = 30;
const PIXELS = 16;
const CLOCK_HZ = 250_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Frame n's pixels: its index in the first bytes, so each burst on the pin names its frame. */
function pixelsOf(frame: number): Uint8Array {
  const pixels = new Uint8Array(PIXELS * 3).fill(0x40);
  pixels.set([frame & 0xff, frame >> 8, 0x80]);
  return pixels;
}

function summary(values: number[]) {
  return {
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    max: round(Math.max(...values)),
  };
}

/** Other props sharing the link in the loaded run (16 props in all, as in the throughput goal). */
const OTHER_PROPS = 15;
const OTHER_PROP_PIXELS = 4;

async function run(otherProps: number): Promise<Record<string, unknown>> {
  const loadBefore = loadavg()[0]!;
  const emulator = await startFirmwareEmulator();
  const session = await PropSession.open(emulator.ptyPath);
  try {
    session.send({ type: 'hello', nonce: 1 });
    await session.waitFor('caps');
    const clock = new ClockSyncEstimator({ clockHz: CLOCK_HZ });
    let pingEcho = 0;
    const pending = new Map<number, number>();
    const ping = () => {
      pingEcho += 1;
      pending.set(pingEcho, hostMs());
      session.send({ type: 'ping', echo: pingEcho });
    };
    let seen = 0;
    const collectPongs = () => {
      for (let index = seen; index < session.received.length; index += 1) {
        const packet = session.received[index]!;
        if (packet.message.type !== 'pong') continue;
        const sent = pending.get(packet.message.echo);
        if (sent === undefined) continue;
        pending.delete(packet.message.echo);
        clock.addSample({
          hostSendMs: sent,
          hostReceiveMs: session.arrivals[index]!,
          deviceRxTicks: packet.message.deviceRxTicks,
          deviceTxTicks: packet.message.deviceTxTicks,
        });
      }
      seen = session.received.length;
    };
    for (let index = 0; index < 20; index += 1) {
      ping();
      await sleep(10);
      collectPongs();
    }
    const frames: Array<{ hostTimeMs: number; showAt: number; sentMs: number }> = [];
    const start = hostMs() + 50;
    for (let frame = 0; frame < FRAMES; frame += 1) {
      const hostTimeMs = start + frame * (1000 / FPS);
      await sleep(hostTimeMs - LOOKAHEAD_MS - hostMs());
      collectPongs();
      if (frame % 10 === 0) ping();
      const showAt = clock.hostToDeviceTicks(hostTimeMs)!;
      frames.push({ hostTimeMs, showAt, sentMs: hostMs() });
      session.send({ type: 'frame', showAt, pixels: pixelsOf(frame) });
      // Frames for the other props on the link: the firmware must read and drop them without missing its own.
      for (let prop = 1; prop <= otherProps; prop += 1) {
        session.send(
          { type: 'frame', showAt, pixels: new Uint8Array(OTHER_PROP_PIXELS * 3).fill(prop) },
          prop,
        );
      }
    }
    await sleep(LOOKAHEAD_MS + 100);
    const estimate = clock.estimate()!;
    await emulator.stop(); // flushes the log and writes its stats line
    const log = readEdgeLog(emulator.edgesPath);
    const { bursts } = parseEdgeLog(log);
    const stats = /# stats slips (\d+) slipped_ns (\d+) max_lag_ns (\d+)/.exec(log);
    const deviceErrors: number[] = [];
    const hostErrors: number[] = [];
    // A frame the test process itself sent less than half the lookahead ahead (it was starved of CPU)
    // says nothing about the prop: these are also reported on their own.
    const sentInTime = (frame: { hostTimeMs: number; sentMs: number }) =>
      frame.sentMs <= frame.hostTimeMs - LOOKAHEAD_MS / 2;
    const deviceErrorsSentInTime: number[] = [];
    for (const burst of bursts) {
      if (burst.bytes.length !== PIXELS * 3 || burst.bytes[2] !== 0x80) continue;
      const frame = burst.bytes[1]! | (burst.bytes[0]! << 8); // GRB: R = low byte, G = high byte
      const intended = frames[frame];
      if (intended === undefined) continue;
      const deviceError =
        Math.abs(diffU32(cycleToTicks(burst.lastFallCycle), intended.showAt)) / (CLOCK_HZ / 1000);
      deviceErrors.push(deviceError);
      if (sentInTime(intended)) deviceErrorsSentInTime.push(deviceError);
      if (burst.firstRiseHostNs !== null) {
        const latchHostMs =
          Number(burst.firstRiseHostNs) / 1e6 + cyclesToMs(burst.lastFallCycle - burst.firstRiseCycle);
        hostErrors.push(Math.abs(latchHostMs - intended.hostTimeMs));
      }
    }
    const statuses = session.received.filter((packet) => packet.message.type === 'status');
    const last = statuses.at(-1)?.message;
    return {
      frames: FRAMES,
      fps: FPS,
      otherPropsOnLink: otherProps,
      latched: deviceErrors.length,
      framesSentLateByStarvedHost: frames.filter((frame) => !sentInTime(frame)).length,
      deviceErrorSentInTimeMs: summary(deviceErrorsSentInTime),
      deviceErrorMs: summary(deviceErrors),
      hostErrorMs: summary(hostErrors),
      lateCount: last?.type === 'status' ? last.lateCount : null,
      droppedCount: last?.type === 'status' ? last.droppedCount : null,
      crcErrorCount: last?.type === 'status' ? last.crcErrorCount : null,
      malformedCount: last?.type === 'status' ? last.malformedCount : null,
      emulator: {
        slips: Number(stats?.[1]),
        slippedMs: round(Number(stats?.[2]) / 1e6),
        maxLagMs: round(Number(stats?.[3]) / 1e6),
      },
      clock: {
        driftPpm: round(estimate.driftPpm, 1),
        minRttMs: round(estimate.minRttMs),
        exchanges: estimate.samples,
      },
      loadAverage: { before: round(loadBefore, 2), after: round(loadavg()[0]!, 2), cores: cpus().length },
      goal: 'p99 <= 1 ms, max <= 2 ms',
    };
  } finally {
    await session.close();
    await emulator.stop();
  }
}

const benchmarks: Benchmark[] = [
  {
    name: 'firmware-latch',
    description: '1,000 frames at 100 fps to the emulated prop firmware: latch error at the data pin',
    run: () => run(0),
  },
  {
    name: 'firmware-latch-shared-link',
    description: `the same with ${OTHER_PROPS} other props' ${OTHER_PROP_PIXELS}-pixel frames on the link each tick`,
    run: () => run(OTHER_PROPS),
  },
];

export default benchmarks;
