// MIDI songs with several General MIDI instruments, rendered by Debian's fluidsynth with FluidR3_GM, so
// the analysis meets sampled instruments, reverb and real mixes rather than only our own synth voices.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { barRoles, chordNotes } from './arrangement.js';
import type { BeatGrid } from './beat-grid.js';
import { drumPattern } from './drum-pattern.js';
import { encodeMidiFile, type MidiNote, type MidiSong } from './midi-file.js';
import { seededRandom } from './prng.js';
import type { SongRecipe } from './song-recipe.js';

const run = promisify(execFile);
export const soundFontPath = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
const ticksPerQuarter = 480;
const drumChannel = 9;

/** The MIDI file of a recipe: beat k sits on tick k × 480 and the tempo events reproduce the beat grid. */
export function composeMidiSong(recipe: SongRecipe, grid: BeatGrid): MidiSong {
  const instruments = recipe.instruments ?? { chords: 0, bass: 33, lead: 73, pad: 48 };
  const random = seededRandom(recipe.seed);
  const roles = barRoles(recipe, grid.downbeats.length);
  const keyNote = 40 + (recipe.seed % 5);
  const drums: MidiNote[] = [];
  const bass: MidiNote[] = [];
  const chords: MidiNote[] = [];
  const pad: MidiNote[] = [];
  const lead: MidiNote[] = [];
  const quarter = ticksPerQuarter;
  const offbeatTicks = Math.round(quarter * recipe.swing);
  const pattern = drumPattern(recipe.beatsPerBar);
  roles.forEach((role, bar) => {
    const barTick = bar * recipe.beatsPerBar * quarter;
    const velocity = (base: number) => Math.min(127, Math.round(base * (0.55 + 0.45 * role.intensity)));
    const notes = chordNotes(keyNote + 12, role);
    const drum = (tick: number, note: number, durationTicks: number, velocityBase: number) =>
      drums.push({ tick, durationTicks, channel: drumChannel, note, velocity: velocity(velocityBase) });
    if (role.startsSection) drum(barTick, 49, quarter, 110);
    if (role.section === 'chorus') {
      for (const note of notes)
        pad.push({
          tick: barTick,
          durationTicks: recipe.beatsPerBar * quarter - 10,
          channel: 3,
          note: note + 12,
          velocity: 70,
        });
    }
    pattern.forEach((hits, beat) => {
      const tick = barTick + beat * quarter;
      drum(tick, 42, 60, beat === 0 ? 90 : 70);
      drum(tick + offbeatTicks, 42, 60, 50);
      if (hits.kick > 0) drum(tick, 36, 120, 120 * hits.kick);
      if (hits.snare > 0) drum(tick, 38, 120, 110 * hits.snare);
      if (hits.offbeatKick > 0) drum(tick + offbeatTicks, 36, 120, 90 * hits.offbeatKick);
      if (hits.bass === 'root')
        bass.push({
          tick,
          durationTicks: quarter * 1.5,
          channel: 1,
          note: keyNote - 12 + role.chordRoot,
          velocity: velocity(112),
        });
      if (hits.bass === 'octave')
        bass.push({
          tick,
          durationTicks: quarter,
          channel: 1,
          note: keyNote + role.chordRoot,
          velocity: velocity(96),
        });
      const chordLength = role.section === 'chorus' ? quarter - 20 : quarter / 2;
      if (hits.chord)
        for (const note of notes)
          chords.push({
            tick,
            durationTicks: chordLength,
            channel: 2,
            note,
            velocity: velocity(beat === 0 ? 92 : 74),
          });
      if (role.section === 'chorus') {
        for (const eighth of [0, offbeatTicks]) {
          if (random() < 0.25) continue;
          const pitch = (notes[Math.floor(random() * notes.length)] as number) + 24;
          lead.push({
            tick: tick + eighth,
            durationTicks: quarter / 2 - 10,
            channel: 4,
            note: pitch,
            velocity: 84,
          });
        }
      }
    });
  });
  const tempos: Array<{ tick: number; microsecondsPerQuarter: number }> = [];
  grid.beatDurations.forEach((duration, beat) => {
    const microsecondsPerQuarter = Math.round(duration * 1_000_000);
    if (tempos.at(-1)?.microsecondsPerQuarter !== microsecondsPerQuarter)
      tempos.push({ tick: beat * quarter, microsecondsPerQuarter });
  });
  return {
    ticksPerQuarter,
    tempos,
    tracks: [
      { programs: [], notes: drums },
      { programs: [{ channel: 1, program: instruments.bass }], notes: bass },
      { programs: [{ channel: 2, program: instruments.chords }], notes: chords },
      { programs: [{ channel: 3, program: instruments.pad }], notes: pad },
      { programs: [{ channel: 4, program: instruments.lead }], notes: lead },
    ],
  };
}

/** Renders a MIDI song to stereo float samples with fluidsynth (no audio device: fast render to a file). */
export async function renderMidiSong(song: MidiSong, sampleRate: number): Promise<Float32Array[]> {
  for (const [path, pkg] of [
    ['/usr/bin/fluidsynth', 'fluidsynth'],
    [soundFontPath, 'fluid-soundfont-gm'],
  ] as const) {
    if (!existsSync(path)) throw new Error(`test audio needs ${path}: apt-get install ${pkg}`);
  }
  const folder = await mkdtemp(join(tmpdir(), 'smlive-midi-'));
  try {
    const midiPath = join(folder, 'song.mid');
    const rawPath = join(folder, 'song.f32');
    await writeFile(midiPath, encodeMidiFile(song));
    await run('fluidsynth', [
      '-ni',
      '-q',
      '-g',
      '0.6',
      '-r',
      String(sampleRate),
      '-T',
      'raw',
      '-O',
      'float',
      '-E',
      'little',
      '-F',
      rawPath,
      soundFontPath,
      midiPath,
    ]);
    const bytes = await readFile(rawPath);
    const interleaved = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
    const frames = Math.floor(interleaved.length / 2);
    const left = new Float32Array(frames);
    const right = new Float32Array(frames);
    for (let frame = 0; frame < frames; frame += 1) {
      left[frame] = interleaved[2 * frame] as number;
      right[frame] = interleaved[2 * frame + 1] as number;
    }
    return [left, right];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
