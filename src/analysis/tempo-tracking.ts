// Tempo over time: a Viterbi path through a log-spaced tempo grid (1 % steps), scored by each window's
// autocorrelation times a broad tempo prior, with a cost for every step of tempo change between windows.
// The prior settles the metrical level (half or double tempo) the way a listener would tap; the path
// follows steps and ramps without jumping octaves.
import {
  autocorrelationAt,
  maximumBpm,
  minimumBpm,
  type TempoAutocorrelation,
} from './tempo-autocorrelation.js';

/** Centre and width (octaves) of the log-normal tempo prior; chosen by measurement on the test songs. */
const priorCentreBpm = 150;
const priorWidthOctaves = 1.5;
const gridStep = 1.01;
/** Cost of one 1 % grid step between consecutive windows, and the largest step per window. */
const stepCost = 0.015;
const maxStepsPerWindow = 6;

export interface TempoPoint {
  readonly time: number;
  readonly bpm: number;
}

export interface TempoTrack {
  /** Tempo at each autocorrelation window centre. */
  readonly curve: TempoPoint[];
  /** Median tempo of the song. */
  readonly bpm: number;
}

export function tempoPrior(bpm: number): number {
  const octaves = Math.log2(bpm / priorCentreBpm);
  return Math.exp(-0.5 * (octaves / priorWidthOctaves) ** 2);
}

export function trackTempo(correlation: TempoAutocorrelation): TempoTrack {
  const grid: number[] = [];
  for (let bpm = minimumBpm; bpm <= maximumBpm; bpm *= gridStep) grid.push(bpm);
  const states = grid.length;
  const lags = grid.map((bpm) => (60 * correlation.frameRate) / bpm);
  const priors = grid.map(tempoPrior);
  const windows = correlation.rows.length;
  const backPointers: Int16Array[] = [];
  let scores = new Float64Array(states);
  for (let window = 0; window < windows; window += 1) {
    const row = correlation.rows[window] as Float32Array;
    const observation = lags.map(
      (lag, state) => autocorrelationAt(correlation, row, lag) * (priors[state] as number),
    );
    const next = new Float64Array(states);
    const back = new Int16Array(states);
    for (let state = 0; state < states; state += 1) {
      let best = Number.NEGATIVE_INFINITY;
      let bestFrom = state;
      if (window === 0) best = 0;
      else {
        for (
          let from = Math.max(0, state - maxStepsPerWindow);
          from <= Math.min(states - 1, state + maxStepsPerWindow);
          from += 1
        ) {
          const candidate = (scores[from] as number) - stepCost * Math.abs(from - state);
          if (candidate > best) {
            best = candidate;
            bestFrom = from;
          }
        }
      }
      next[state] = best + (observation[state] as number);
      back[state] = bestFrom;
    }
    backPointers.push(back);
    scores = next;
  }
  let state = 0;
  for (let candidate = 1; candidate < states; candidate += 1)
    if ((scores[candidate] as number) > (scores[state] as number)) state = candidate;
  const path = new Array<number>(windows);
  for (let window = windows - 1; window >= 0; window -= 1) {
    path[window] = state;
    state = (backPointers[window] as Int16Array)[state] as number;
  }
  const curve = path.map((pathState, window) => ({
    time: (correlation.windowCentres[window] as number) / correlation.frameRate,
    bpm: refineBpm(correlation, correlation.rows[window] as Float32Array, grid[pathState] as number),
  }));
  const sorted = curve.map((point) => point.bpm).sort((a, b) => a - b);
  return { curve, bpm: sorted[Math.floor(sorted.length / 2)] ?? 120 };
}

/** Parabolic refinement of the autocorrelation peak near a grid tempo, for sub-percent tempo values. */
function refineBpm(correlation: TempoAutocorrelation, row: Float32Array, bpm: number): number {
  const lag = (60 * correlation.frameRate) / bpm;
  let bestLag = lag;
  let bestValue = autocorrelationAt(correlation, row, lag);
  for (let candidate = lag * 0.985; candidate <= lag * 1.015; candidate += 0.05) {
    const value = autocorrelationAt(correlation, row, candidate);
    if (value > bestValue) {
      bestValue = value;
      bestLag = candidate;
    }
  }
  return (60 * correlation.frameRate) / bestLag;
}

/** Frames per beat at every frame, interpolated between window centres. */
export function beatPeriodAtFrames(track: TempoTrack, frameRate: number, frameCount: number): Float32Array {
  const periods = new Float32Array(frameCount);
  const points = track.curve;
  let segment = 0;
  for (let frame = 0; frame < frameCount; frame += 1) {
    const time = frame / frameRate;
    while (segment + 1 < points.length && (points[segment + 1] as TempoPoint).time <= time) segment += 1;
    const a = points[segment] as TempoPoint;
    const b = points[Math.min(points.length - 1, segment + 1)] as TempoPoint;
    const fraction = b.time > a.time ? Math.min(1, Math.max(0, (time - a.time) / (b.time - a.time))) : 0;
    const bpm = a.bpm + (b.bpm - a.bpm) * fraction;
    periods[frame] = (60 * frameRate) / bpm;
  }
  return periods;
}
