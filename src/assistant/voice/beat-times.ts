// Where spoken times land on the show: the next beat the props can still be told about, and counts of
// beats, bars and seconds from there, following the beat grid (and its tempo past the grid's last beat).
import type { BeatGrid, Show } from '../../show/index.js';

export interface TimeContext {
  readonly playhead: number;
  /** Seconds ahead of the playhead that devices already hold: an edit starts after this. */
  readonly lookahead: number;
}

/** Start of a spoken change: the first beat after playhead + lookahead (or that moment, with no beats). */
export function spokenStart(show: Show, context: TimeContext): number {
  const earliest = context.playhead + context.lookahead;
  const beats = show.beatGrid.beats;
  const next = beats.find((beat) => beat > earliest + 1e-6);
  if (next !== undefined) return next;
  const interval = beatInterval(show.beatGrid);
  if (beats.length > 0 && interval !== null) {
    const last = beats[beats.length - 1] as number;
    return last + Math.ceil((earliest - last) / interval + 1e-9) * interval;
  }
  // The first frame boundary at or after that moment (1.1 s × 100 is 110.00000000000001, still frame 110).
  return Math.ceil(earliest * show.frameRate - 1e-6) / show.frameRate;
}

/** Seconds between beats: the grid's tempo, or the median spacing of its last beats. */
export function beatInterval(grid: BeatGrid): number | null {
  if (grid.bpm !== undefined) return 60 / grid.bpm;
  const beats = grid.beats.slice(-17);
  if (beats.length < 2) return null;
  const gaps = beats.slice(1).map((beat, index) => beat - (beats[index] as number));
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] as number;
}

/** Beats in a bar, read off the downbeats (4 when the grid does not say). */
export function beatsPerBar(grid: BeatGrid): number {
  const counts: number[] = [];
  for (let i = 1; i < grid.downbeats.length && counts.length < 16; i++) {
    const from = grid.downbeats[i - 1] as number;
    const to = grid.downbeats[i] as number;
    counts.push(grid.beats.filter((beat) => beat >= from - 1e-6 && beat < to - 1e-6).length);
  }
  counts.sort((a, b) => a - b);
  const median = counts[Math.floor(counts.length / 2)];
  return median !== undefined && median >= 2 && median <= 12 ? median : 4;
}

/** The time `count` beats after `start` (a beat of the grid or after its end). */
export function beatsAfter(grid: BeatGrid, start: number, count: number): number | null {
  const beats = grid.beats;
  const index = beats.findIndex((beat) => Math.abs(beat - start) < 1e-4);
  if (index >= 0 && index + count < beats.length) return beats[index + count] as number;
  const interval = beatInterval(grid);
  if (interval === null) return null;
  if (index >= 0) {
    const last = beats[beats.length - 1] as number;
    return last + (index + count - (beats.length - 1)) * interval;
  }
  return start + count * interval;
}
