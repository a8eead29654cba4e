// Renders click tracks and drum-pattern songs in memory, sample-exact on the beat grid.
import { barRoles, chordNotes } from './arrangement.js';
import type { BeatGrid } from './beat-grid.js';
import { eighthNoteTime } from './beat-grid.js';
import { drumPattern } from './drum-pattern.js';
import {
  addBassNote,
  addClick,
  addCrash,
  addHiHat,
  addKick,
  addPadChord,
  addSnare,
  type MonoBuffer,
} from './instruments.js';
import type { SongRecipe } from './song-recipe.js';

export function renderClickTrack(recipe: SongRecipe, grid: BeatGrid, sampleRate: number): Float32Array {
  const buffer: MonoBuffer = {
    sampleRate,
    samples: new Float32Array(Math.ceil((grid.end + 1) * sampleRate)),
  };
  grid.beats.forEach((time, index) => addClick(buffer, time, index % recipe.beatsPerBar === 0));
  return buffer.samples;
}

/**
 * A kit pattern over a bass line and a pad (drum-pattern.ts: a backbeat in 4/4, oom-pah-pah in 3/4), eighth
 * hats (quarters above 150 BPM), a bass note and a chord change on every bar line, a crash on each section
 * start.
 */
export function renderDrumSong(recipe: SongRecipe, grid: BeatGrid, sampleRate: number): Float32Array {
  const buffer: MonoBuffer = {
    sampleRate,
    samples: new Float32Array(Math.ceil((grid.end + 2) * sampleRate)),
  };
  const bars = grid.downbeats.length;
  const roles = barRoles(recipe, bars);
  const keyNote = 36 + (recipe.seed % 7);
  let seed = recipe.seed * 1000;
  const pattern = drumPattern(recipe.beatsPerBar);
  for (let bar = 0; bar < bars; bar += 1) {
    const role = roles[bar];
    if (!role) continue;
    const level = role.section === 'intro' ? 0.05 : role.intensity;
    const barStart = grid.downbeats[bar] as number;
    const firstBeat = bar * recipe.beatsPerBar;
    const barDuration = grid.beatDurations
      .slice(firstBeat, firstBeat + recipe.beatsPerBar)
      .reduce((sum, d) => sum + d, 0);
    addPadChord(buffer, barStart, barDuration, chordNotes(keyNote + 24, role), 0.12 * level);
    if (role.startsSection && role.section !== 'intro') addCrash(buffer, barStart, 0.5 * level, (seed += 1));
    pattern.forEach((hits, beatInBar) => {
      const beatIndex = firstBeat + beatInBar;
      const time = grid.beats[beatIndex] as number;
      const duration = grid.beatDurations[beatIndex] as number;
      const offbeat = eighthNoteTime(time, duration, 1, recipe.swing);
      const bpm = 60 / duration;
      const hatGain = role.section === 'chorus' ? 0.35 : 0.25;
      addHiHat(buffer, time, hatGain * level * 2, (seed += 1), role.section === 'chorus' && hits.snare > 0);
      if (bpm <= 150) addHiHat(buffer, offbeat, hatGain * level * 1.2, (seed += 1));
      if (role.section === 'intro') return;
      if (hits.kick > 0) addKick(buffer, time, 0.9 * hits.kick * level);
      if (hits.offbeatKick > 0) addKick(buffer, offbeat, 0.6 * hits.offbeatKick * level);
      if (hits.snare > 0) addSnare(buffer, time, 0.6 * hits.snare * level, (seed += 1));
      if (hits.bass === 'root')
        addBassNote(buffer, time, duration * 1.5, keyNote + role.chordRoot, 0.5 * level);
      if (hits.bass === 'octave')
        addBassNote(buffer, time, duration * 0.9, keyNote + role.chordRoot + 12, 0.35 * level);
    });
  }
  return buffer.samples;
}
