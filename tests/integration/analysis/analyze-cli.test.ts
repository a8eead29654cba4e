// `smlive analyze` as a user runs it: the real CLI in a child process on generated WAV files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { beatFMeasure } from '../../../src/analysis/beat-metrics.js';
import { generateSong, songWavFile } from '../../support/test-audio/generate-song.js';
import type { GeneratedSong } from '../../support/test-audio/generated-song.js';
import { songCatalogue } from '../../support/test-audio/song-recipe.js';
import { runSmlive } from '../../unit/show/formats/smlive-process.js';

const offlineOutput = z.object({
  duration: z.number(),
  tempo: z.number(),
  beats: z.array(z.number()),
  beatsPerBar: z.union([z.literal(3), z.literal(4)]),
  downbeats: z.array(z.number()),
  onsets: z.array(z.number()),
  sections: z.array(
    z.object({ start: z.number(), end: z.number(), label: z.string(), energy: z.number().min(0).max(1) }),
  ),
});
const liveOutput = z.object({
  duration: z.number(),
  tempo: z.number().nullable(),
  beats: z.array(z.number()),
});

let folder: string;
let song: GeneratedSong;
let wavPath: string;
let waltz: GeneratedSong;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'smlive-analyze-cli-'));
  const recipe = songCatalogue(16).find((candidate) => candidate.name === 'swing-118');
  if (!recipe) throw new Error('swing-118 missing from the catalogue');
  song = await generateSong(recipe);
  wavPath = await songWavFile(song);
  const waltzRecipe = songCatalogue(16).find((candidate) => candidate.name === 'waltz-90');
  if (!waltzRecipe) throw new Error('waltz-90 missing from the catalogue');
  waltz = await generateSong(waltzRecipe);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('smlive analyze', () => {
  it('prints the whole-song analysis as JSON', async () => {
    const run = await runSmlive(['analyze', wavPath, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = offlineOutput.parse(JSON.parse(run.stdout));
    expect(output.duration).toBeCloseTo(song.duration, 2);
    expect(Math.abs(output.tempo - 118)).toBeLessThan(118 * 0.04);
    expect(beatFMeasure(output.beats, song.beats).fMeasure).toBeGreaterThan(0.97);
    expect(output.beatsPerBar).toBe(4);
    expect(beatFMeasure(output.downbeats, song.downbeats).fMeasure).toBeGreaterThan(0.85);
    expect(output.sections.length).toBeGreaterThanOrEqual(2);
  });

  it('prints the meter of a waltz as 3 beats per bar, with its downbeats', async () => {
    const run = await runSmlive(['analyze', await songWavFile(waltz), '--json']);
    expect(run.code).toBe(0);
    const output = offlineOutput.parse(JSON.parse(run.stdout));
    expect(output.beatsPerBar).toBe(3);
    expect(beatFMeasure(output.downbeats, waltz.downbeats).fMeasure).toBeGreaterThan(0.85);
  });

  it('--live prints the beats the live tracker fired over the file', async () => {
    const run = await runSmlive(['analyze', '--live', wavPath, '--json']);
    expect(run.code).toBe(0);
    const output = liveOutput.parse(JSON.parse(run.stdout));
    expect(beatFMeasure(output.beats, song.beats).fMeasure).toBeGreaterThan(0.9);
    expect(Math.abs((output.tempo ?? 0) - 118)).toBeLessThan(118 * 0.04);
  });

  it('rejects a truncated file with exit code 2 and one line that says so', async () => {
    const truncated = join(folder, 'cut.wav');
    await writeFile(truncated, (await readFile(wavPath)).subarray(0, 5000));
    const run = await runSmlive(['analyze', truncated, '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/truncated/i);
  });

  it('rejects a file that is not audio and a bad option with exit code 2', async () => {
    const garbage = join(folder, 'song.mp3');
    await writeFile(garbage, 'this is not an mp3 file at all, just text');
    for (const args of [
      ['analyze', garbage],
      ['analyze', wavPath, '--frobnicate'],
    ]) {
      const run = await runSmlive(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
