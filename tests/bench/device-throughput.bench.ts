// The most props × pixels × fps one 1 Mbaud link carries with no late frame. Frames for every prop go
// down one serial line (paced at 1 Mbaud wire time: a pty would take them faster) to the real firmware in
// simavr, which is prop 0 and must parse and skip the other props' packets while it latches its own. A
// step passes when no frame was late on the host (could not reach the wire in time) or on the prop, the
// prop dropped nothing and every one of its frames reached the pin. Goal: 16 props × 4 pixels at 100 fps.
import type { SerialProp } from '../../src/devices/serial/serial-link.js';
import { frameIndexAt } from '../../src/show/time.js';
import { readPinBursts } from '../support/emulated-prop.js';
import { markedFrame, pinLatches } from '../support/latch-marks.js';
import { percentile, round, type Benchmark } from './benchmark.js';
import { BENCH_RIG, load, sleep, until, withSerialRig } from '../support/serial-rig.js';

const FPS = 100;
const SECONDS = 2;
/** FRAME on the wire: header 7, showAt 4, CRC 2, COBS 1, delimiter 1, plus the pixels. */
const frameWireBytes = (pixels: number): number => 15 + pixels * 3;

interface StepResult {
  props: number;
  pixels: number;
  fps: number;
  wire_load: number;
  host_late: number;
  prop_late: number;
  prop_dropped: number;
  pin_p99_ms: number;
  pin_frames: number;
  /** Frames of prop 0 that never reached the pin. */
  missing: number;
  ok: boolean;
}

async function step(propCount: number, pixels: number): Promise<StepResult> {
  const props: SerialProp[] = Array.from({ length: propCount }, (_, address) => ({
    propId: `p${address}`,
    pixelCount: pixels,
    address,
  }));
  return withSerialRig(
    props,
    async (rig) => {
      rig.manager.start();
      await until(() => rig.link.status() === 'connected', 'the link to connect');
      const firstIndex = frameIndexAt(rig.clock.now(), FPS) + 5;
      rig.manager.play((time) => {
        const index = frameIndexAt(time, FPS);
        return new Map(props.map((prop) => [prop.propId, markedFrame(index, pixels)]));
      }, FPS);
      await sleep(SECONDS * 1000 + 200);
      rig.manager.pause();
      const lastIndex = frameIndexAt(rig.clock.now(), FPS) - 10;
      await sleep(100);
      const state = rig.link.state();
      const device = rig.link.deviceCounters();
      await rig.manager.shutdown();
      await rig.props[0]?.stop();
      const latches = pinLatches(readPinBursts(rig.props[0]?.edgesPath ?? ''), rig.originMs, FPS).filter(
        (latch) => latch.index >= firstIndex && latch.index <= lastIndex,
      );
      const p99 = percentile(
        latches.map((latch) => Math.abs(latch.errorMs)),
        99,
      );
      const expected = lastIndex - firstIndex + 1;
      // Late is judged where it is defined: on the host (could not reach the wire before its time) and
      // on the prop's own clock (STATUS). The pin error against host time is reported, not judged: on a
      // loaded machine it also measures the emulator falling behind (device-latch reports it).
      const missing = expected - new Set(latches.map((latch) => latch.index)).size;
      const ok = state.framesLate === 0 && device.late === 0 && device.dropped === 0 && missing === 0;
      return {
        props: propCount,
        pixels,
        fps: FPS,
        wire_load: round((propCount * frameWireBytes(pixels) * 10 * FPS) / 1_000_000, 3),
        host_late: state.framesLate,
        prop_late: device.late,
        prop_dropped: device.dropped,
        pin_p99_ms: round(p99),
        pin_frames: latches.length,
        missing,
        ok,
      };
    },
    BENCH_RIG,
  );
}

/**
 * A step passes if one of two runs has no late frame: on a shared machine a single stall of the host can
 * make one frame late whatever the link's capacity. Both runs are reported.
 */
async function sweep(
  pixels: number,
  counts: readonly number[],
): Promise<{ max_props: number; steps: StepResult[][] }> {
  const steps: StepResult[][] = [];
  let maxProps = 0;
  for (const count of counts) {
    const runs = [await step(count, pixels)];
    if (!(runs[0] as StepResult).ok) runs.push(await step(count, pixels));
    steps.push(runs);
    if (!runs.some((run) => run.ok)) break;
    maxProps = count;
  }
  return { max_props: maxProps, steps };
}

const benchmark: Benchmark = {
  name: 'device-throughput',
  description: 'most props × pixels at 100 fps one 1 Mbaud serial link sustains with no late frame',
  async run() {
    const loadBefore = load();
    const fourPixels = await sweep(4, [1, 8, 16, 24, 32, 36, 40]);
    const sixteenPixels = await sweep(16, [1, 8, 12, 16, 20]);
    const best4 = fourPixels.max_props;
    return {
      fps: FPS,
      baud: 1_000_000,
      max_props_at_4_pixels: best4,
      pixels_per_second_at_4_pixels: best4 * 4 * FPS,
      max_props_at_16_pixels: sixteenPixels.max_props,
      goal_16x4_at_100fps: best4 >= 16,
      steps: [...fourPixels.steps, ...sixteenPixels.steps],
      load_1min: { before: loadBefore, after: load() },
    };
  },
};

export default benchmark;
