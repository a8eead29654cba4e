// |latch time at the emulated WS2812 pin − intended show time| over ≥ 1,000 frames at 100 fps, through
// the device manager, a socat pty and the real firmware in simavr; with the clock mapping tracked for the
// whole run. Goals: p99 ≤ 1 ms, max ≤ 2 ms.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LatchReport } from '../../src/devices/serial/serial-link.js';
import { frameIndexAt } from '../../src/show/time.js';
import { readPinBursts } from '../support/emulated-prop.js';
import { markedFrame, pinLatches } from '../support/latch-marks.js';
import { percentile, round, type Benchmark } from './benchmark.js';
import { BENCH_RIG, sleep, until, withSerialRig } from '../support/serial-rig.js';

const FPS = 100;
const FRAMES = 1100;
const PIXELS = 16;

const benchmark: Benchmark = {
  name: 'device-latch',
  description: 'pin latch time vs intended show time, 100 fps, real firmware in simavr over a pty',
  async run() {
    return withSerialRig(
      [{ propId: 'club', pixelCount: PIXELS }],
      async (rig) => {
        const reports: LatchReport[] = [];
        rig.link.onLatch((report) => reports.push(report));
        rig.manager.start();
        await until(() => rig.link.status() === 'connected', 'the link to connect');
        // How late the host's event loop ran: frames leave 30 ms ahead, so a longer stall makes them late.
        const loopDelay = monitorEventLoopDelay({ resolution: 1 });
        loopDelay.enable();
        const offsets: number[] = [];
        const rtts: number[] = [];
        const sampler = setInterval(() => {
          const state = rig.link.state();
          if (state.clockOffsetMs !== null) offsets.push(state.clockOffsetMs);
          if (state.rttMs !== null) rtts.push(state.rttMs);
        }, 100);
        const firstIndex = frameIndexAt(rig.clock.now(), FPS) + 5;
        rig.manager.play((time) => new Map([['club', markedFrame(frameIndexAt(time, FPS), PIXELS)]]), FPS);
        await sleep(((FRAMES + 5) / FPS) * 1000 + 300);
        rig.manager.pause();
        clearInterval(sampler);
        loopDelay.disable();
        const state = rig.link.state();
        const drift = rig.link.clockEstimate()?.driftPpm ?? null;
        const clockSteps = rig.link.clockSteps();
        await rig.manager.shutdown();
        await rig.props[0]?.stop();

        const latches = pinLatches(readPinBursts(rig.props[0]?.edgesPath ?? ''), rig.originMs, FPS).filter(
          (latch) => latch.index >= firstIndex,
        );
        const errors = latches.map((latch) => Math.abs(latch.errorMs));
        const signed = latches.map((latch) => latch.errorMs);
        const deviceErrors = reports.map((report) => Math.abs(report.errorMs));
        const offsetSpread = offsets.length > 0 ? Math.max(...offsets) - Math.min(...offsets) : null;
        return {
          frames_latched_on_pin: latches.length,
          fps: FPS,
          pixels: PIXELS,
          pin_abs_error_ms: {
            p50: round(percentile(errors, 50)),
            p99: round(percentile(errors, 99)),
            max: round(Math.max(...errors)),
          },
          pin_signed_error_ms: {
            min: round(Math.min(...signed)),
            median: round(percentile(signed, 50)),
            max: round(Math.max(...signed)),
          },
          within_1ms: round(errors.filter((error) => error <= 1).length / Math.max(1, errors.length), 4),
          device_reported_abs_error_ms: {
            p50: round(percentile(deviceErrors, 50)),
            p99: round(percentile(deviceErrors, 99)),
            max: round(Math.max(...deviceErrors)),
          },
          clock: {
            offset_samples: offsets.length,
            offset_spread_ms: offsetSpread === null ? null : round(offsetSpread),
            drift_ppm: drift === null ? null : round(drift, 1),
            rtt_ms_median: round(percentile(rtts, 50)),
            steps_followed: clockSteps,
          },
          link: {
            sent: state.framesSent,
            late: state.framesLate,
            dropped: state.framesDropped,
            bad_input: state.badInput,
          },
          goals: { p99_le_1ms: percentile(errors, 99) <= 1, max_le_2ms: Math.max(...errors) <= 2 },
          host_event_loop_delay_ms: {
            p99: round(loopDelay.percentile(99) / 1e6),
            max: round(loopDelay.max / 1e6),
          },
          ...rig.conditions(),
        };
      },
      BENCH_RIG,
    );
  },
};

export default benchmark;
