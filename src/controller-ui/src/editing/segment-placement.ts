// Where a segment added by a tap goes: pure, so it is tested without a browser.
import { minimumSegmentDuration, type BeatGrid, type Seconds } from '../../../show/index.js';
import { firstAtOrAfter } from '../ui/sorted-times.js';
import type { Placement } from './edit-preferences.js';

/** Beat length used when the show has no beat grid (120 bpm). */
const FALLBACK_BEAT_SECONDS = 0.5;
/** A tap this soon after a beat counts as on it: fingers are late, not early. */
const BEAT_TOLERANCE_SECONDS = 0.06;

export interface PlacementInput {
  readonly playhead: Seconds;
  readonly placement: Placement;
  readonly lengthInBeats: number;
  readonly beatGrid: BeatGrid;
  readonly duration: Seconds;
  readonly frameRate: number;
}

/** Typical beat length of a grid: its median interval, or the stated bpm, or 120 bpm. */
export function beatSeconds(grid: BeatGrid): Seconds {
  const beats = grid.beats;
  if (beats.length >= 2) {
    const intervals = beats.slice(1).map((beat, index) => beat - (beats[index] as number));
    intervals.sort((a, b) => a - b);
    return intervals[Math.floor(intervals.length / 2)] as number;
  }
  return grid.bpm ? 60 / grid.bpm : FALLBACK_BEAT_SECONDS;
}

/** Index of the first beat at or after `time` (less the tolerance), or -1 when there is none. */
export function nextBeatIndex(beats: readonly Seconds[], time: Seconds): number {
  const index = firstAtOrAfter(beats, time - BEAT_TOLERANCE_SECONDS);
  return index < beats.length ? index : -1;
}

/** [start, end) of the segment a tap adds, or null when there is no room before the end of the show. */
export function placeSegment(input: PlacementInput): { start: Seconds; end: Seconds } | null {
  const beats = input.beatGrid.beats;
  const period = beatSeconds(input.beatGrid);
  let start = input.playhead;
  let end = start + input.lengthInBeats * period;
  if (input.placement === 'beat') {
    const index = nextBeatIndex(beats, input.playhead);
    if (index >= 0) {
      start = beats[index] as number;
      const last = beats[index + input.lengthInBeats];
      // Follow the grid where it has the beats (tempo changes), extrapolate past its end.
      end = last ?? start + input.lengthInBeats * period;
    }
  }
  end = Math.min(end, input.duration);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  start = round(start);
  end = round(end);
  if (end - start < minimumSegmentDuration(input.frameRate)) return null;
  return { start, end };
}
