// The analysis service end to end: a generated song written as WAV, decoded by the engine's decoder,
// analysed in a real worker thread with progress events, cached in a real nedb file keyed by content hash.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseSong } from '../../../src/analysis/analyse-song.js';
import { analysisCacheKey } from '../../../src/analysis/analysis-cache.js';
import { decodeAudioFile } from '../../../src/analysis/audio-decode.js';
import { beatFMeasure } from '../../../src/analysis/beat-metrics.js';
import { analysisVersion, type AnalysisProgress } from '../../../src/analysis/song-analysis.js';
import { SongAnalyser } from '../../../src/analysis/song-analyser.js';
import { NedbAnalysisCache } from '../../../src/storage/analysis-cache.js';
import { generateSong, songWavFile } from '../../support/test-audio/generate-song.js';
import type { GeneratedSong } from '../../support/test-audio/generated-song.js';
import { songCatalogue } from '../../support/test-audio/song-recipe.js';

let folder: string;
let song: GeneratedSong;
let wavPath: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'smlive-analysis-cache-'));
  song = await generateSong(songCatalogue(12).find((recipe) => recipe.name === 'drums-128') as never);
  wavPath = await songWavFile(song);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('SongAnalyser', () => {
  it('analyses in a worker with progress events, then serves the second load from the nedb cache', async () => {
    const cacheFile = join(folder, 'analysis.db');
    const audio = await decodeAudioFile(wavPath);
    const first = new SongAnalyser(new NedbAnalysisCache(cacheFile));
    const progress: AnalysisProgress[] = [];
    first.on('progress', (hash, event) => {
      expect(hash).toBe(audio.contentHash);
      progress.push(event);
    });
    const computed = await first.analyse(audio);
    expect(computed.source).toBe('computed');
    expect(
      beatFMeasure(
        computed.analysis.beats.map((beat) => beat.time),
        song.beats,
      ).fMeasure,
    ).toBeGreaterThan(0.97);
    expect(progress.map((event) => event.stage)).toContain('beats');
    expect(progress.at(-1)).toEqual({ stage: 'done', fraction: 1 });
    const fractions = progress.map((event) => event.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);

    // A new analyser over the same file (as after a restart) loads the same bytes: a cache hit.
    const again = new SongAnalyser(new NedbAnalysisCache(cacheFile));
    const reloaded = await again.analyse(await decodeAudioFile(wavPath));
    expect(reloaded.source).toBe('cache');
    expect(reloaded.analysis).toEqual(computed.analysis);
  });

  it('recomputes when the cached entry is damaged instead of trusting it', async () => {
    const cacheFile = join(folder, 'damaged.db');
    const audio = await decodeAudioFile(wavPath);
    const key = analysisCacheKey(audio.contentHash);
    await writeFile(
      cacheFile,
      `${JSON.stringify({ _id: key, savedAt: 'x', value: JSON.stringify({ version: analysisVersion, beats: 'not a list' }) })}\n`,
    );
    const outcome = await new SongAnalyser(new NedbAnalysisCache(cacheFile)).analyse(audio);
    expect(outcome.source).toBe('computed');
    expect(outcome.analysis.beats.length).toBeGreaterThan(10);
  });

  it('never serves an analysis from before meter estimation (version 2, always 4/4) as a current one', async () => {
    const cacheFile = join(folder, 'older.db');
    const audio = await decodeAudioFile(wavPath);
    // A complete, well-formed analysis as version 2 wrote it, under its own key and under today's key.
    const older = { ...analyseSong(audio), version: 2, beatsPerBar: 4 };
    const record = (key: string) => JSON.stringify({ _id: key, savedAt: 'x', value: JSON.stringify(older) });
    expect(analysisCacheKey(audio.contentHash)).not.toBe(`${audio.contentHash}:analysis-v2`);
    await writeFile(
      cacheFile,
      `${record(`${audio.contentHash}:analysis-v2`)}\n${record(analysisCacheKey(audio.contentHash))}\n`,
    );
    const outcome = await new SongAnalyser(new NedbAnalysisCache(cacheFile)).analyse(audio);
    expect(outcome.source).toBe('computed');
    expect(outcome.analysis.version).toBe(analysisVersion);
  });

  it('sets a damaged cache file aside and analyses afresh', async () => {
    const cacheFile = join(folder, 'garbage.db');
    await writeFile(cacheFile, 'this is not a cache\n');
    const outcome = await new SongAnalyser(new NedbAnalysisCache(cacheFile)).analyse(
      await decodeAudioFile(wavPath),
    );
    expect(outcome.source).toBe('computed');
    expect((await readdir(folder)).some((name) => name.startsWith('garbage.db.damaged-'))).toBe(true);
  });

  it('shares one worker between two loads of the same song in flight', async () => {
    const audio = await decodeAudioFile(wavPath);
    const analyser = new SongAnalyser();
    const [a, b] = await Promise.all([analyser.analyse(audio), analyser.analyse(audio)]);
    expect(a).toBe(b);
  });
});
