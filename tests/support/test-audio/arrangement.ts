// Which part of the song each bar belongs to, shared by the synthesized and the MIDI songs so that both
// carry ground-truth sections: an optional quiet intro, then 8-bar verses and choruses in turn.
import type { SongRecipe } from './song-recipe.js';

export type SectionLabel = 'intro' | 'verse' | 'chorus';

export interface BarRole {
  readonly section: SectionLabel;
  /** 0..1 loudness of the part. */
  readonly intensity: number;
  /** Root of the bar's chord as semitones above the key. */
  readonly chordRoot: number;
  readonly minor: boolean;
  /** First bar of a section (a crash cymbal marks it). */
  readonly startsSection: boolean;
}

const verseProgression = [
  { root: 0, minor: false },
  { root: 9, minor: true },
  { root: 5, minor: false },
  { root: 7, minor: false },
];
const chorusProgression = [
  { root: 5, minor: false },
  { root: 7, minor: false },
  { root: 4, minor: true },
  { root: 9, minor: true },
];
const phraseBars = 8;

export function barRoles(recipe: SongRecipe, totalBars: number): BarRole[] {
  const roles: BarRole[] = [];
  for (let bar = 0; bar < totalBars; bar += 1) {
    const chord = (progression: typeof verseProgression) =>
      progression[bar % progression.length] as (typeof verseProgression)[number];
    if (bar < recipe.quietIntroBars) {
      const { root, minor } = chord(verseProgression);
      roles.push({ section: 'intro', intensity: 0.05, chordRoot: root, minor, startsSection: bar === 0 });
      continue;
    }
    const phrase = Math.floor((bar - recipe.quietIntroBars) / phraseBars);
    const isChorus = phrase % 2 === 1;
    const { root, minor } = chord(isChorus ? chorusProgression : verseProgression);
    roles.push({
      section: isChorus ? 'chorus' : 'verse',
      intensity: isChorus ? 1 : 0.65,
      chordRoot: root,
      minor,
      startsSection: (bar - recipe.quietIntroBars) % phraseBars === 0,
    });
  }
  return roles;
}

export function chordNotes(keyNote: number, role: BarRole): number[] {
  const root = keyNote + role.chordRoot;
  return [root, root + (role.minor ? 3 : 4), root + 7];
}
