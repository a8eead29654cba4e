// The predictive part of the live tracker. It keeps a beat period and phase and announces each beat a
// little before it sounds. Period: autocorrelation of the recent onset envelope under the same tempo prior
// as the offline analysis (so live and offline agree on the metrical level, where aubio alone often
// doubles or halves). Phase: a comb over the recent envelope, nudged by aubio's beats as they arrive.
// aubio drops beats now and then; predicting from the period bridges them.
import { tempoPrior } from '../tempo-tracking.js';
import type { LiveBeatEvent } from './live-beat-event.js';

export interface SchedulerOptions {
  /** Envelope frames per second. */
  readonly frameRate: number;
  /** How long before a beat its event is emitted, seconds. */
  readonly leadSeconds: number;
  /** Added to envelope frame times to land on the attack (the flux peaks slightly before it). */
  readonly envelopeDelaySeconds: number;
}

// 5 s measured best of 4, 5 and 6 (mean F 0.957, 0.960, 0.957): shorter follows tempo steps sooner, longer is steadier.
const historySeconds = 5;
const combSeconds = 4;
const updateEverySeconds = 0.25;
// 1.2 s measured best of 1.0, 1.2, 1.4 and 1.5 s over the catalogue and two held-out copies of it at 0.9×
// and 1.1× the tempo (songs locked within 2 s: 45, 49, 46, 44 of 66; mean F within 0.003 of each other).
const minimumHistorySeconds = 1.2;
/**
 * Below this normalised autocorrelation the periodicity seen in the newest half-window is not trusted, and
 * a period as long as nearly the whole window (one pair of onsets) may be taken: at 70 BPM the third beat
 * comes 1.7 s after the first, and waiting for two whole periods in the window would miss it.
 */
const weakPeriodicity = 0.2;
const minBpm = 55;
const maxBpm = 215;
/** Share of a phase error corrected per comb update and per aubio beat. */
const combGain = 0.5;
const aubioGain = 0.3;
/** Weight of the newest window in the running average of autocorrelations (≈ 12 s memory at 4 updates/s). */
const averagingWeight = 0.02;
/** After this many predicted beats in a row without an onset, the tracker stops announcing beats. */
const silenceBeats = 3;
/** A new period or phase must win this many updates in a row before it replaces the current one. */
const switchVotes = 2;
/** Jumping to half or double the tempo needs longer agreement: octave flips cost every other beat. */
const octaveSwitchVotes = 8;
/** Seconds of music after which octave switches need the longer agreement. */
const settleSeconds = 6;

export class PredictiveBeatScheduler {
  private readonly envelope: Float32Array;
  private written = 0;
  private firstActiveFrame = -1;
  private localMean: number | undefined;
  private period: number | undefined;
  private anchor: number | undefined;
  private lastFired = Number.NEGATIVE_INFINITY;
  private nextUpdate = 0;
  private pendingPeriod: { value: number; votes: number } | undefined;
  private pendingPhase = 0;
  private readonly confirmations: boolean[] = [];
  private lastAubioBeat = Number.NEGATIVE_INFINITY;
  private readonly averageRow: number[] = [];
  private newestRow: { values: Float64Array; rate: number } | undefined;
  /** Fired beats whose onset strength has not been checked yet (it is known a few frames later). */
  private readonly unchecked: number[] = [];
  private typicalBeatStrength = 0;
  private weakBeatsInRow = 0;
  private readonly averageCounts: number[] = [];

  constructor(private readonly options: SchedulerOptions) {
    this.envelope = new Float32Array(Math.ceil(historySeconds * options.frameRate));
  }

  get bpm(): number | undefined {
    return this.period === undefined ? undefined : 60 / this.period;
  }

  /** Adds the onset strength of the next frame. */
  pushFrame(flux: number): void {
    // Subtract a running mean (≈0.4 s) so that sustained texture does not count as onsets. It starts at the
    // first frame's level: starting from zero, a stream that begins mid-noise reads as one long onset.
    const localMean = this.localMean ?? flux;
    this.localMean = localMean + (flux - localMean) * (1 / (0.4 * this.options.frameRate));
    this.store(Math.max(0, flux - this.localMean));
  }

  /** A frame without onset strength (the envelope's window is still filling), so later frames keep their time. */
  skipFrame(): void {
    this.store(0);
  }

  private store(value: number): void {
    this.envelope[this.written % this.envelope.length] = value;
    // Music starts where an onset stands out, not where the flux is high: steady noise has high flux.
    if (this.firstActiveFrame < 0 && value > 1) this.firstActiveFrame = this.written;
    this.written += 1;
  }

  private frameTime(frame: number): number {
    return frame / this.options.frameRate + this.options.envelopeDelaySeconds;
  }

  private valueAt(frame: number): number {
    if (frame < 0 || frame >= this.written || frame < this.written - this.envelope.length) return 0;
    return this.envelope[frame % this.envelope.length] as number;
  }

  /** An aubio beat at stream time `time`: nudges the phase when it is near a predicted beat. */
  observeBeat(time: number): void {
    this.lastAubioBeat = time;
    if (this.period === undefined || this.anchor === undefined) return;
    const error = time - this.nearestPrediction(time);
    if (Math.abs(error) < 0.15 * this.period) this.anchor = this.nearestPrediction(time) + aubioGain * error;
  }

  private nearestPrediction(time: number): number {
    const period = this.period as number;
    const anchor = this.anchor as number;
    return anchor + Math.round((time - anchor) / period) * period;
  }

  /** Called after each hop with the stream time reached; returns the beats to announce now. */
  advance(now: number): LiveBeatEvent[] {
    if (now >= this.nextUpdate) {
      this.nextUpdate = now + updateEverySeconds;
      this.updateTempoAndPhase();
    }
    this.checkFiredBeats(now);
    const period = this.period;
    const anchor = this.anchor;
    if (period === undefined || anchor === undefined) return [];
    // The music stopped (or paused): stay silent instead of ticking on, until a real beat comes back.
    const silent = this.weakBeatsInRow >= silenceBeats;
    const events: LiveBeatEvent[] = [];
    let next = anchor + Math.ceil((Math.max(now, this.lastFired + 0.5 * period) - anchor) / period) * period;
    while (next - now <= this.options.leadSeconds) {
      if (next > this.lastFired + 0.5 * period) {
        this.unchecked.push(next);
        if (silent) {
          this.lastFired = next;
          next += period;
          continue;
        }
        this.confirmations.push(
          Math.abs(this.lastAubioBeat - this.nearestPrediction(this.lastAubioBeat)) < 0.15 * period,
        );
        if (this.confirmations.length > 8) this.confirmations.shift();
        events.push({
          time: next,
          firedAt: now,
          bpm: 60 / period,
          confidence: this.confidence(),
          nextBeats: [next + period, next + 2 * period, next + 3 * period],
        });
        this.lastFired = next;
      }
      next += period;
    }
    return events;
  }

  /** Scores each fired (or silently predicted) beat by the onset strength found at it once that is known. */
  private checkFiredBeats(now: number): void {
    const rate = this.options.frameRate;
    while (
      this.unchecked.length > 0 &&
      (this.unchecked[0] as number) + 0.2 * (this.period ?? 0.5) + 0.02 < now
    ) {
      const time = this.unchecked.shift() as number;
      const frame = Math.round((time - this.options.envelopeDelaySeconds) * rate);
      // A wide window: this asks whether there is music at all, not whether the phase is exact.
      const reach = Math.round(0.2 * (this.period ?? 0.5) * rate);
      let strength = 0;
      for (let offset = -reach; offset <= reach; offset += 1)
        strength = Math.max(strength, this.valueAt(frame + offset));
      if (this.typicalBeatStrength === 0) this.typicalBeatStrength = strength;
      const weak = strength < 0.2 * this.typicalBeatStrength;
      this.weakBeatsInRow = weak ? this.weakBeatsInRow + 1 : 0;
      if (!weak) this.typicalBeatStrength += 0.1 * (strength - this.typicalBeatStrength);
    }
  }

  private confidence(): number {
    const recent = this.confirmations.slice(-8);
    // A share of the beats predicted so far, counting at least four: one confirmed beat is not certainty.
    return recent.length === 0 ? 0 : recent.filter(Boolean).length / Math.max(recent.length, 4);
  }

  private updateTempoAndPhase(): void {
    const rate = this.options.frameRate;
    if (this.firstActiveFrame < 0) return;
    const available = Math.min(this.written - this.firstActiveFrame, this.envelope.length);
    if (available < minimumHistorySeconds * rate) return;
    const candidate = this.estimatePeriod(available);
    if (candidate !== undefined) this.considerPeriod(candidate);
    if (this.period === undefined) return;
    const phase = this.estimatePhase(this.period, Math.min(available, Math.round(combSeconds * rate)));
    if (phase === undefined) return;
    if (this.anchor === undefined) {
      this.anchor = phase;
      return;
    }
    const error = phase - this.nearestPrediction(phase);
    if (Math.abs(error) < 0.15 * this.period) {
      this.anchor = this.nearestPrediction(phase) + combGain * error;
      this.pendingPhase = 0;
    } else if (++this.pendingPhase >= switchVotes) {
      this.anchor = phase;
      this.pendingPhase = 0;
    }
  }

  private considerPeriod(candidate: number): void {
    if (this.period === undefined || Math.abs(candidate / this.period - 1) < 0.04) {
      // Close to the current period: follow it smoothly (tempo drifts and ramps).
      this.period = this.period === undefined ? candidate : this.period + 0.5 * (candidate - this.period);
      this.pendingPeriod = undefined;
      return;
    }
    if (this.pendingPeriod && Math.abs(candidate / this.pendingPeriod.value - 1) < 0.04)
      this.pendingPeriod.votes += 1;
    else this.pendingPeriod = { value: candidate, votes: 1 };
    const ratio = this.pendingPeriod.value / this.period;
    const isOctave =
      Math.abs(Math.log2(ratio) - Math.round(Math.log2(ratio))) < 0.06 && Math.round(Math.log2(ratio)) !== 0;
    // Early on an octave error costs a few beats and a late flip costs many: be quick at first, steady later.
    const settled = this.written - this.firstActiveFrame > settleSeconds * this.options.frameRate;
    const votesNeeded = isOctave && settled ? octaveSwitchVotes : switchVotes;
    // A different tempo that the newest window supports far better than the current one wins at once.
    const clearlyBetter =
      !isOctave && this.support(this.pendingPeriod.value) > 1.25 * this.support(this.period);
    if (this.pendingPeriod.votes >= votesNeeded || clearlyBetter) {
      this.period = this.pendingPeriod.value;
      this.anchor = undefined;
      this.pendingPeriod = undefined;
    }
  }

  /** The newest window's autocorrelation at a period (s). */
  private support(period: number): number {
    const row = this.newestRow;
    return row ? valueAtLag(row.values, period * row.rate) : 0;
  }

  /**
   * Beat period (s). The metrical level comes from the autocorrelation averaged over the last several
   * seconds, weighted by the tempo prior (one noisy window must not flip half/double tempo); the exact
   * period comes from the newest window's peak near that level, so ramps and steps are followed.
   */
  private estimatePeriod(available: number): number | undefined {
    const rate = this.options.frameRate;
    const recent = new Float32Array(available);
    // A light smoothing: a click's flux is a frame or two wide, and a fractional beat period would otherwise
    // make the integer-lag autocorrelation depend on where the clicks fall between frames.
    for (let index = 0; index < available; index += 1) {
      const frame = this.written - available + index;
      recent[index] =
        0.25 * this.valueAt(frame - 1) + 0.5 * this.valueAt(frame) + 0.25 * this.valueAt(frame + 1);
    }
    const minLag = Math.floor((60 * rate) / maxBpm);
    const slowestLag = Math.ceil((60 * rate) / minBpm);
    const halfWindowLag = Math.min(slowestLag, Math.floor(available / 2));
    const maxLag = Math.min(slowestLag, Math.floor(0.9 * available));
    if (halfWindowLag <= minLag + 2) return undefined;
    // Without its mean, a noise floor adds no slope to the autocorrelation for the prior to lean on.
    const mean = recent.reduce((sum, value) => sum + value, 0) / available;
    for (let index = 0; index < available; index += 1) recent[index] = recent[index]! - mean;
    let energy = 0;
    for (const value of recent) energy += value * value;
    if (energy <= 0) return undefined;
    const row = new Float64Array(maxLag + 2);
    for (let lag = minLag; lag <= maxLag + 1; lag += 1) {
      let sum = 0;
      for (let t = 0; t + lag < available; t += 1) sum += (recent[t] as number) * (recent[t + lag] as number);
      // Corrected for the shrinking overlap as in a full window, not this one: in a short window a long lag
      // rests on one or two pairs of onsets, and correcting for its own overlap inflated exactly those (a
      // 176 BPM drum song was tracked at 88 for its first 3 s).
      row[lag] = (sum / energy) * (this.envelope.length / (this.envelope.length - lag));
    }
    const prior = (lag: number) => tempoPrior((60 * rate) / lag);
    const halfWindowPeak = peakLag(row, minLag, halfWindowLag, prior);
    const reach =
      halfWindowPeak !== undefined && valueAtLag(row, halfWindowPeak) >= weakPeriodicity
        ? halfWindowLag
        : maxLag;
    const newest = reach === halfWindowLag ? halfWindowPeak : peakLag(row, minLag, reach, prior);
    for (let lag = minLag; lag <= reach + 1; lag += 1) {
      const count = (this.averageCounts[lag] ?? 0) + 1;
      this.averageCounts[lag] = count;
      const weight = Math.max(1 / count, averagingWeight);
      this.averageRow[lag] = (this.averageRow[lag] ?? 0) * (1 - weight) + (row[lag] as number) * weight;
    }
    const averageLevel = peakLag(this.averageRow, minLag, reach, prior);
    if (averageLevel === undefined || newest === undefined) return undefined;
    // The newest window says where the tempo is now; the average says which octave of it is the beat.
    const level = [newest / 2, newest, newest * 2]
      .filter((lag) => lag >= minLag && lag <= reach)
      .reduce(
        (best, lag) =>
          Math.abs(Math.log(lag / averageLevel)) < Math.abs(Math.log(best / averageLevel)) ? lag : best,
        newest,
      );
    this.newestRow = { values: row, rate };
    const near =
      peakLag(
        row,
        Math.max(minLag, Math.floor(level * 0.95)),
        Math.min(reach, Math.ceil(level * 1.05)),
        () => 1,
      ) ?? level;
    return near / rate;
  }

  /** Time of the most recent beat implied by a comb over the recent envelope at this period. */
  private estimatePhase(period: number, span: number): number | undefined {
    const rate = this.options.frameRate;
    const periodFrames = period * rate;
    const last = this.written - 1;
    const teeth = Math.max(1, Math.floor(span / periodFrames));
    let bestOffset = -1;
    let bestScore = 0;
    const scoreAt = (offset: number) => {
      let sum = 0;
      for (let tooth = 0; tooth < teeth; tooth += 1) {
        const frame = last - offset - tooth * periodFrames;
        const low = Math.floor(frame);
        const fraction = frame - low;
        // Recent teeth weigh more: the phase of now matters, not that of four seconds ago.
        sum +=
          (this.valueAt(low) * (1 - fraction) + this.valueAt(low + 1) * fraction) * (1 - tooth / (teeth + 1));
      }
      return sum;
    };
    const scores: number[] = [];
    for (let offset = 0; offset < Math.ceil(periodFrames); offset += 1) {
      const score = scoreAt(offset);
      scores.push(score);
      if (score > bestScore) {
        bestScore = score;
        bestOffset = offset;
      }
    }
    if (bestOffset < 0) return undefined;
    const count = scores.length;
    const left = scores[(bestOffset - 1 + count) % count] as number;
    const right = scores[(bestOffset + 1) % count] as number;
    const curvature = left - 2 * bestScore + right;
    const refined =
      curvature < 0
        ? bestOffset + Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature))
        : bestOffset;
    return this.frameTime(last - refined);
  }
}

/** An autocorrelation row's value at a fractional lag, by linear interpolation. */
function valueAtLag(values: ArrayLike<number>, lag: number): number {
  const low = Math.floor(lag);
  const fraction = lag - low;
  return (values[low] ?? 0) * (1 - fraction) + (values[low + 1] ?? 0) * fraction;
}

/** The lag of the highest weighted local maximum in [from, to], refined between frames; undefined if none. */
function peakLag(
  values: ArrayLike<number>,
  from: number,
  to: number,
  weightOf: (lag: number) => number,
): number | undefined {
  let best = -1;
  let bestScore = 0;
  for (let lag = Math.max(1, from); lag <= to; lag += 1) {
    const value = values[lag] ?? 0;
    if (value < (values[lag - 1] ?? 0) || value < (values[lag + 1] ?? 0)) continue;
    const score = value * weightOf(lag);
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  if (best < 0) return undefined;
  const left = values[best - 1] ?? 0;
  const centre = values[best] ?? 0;
  const right = values[best + 1] ?? 0;
  const curvature = left - 2 * centre + right;
  return curvature < 0 ? best + Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature)) : best;
}
