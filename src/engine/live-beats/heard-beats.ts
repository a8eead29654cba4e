// Beats heard by the live tracker, on the show's timeline: what the controllers are told as each beat comes,
// and a beat grid built from them for a show that has none (live musicians, or a song whose analysis is not
// in yet), so "on the next beat" means the band's next beat.
import { EventEmitter } from 'node:events';
import type { BeatGrid } from '../../show/index.js';
import type { Seconds } from '../../show/time.js';

export type HeardBeatSource = 'song' | 'input';

export interface HeardBeat {
  /** Show position at which the beat sounds. */
  readonly time: Seconds;
  /** Host time (performance.now ms) at which it sounds. */
  readonly atMs: number;
  readonly bpm: number;
  /** 0..1: share of recent predicted beats the audio confirmed. */
  readonly confidence: number;
  /** The next few predicted beats, show positions. */
  readonly nextBeats: readonly Seconds[];
  readonly source: HeardBeatSource;
}

export interface HeardBeatsEvents {
  beat: [beat: HeardBeat];
}

/** Enough to cover the lookahead of every reader (a few bars), small enough to copy on every read. */
const KEPT_BEATS = 32;

export class HeardBeats extends EventEmitter<HeardBeatsEvents> {
  private readonly recent: HeardBeat[] = [];

  record(beat: HeardBeat): void {
    const last = this.recent.at(-1);
    // After a jump the timeline starts over: beats of the old stretch would read as the future.
    if (last !== undefined && beat.time <= last.time) this.recent.length = 0;
    this.recent.push(beat);
    if (this.recent.length > KEPT_BEATS) this.recent.shift();
    this.emit('beat', beat);
  }

  /** Forgets every beat (the input stopped, the show jumped). */
  clear(): void {
    this.recent.length = 0;
  }

  get latest(): HeardBeat | undefined {
    return this.recent.at(-1);
  }

  /**
   * The recent beats and the predicted ones after them. No downbeats: the bar is not tracked live, so bar
   * snapping falls back to beats.
   */
  grid(): BeatGrid | null {
    const last = this.recent.at(-1);
    if (last === undefined) return null;
    return {
      beats: [...this.recent.map((beat) => beat.time), ...last.nextBeats],
      downbeats: [],
      bpm: Math.round(last.bpm * 10) / 10,
    };
  }
}
