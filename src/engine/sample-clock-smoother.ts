// Turns a sample clock that is only seen in steps (an audio context's time advances one 128-frame render
// quantum, or one device period, at a time, and JS sees each step late by however long it took to look)
// into a smooth, monotonic clock on the host's timeline.
//
// A step can be seen late but never early, so the host-minus-sample offset of the earliest sightings is
// the truth: the estimate is the minimum offset over a sliding window (the lower envelope), which also
// follows slow drift between the sound card's crystal and the host clock. The output then slews toward
// that estimate by at most `maxSlew` of real time, so successive reads never jitter and never go back.
// A render thread that falls behind and catches up (a busy machine) leaves the schedule where it was; an
// underrun that loses time moves it, which shows as sightings that stay late, and the envelope restarts.

export interface SmootherOptions {
  /** Sightings older than this stop counting toward the estimate. */
  readonly windowMs: number;
  /** No new step for this long means the sample clock has stopped (underrun, device lost, suspended). */
  readonly stallMs: number;
  /**
   * Sightings this far behind the estimate, with none near it for `shiftAfterMs`, mean the clock's
   * schedule itself moved (an underrun lost time) rather than a late render catching up: start afresh.
   */
  readonly shiftToleranceMs: number;
  readonly shiftAfterMs: number;
  /** Largest correction, as a fraction of elapsed time (0.1: the output runs at most 10 % fast or slow). */
  readonly maxSlew: number;
  /** Errors beyond this are not slewed: behind, the output jumps forward; ahead, it holds still. */
  readonly stepSeconds: number;
}

export const DEFAULT_SMOOTHER_OPTIONS: SmootherOptions = {
  windowMs: 2000,
  stallMs: 100,
  shiftToleranceMs: 50,
  shiftAfterMs: 300,
  maxSlew: 0.1,
  stepSeconds: 0.02,
};

interface Sighting {
  readonly hostMs: number;
  /** hostMs minus the sample clock in ms at the moment of sighting. */
  readonly offsetMs: number;
}

export class SampleClockSmoother {
  // Sliding-window minimum: offsets increase from front to back, so the front is the window's minimum.
  private readonly envelope: Sighting[] = [];
  private lastValue: number | null = null;
  private lastOnScheduleMs = 0;
  private output: number | null = null;
  private outputHostMs = 0;

  constructor(private readonly options: SmootherOptions = DEFAULT_SMOOTHER_OPTIONS) {}

  /** Records what the sample clock (seconds) read at host time `hostMs`. */
  observe(hostMs: number, value: number): void {
    if (value === this.lastValue) return;
    const offsetMs = hostMs - value * 1000;
    const front = this.envelope[0];
    if (front !== undefined && offsetMs <= front.offsetMs + this.options.shiftToleranceMs) {
      this.lastOnScheduleMs = hostMs;
    }
    const wentBack = this.lastValue !== null && value < this.lastValue;
    if (wentBack || (front !== undefined && hostMs - this.lastOnScheduleMs > this.options.shiftAfterMs)) {
      // A new context, or a schedule that moved for good: what the old envelope says no longer holds.
      this.envelope.length = 0;
      this.lastOnScheduleMs = hostMs;
    }
    this.lastValue = value;
    while (this.envelope.length > 0 && (this.envelope.at(-1) as Sighting).offsetMs >= offsetMs) {
      this.envelope.pop();
    }
    this.envelope.push({ hostMs, offsetMs });
    while ((this.envelope[0] as Sighting).hostMs < hostMs - this.options.windowMs) this.envelope.shift();
  }

  /** The best estimate of the sample clock at `hostMs`, before smoothing; null before any sighting. */
  estimate(hostMs: number): number | null {
    const front = this.envelope[0];
    if (front === undefined || this.lastValue === null) return null;
    const extrapolated = (hostMs - front.offsetMs) / 1000;
    // Past the stall limit the clock is not moving: do not run on ahead of what was last rendered.
    return Math.min(extrapolated, this.lastValue + this.options.stallMs / 1000);
  }

  /**
   * Host time (ms) minus sample clock (ms) on the schedule: host time of sample-clock time c is
   * offset + c·1000. Null before any sighting.
   */
  scheduleOffsetMs(): number | null {
    return this.envelope[0]?.offsetMs ?? null;
  }

  /** The smoothed clock (seconds) at `hostMs`: monotonic, slewed toward the estimate. */
  read(hostMs: number): number | null {
    const target = this.estimate(hostMs);
    if (target === null) return this.output;
    if (this.output === null) {
      this.output = target;
      this.outputHostMs = hostMs;
      return target;
    }
    const elapsed = (hostMs - this.outputHostMs) / 1000;
    if (elapsed <= 0) return this.output;
    const predicted = this.output + elapsed;
    const error = target - predicted;
    const { maxSlew, stepSeconds } = this.options;
    if (error > stepSeconds) this.output = target;
    else if (error < -stepSeconds) this.output = Math.max(this.output, target);
    else this.output = predicted + Math.max(-maxSlew * elapsed, Math.min(maxSlew * elapsed, error));
    this.outputHostMs = hostMs;
    return this.output;
  }

  /** Forgets everything (a new audio context). */
  reset(): void {
    this.envelope.length = 0;
    this.lastValue = null;
    this.output = null;
  }
}
