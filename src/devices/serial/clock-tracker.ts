// Follows the prop's clock from PING/PONG exchanges (the estimator is the protocol's) and notices when
// that clock does something a crystal never does: start again (the prop was reset behind a port that
// stayed open) or step (an emulator starved by its host gives time up). A restart ends the session; a
// step, confirmed by consecutive short-round-trip exchanges, restarts the fit from the new position, so
// stale exchanges do not pull the mapping for seconds.
import { ClockSyncEstimator, addU32, diffU32, type ClockSample } from '../../firmware-protocol/index.js';

/** Off the mapping by this much beyond what the round trip explains: the prop's clock started again. */
const RESTART_MS = 20;
/** Off by this much in the same direction on consecutive trusted exchanges: the clock stepped. */
const STEP_MS = 0.5;
const STEP_CONFIRMATIONS = 3;
/** An exchange is trusted for step detection if its round trip is within this of the best one. */
const TRUSTED_EXTRA_RTT_MS = 0.5;

export type ClockVerdict =
  | { readonly kind: 'tracking' }
  /** Off the mapping but not yet confirmed: ask again soon rather than wait for the next heartbeat. */
  | { readonly kind: 'suspect' }
  | { readonly kind: 'restarted'; readonly offMs: number };

export class ClockTracker {
  readonly estimator: ClockSyncEstimator;
  /** How many steps were followed. */
  steps = 0;
  private stepRun: { sample: ClockSample; sign: number }[] = [];

  constructor(
    private readonly clockHz: number,
    /** Exchanges taken as they come before judging new ones against the mapping. */
    private readonly warmup: number,
  ) {
    this.estimator = new ClockSyncEstimator({ clockHz });
  }

  add(sample: ClockSample): ClockVerdict {
    const estimate = this.estimator.estimate();
    if (estimate === null || this.estimator.sampleCount < this.warmup) {
      this.estimator.addSample(sample);
      return { kind: 'tracking' };
    }
    const holdTicks = diffU32(sample.deviceTxTicks, sample.deviceRxTicks);
    const rttMs = sample.hostReceiveMs - sample.hostSendMs - (holdTicks * 1000) / this.clockHz;
    const expected = this.estimator.hostToDeviceTicks((sample.hostSendMs + sample.hostReceiveMs) / 2);
    if (expected === null) return { kind: 'tracking' };
    const deviceMid = addU32(sample.deviceRxTicks, Math.round(holdTicks / 2));
    const residualMs = (diffU32(deviceMid, expected) * 1000) / this.clockHz;
    const excessMs = Math.abs(residualMs) - Math.max(0, rttMs) / 2;
    if (excessMs > RESTART_MS) return { kind: 'restarted', offMs: Math.abs(residualMs) };
    const trusted = rttMs <= estimate.minRttMs * 2 + TRUSTED_EXTRA_RTT_MS;
    if (trusted && excessMs > STEP_MS) {
      const sign = Math.sign(residualMs);
      if (this.stepRun.some((entry) => entry.sign !== sign)) this.stepRun = [];
      this.stepRun.push({ sample, sign });
      if (this.stepRun.length >= STEP_CONFIRMATIONS) {
        this.estimator.reset();
        for (const entry of this.stepRun) this.estimator.addSample(entry.sample);
        this.stepRun = [];
        this.steps += 1;
        return { kind: 'tracking' };
      }
      return { kind: 'suspect' };
    }
    if (trusted) this.stepRun = [];
    this.estimator.addSample(sample);
    return { kind: 'tracking' };
  }
}
