// Maps host time to the prop's clock from PING/PONG exchanges. Each exchange gives the four NTP stamps:
// host send, device receive, device send, host receive. The device's midpoint pairs with the host's
// midpoint, off by at most half the round trip's asymmetry, so only the exchanges with the smallest
// round trip (least queueing) are trusted. A line through those gives offset and drift; a single
// exchange gives offset at the nominal rate.

import { diffU32 } from './wrapping.js';

export interface ClockSample {
  /** Host time (ms, any monotonic origin) when the PING was written. */
  readonly hostSendMs: number;
  /** Host time (ms) when the PONG was read. */
  readonly hostReceiveMs: number;
  readonly deviceRxTicks: number;
  readonly deviceTxTicks: number;
}

export interface ClockEstimate {
  /** Device ticks at host time `referenceHostMs`, unwrapped (may exceed 2^32). */
  readonly deviceTicksAtReference: number;
  readonly referenceHostMs: number;
  /** Device ticks per host millisecond (clockHz / 1000 × (1 + drift)). */
  readonly ticksPerHostMs: number;
  /** Device clock rate error relative to its nominal rate, in parts per million. */
  readonly driftPpm: number;
  /** Smallest round trip in the window, device processing time excluded. */
  readonly minRttMs: number;
  /** Round trip of the exchanges the estimate rests on (the worst of them). */
  readonly usedRttMs: number;
  readonly samples: number;
}

export interface ClockSyncOptions {
  /** Nominal device ticks per second (CAPS clockHz). */
  readonly clockHz: number;
  /** Exchanges kept (oldest dropped first). */
  readonly windowSize?: number;
  /** Share of the window, lowest round trip first, that the fit uses. */
  readonly bestFraction?: number;
  /** Host time the trusted exchanges must span before drift is fitted rather than assumed zero. */
  readonly minDriftSpanMs?: number;
  /** Fitted drift beyond this is treated as noise and clamped (crystals are within ±100 ppm). */
  readonly maxDriftPpm?: number;
}

interface UnwrappedSample {
  readonly hostMidMs: number;
  readonly deviceMidTicks: number;
  readonly rttMs: number;
}

export class ClockSyncEstimator {
  private readonly clockHz: number;
  private readonly windowSize: number;
  private readonly bestFraction: number;
  private readonly minDriftSpanMs: number;
  private readonly maxDriftPpm: number;
  private samples: UnwrappedSample[] = [];
  private anchored = false;
  private anchorTicks = 0;
  private anchorUnwrapped = 0;
  private cached: ClockEstimate | null = null;

  constructor(options: ClockSyncOptions) {
    if (!(options.clockHz > 0)) throw new RangeError(`clockHz must be positive, got ${options.clockHz}`);
    this.clockHz = options.clockHz;
    this.windowSize = options.windowSize ?? 64;
    this.bestFraction = options.bestFraction ?? 0.25;
    this.minDriftSpanMs = options.minDriftSpanMs ?? 2000;
    this.maxDriftPpm = options.maxDriftPpm ?? 500;
  }

  /** Forgets every exchange (the device restarted: its clock began again). */
  reset(): void {
    this.samples = [];
    this.cached = null;
    this.anchored = false;
  }

  addSample(sample: ClockSample): void {
    const ticksPerMs = this.clockHz / 1000;
    const deviceHoldMs = diffU32(sample.deviceTxTicks, sample.deviceRxTicks) / ticksPerMs;
    const rttMs = sample.hostReceiveMs - sample.hostSendMs - deviceHoldMs;
    if (!(rttMs >= 0) || deviceHoldMs < 0) return; // impossible stamps: a stale or corrupted answer
    const rx = this.unwrap(sample.deviceRxTicks);
    const tx = rx + diffU32(sample.deviceTxTicks, sample.deviceRxTicks);
    this.samples.push({
      hostMidMs: (sample.hostSendMs + sample.hostReceiveMs) / 2,
      deviceMidTicks: (rx + tx) / 2,
      rttMs,
    });
    if (this.samples.length > this.windowSize) this.samples.shift();
    this.cached = null;
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  estimate(): ClockEstimate | null {
    if (this.cached !== null) return this.cached;
    if (this.samples.length === 0) return null;
    const byRtt = [...this.samples].sort((a, b) => a.rttMs - b.rttMs);
    const keep = Math.max(1, Math.ceil(byRtt.length * this.bestFraction));
    const trusted = byRtt.slice(0, keep);
    const nominal = this.clockHz / 1000;
    const meanHost = trusted.reduce((sum, s) => sum + s.hostMidMs, 0) / trusted.length;
    const meanDevice = trusted.reduce((sum, s) => sum + s.deviceMidTicks, 0) / trusted.length;
    const hostSpan =
      Math.max(...trusted.map((s) => s.hostMidMs)) - Math.min(...trusted.map((s) => s.hostMidMs));
    let slope = nominal;
    if (trusted.length >= 3 && hostSpan >= this.minDriftSpanMs) {
      let covariance = 0;
      let variance = 0;
      for (const s of trusted) {
        covariance += (s.hostMidMs - meanHost) * (s.deviceMidTicks - meanDevice);
        variance += (s.hostMidMs - meanHost) ** 2;
      }
      const limit = this.maxDriftPpm / 1e6;
      slope = Math.min(nominal * (1 + limit), Math.max(nominal * (1 - limit), covariance / variance));
    }
    this.cached = {
      deviceTicksAtReference: meanDevice,
      referenceHostMs: meanHost,
      ticksPerHostMs: slope,
      driftPpm: (slope / nominal - 1) * 1e6,
      minRttMs: byRtt[0]?.rttMs ?? Number.NaN,
      usedRttMs: trusted[trusted.length - 1]?.rttMs ?? Number.NaN,
      samples: this.samples.length,
    };
    return this.cached;
  }

  /** Device clock (wrapping u32 ticks) at a host time, or null before the first exchange. */
  hostToDeviceTicks(hostMs: number): number | null {
    const estimate = this.estimate();
    if (estimate === null) return null;
    const unwrapped =
      estimate.deviceTicksAtReference + (hostMs - estimate.referenceHostMs) * estimate.ticksPerHostMs;
    return Math.round(unwrapped) >>> 0;
  }

  /** Host time (ms) of a device clock reading, taking the reading nearest the last exchange. */
  deviceTicksToHostMs(ticks: number): number | null {
    const estimate = this.estimate();
    if (estimate === null) return null;
    const unwrapped = this.anchorUnwrapped + diffU32(ticks, this.anchorTicks);
    return estimate.referenceHostMs + (unwrapped - estimate.deviceTicksAtReference) / estimate.ticksPerHostMs;
  }

  /** Device ticks → milliseconds at the nominal rate (for durations). */
  ticksToMs(ticks: number): number {
    return (ticks * 1000) / this.clockHz;
  }

  msToTicks(ms: number): number {
    return Math.round((ms * this.clockHz) / 1000);
  }

  private unwrap(ticks: number): number {
    if (!this.anchored) {
      this.anchored = true;
      this.anchorTicks = ticks;
      this.anchorUnwrapped = ticks;
      return ticks;
    }
    this.anchorUnwrapped += diffU32(ticks, this.anchorTicks);
    this.anchorTicks = ticks;
    return this.anchorUnwrapped;
  }
}
