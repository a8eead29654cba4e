// The ground truth of a generated song: every beat and downbeat time follows from its tempo map, and the
// renderers place sounds on exactly these times, so the truth is exact by construction.

/** A run of bars at one tempo; `rampToBpm` makes the tempo glide linearly (per beat) to that value. */
export interface TempoSpan {
  readonly bars: number;
  readonly bpm: number;
  readonly rampToBpm?: number;
}

export interface BeatGrid {
  /** Every beat time in seconds. */
  readonly beats: number[];
  /** The first beat of every bar. */
  readonly downbeats: number[];
  /** Beat duration in seconds for each beat (time to the next beat). */
  readonly beatDurations: number[];
  /** The end of the last bar. */
  readonly end: number;
}

export function buildBeatGrid(spans: readonly TempoSpan[], start: number, beatsPerBar: number): BeatGrid {
  const beats: number[] = [];
  const downbeats: number[] = [];
  const beatDurations: number[] = [];
  let time = start;
  for (const span of spans) {
    const count = span.bars * beatsPerBar;
    for (let index = 0; index < count; index += 1) {
      const bpm =
        span.rampToBpm === undefined
          ? span.bpm
          : span.bpm + ((span.rampToBpm - span.bpm) * index) / Math.max(1, count - 1);
      // Whole microseconds per beat, as a MIDI tempo event stores it, so MIDI renders share this exact grid.
      const duration = Math.round(60_000_000 / bpm) / 1_000_000;
      if (index % beatsPerBar === 0) downbeats.push(time);
      beats.push(time);
      beatDurations.push(duration);
      time += duration;
    }
  }
  return { beats, downbeats, beatDurations, end: time };
}

/** Time of the k-th eighth note inside a beat, with swing (0.5 = straight, 2/3 = triplet swing). */
export function eighthNoteTime(
  beatStart: number,
  beatDuration: number,
  eighth: 0 | 1,
  swing: number,
): number {
  return eighth === 0 ? beatStart : beatStart + beatDuration * swing;
}
