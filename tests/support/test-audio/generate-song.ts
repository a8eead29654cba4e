// Entry point of the test-audio generator: builds a recipe's song with its ground truth, caching the result
// in tests/.artifacts (keyed by the recipe and the generator version) because MIDI and voice renders take
// seconds. Generated audio never goes into git.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { barRoles } from './arrangement.js';
import { buildBeatGrid } from './beat-grid.js';
import type { GeneratedSong, TruthSection } from './generated-song.js';
import { composeMidiSong, renderMidiSong } from './midi-song.js';
import { addNoise, addVoice, normalisePeak } from './mix.js';
import type { SongRecipe } from './song-recipe.js';
import { renderClickTrack, renderDrumSong } from './synth-song.js';
import { speakLines } from './voice.js';
import { encodeWav } from '../../../src/server/demo/wav-encoder.js';

/** Bump when the generator's output changes, so cached songs are rebuilt. */
const generatorVersion = 6;
export const testAudioSampleRate = 44_100;
export const artifactsFolder = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.artifacts',
  'test-audio',
);

function cacheKey(recipe: SongRecipe): string {
  const digest = createHash('sha256').update(JSON.stringify({ generatorVersion, recipe })).digest('hex');
  return `${recipe.name}-${digest.slice(0, 12)}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function truthSections(recipe: SongRecipe, downbeats: readonly number[], end: number): TruthSection[] {
  const roles = barRoles(recipe, downbeats.length);
  const sections: TruthSection[] = [];
  roles.forEach((role, bar) => {
    const start = downbeats[bar] as number;
    const last = sections.at(-1);
    if (last && last.label === role.section && !role.startsSection) return;
    if (last) sections[sections.length - 1] = { ...last, end: start };
    sections.push({ start, end, label: role.section });
  });
  return sections;
}

async function synthesise(recipe: SongRecipe): Promise<GeneratedSong> {
  const sampleRate = testAudioSampleRate;
  const grid = buildBeatGrid(recipe.tempo, recipe.leadIn, recipe.beatsPerBar);
  let channels: Float32Array[];
  if (recipe.kind === 'click') channels = [renderClickTrack(recipe, grid, sampleRate)];
  else if (recipe.kind === 'drums') channels = [renderDrumSong(recipe, grid, sampleRate)];
  else {
    const rendered = await renderMidiSong(composeMidiSong(recipe, grid), sampleRate);
    const leadInSamples = Math.round(recipe.leadIn * sampleRate);
    channels = rendered.map((channel) => {
      const padded = new Float32Array(channel.length + leadInSamples);
      padded.set(channel, leadInSamples);
      return padded;
    });
  }
  if (recipe.voiceDb !== undefined)
    addVoice(channels, await speakLines(sampleRate), sampleRate, recipe.voiceDb, recipe.seed, grid.end);
  if (recipe.noiseSnrDb !== undefined) addNoise(channels, recipe.noiseSnrDb, recipe.seed);
  normalisePeak(channels);
  const duration = (channels[0]?.length ?? 0) / sampleRate;
  return {
    recipe,
    sampleRate,
    channels,
    duration,
    beats: grid.beats,
    downbeats: grid.downbeats,
    tempo: median(grid.beatDurations.map((d) => 60 / d)),
    beatTempos: grid.beatDurations.map((d) => 60 / d),
    sections: recipe.kind === 'click' ? [] : truthSections(recipe, grid.downbeats, grid.end),
    musicStart: recipe.leadIn,
  };
}

type SongTruth = Omit<GeneratedSong, 'channels'> & { readonly channelCount: number; readonly frames: number };

/** The song for a recipe, from the artifact cache when it was generated before with the same parameters. */
export async function generateSong(recipe: SongRecipe): Promise<GeneratedSong> {
  await mkdir(artifactsFolder, { recursive: true });
  const key = cacheKey(recipe);
  const truthPath = join(artifactsFolder, `${key}.json`);
  const samplesPath = join(artifactsFolder, `${key}.f32`);
  if (existsSync(truthPath) && existsSync(samplesPath)) {
    const truth = JSON.parse(await readFile(truthPath, 'utf8')) as SongTruth;
    const bytes = await readFile(samplesPath);
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const channels = Array.from({ length: truth.channelCount }, (_, index) =>
      all.slice(index * truth.frames, (index + 1) * truth.frames),
    );
    const { channelCount: _count, frames: _frames, ...rest } = truth;
    return { ...rest, channels };
  }
  const song = await synthesise(recipe);
  const frames = song.channels[0]?.length ?? 0;
  const all = new Float32Array(frames * song.channels.length);
  song.channels.forEach((channel, index) => all.set(channel, index * frames));
  const { channels: _channels, ...truth } = song;
  // Write then rename: parallel test workers may generate the same song at once.
  const suffix = `.${process.pid}.tmp`;
  await writeFile(samplesPath + suffix, Buffer.from(all.buffer));
  await writeFile(
    truthPath + suffix,
    JSON.stringify({ ...truth, channelCount: song.channels.length, frames }),
  );
  await rename(samplesPath + suffix, samplesPath);
  await rename(truthPath + suffix, truthPath);
  return song;
}

/** The song written as a 16-bit WAV file in the artifact folder (for the CLI and decoder paths). */
export async function songWavFile(song: GeneratedSong): Promise<string> {
  await mkdir(artifactsFolder, { recursive: true });
  const path = join(artifactsFolder, `${cacheKey(song.recipe)}.wav`);
  if (!existsSync(path)) {
    await writeFile(path + `.${process.pid}.tmp`, encodeWav(song.channels, song.sampleRate));
    await rename(path + `.${process.pid}.tmp`, path);
  }
  return path;
}
