// Where the playhead is in the music: bar, beat in the bar, and section, for the performer's readout.
import type { BeatGrid, Section } from '../../../show/index.js';
import { lastAtOrBefore } from '../ui/sorted-times.js';

export interface MusicalPosition {
  /** 1-based bar (counted from the grid's first downbeat), or null before it / without a grid. */
  readonly bar: number | null;
  /** 1-based beat within the bar, or null. */
  readonly beat: number | null;
  readonly section: string | null;
}

export function musicalPosition(time: number, grid: BeatGrid, sections: readonly Section[]): MusicalPosition {
  const section =
    sections.find((candidate) => time >= candidate.start && time < candidate.end)?.label ?? null;
  const beatIndex = lastAtOrBefore(grid.beats, time);
  const barIndex = lastAtOrBefore(grid.downbeats, time);
  if (beatIndex < 0 || barIndex < 0) return { bar: null, beat: null, section };
  const barStartBeat = lastAtOrBefore(grid.beats, grid.downbeats[barIndex] as number);
  return { bar: barIndex + 1, beat: beatIndex - Math.max(barStartBeat, 0) + 1, section };
}
