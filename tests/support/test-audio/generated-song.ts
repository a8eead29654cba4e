import type { SectionLabel } from './arrangement.js';
import type { SongRecipe } from './song-recipe.js';

export interface TruthSection {
  readonly start: number;
  readonly end: number;
  readonly label: SectionLabel;
}

/** A generated song: its audio and the exact ground truth it was built from. */
export interface GeneratedSong {
  readonly recipe: SongRecipe;
  readonly sampleRate: number;
  readonly channels: Float32Array[];
  readonly duration: number;
  readonly beats: number[];
  readonly downbeats: number[];
  /** Median tempo of the song (BPM) and the tempo of each beat. */
  readonly tempo: number;
  readonly beatTempos: number[];
  readonly sections: TruthSection[];
  /** When the first sound starts. */
  readonly musicStart: number;
}
