// The live beat tracker over every generated song, fed in stream order through its worker as fast as it
// computes: F-measure, lock time after the music starts, offset of the announced beats, CPU per audio second.
// The same figures for two held-out copies of the catalogue (0.9× and 1.1× the tempo, other seeds) show
// whether the tracker's settings, measured on the catalogue, carry over to songs they were not tuned on.
import { beatFMeasure, matchBeats, timeToLock } from '../../src/analysis/beat-metrics.js';
import { mixToMono } from '../../src/analysis/dsp/mono-downmix.js';
import { LiveBeatTracker } from '../../src/analysis/live/live-beat-tracker.js';
import { generateSong } from '../support/test-audio/generate-song.js';
import { heldOutCatalogue, songCatalogue, type SongRecipe } from '../support/test-audio/song-recipe.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

interface SongRow {
  readonly name: string;
  readonly category: string;
  readonly f: number;
  readonly lock: number;
}

interface CatalogueRun {
  readonly rows: SongRow[];
  readonly offsets: number[];
  readonly leads: number[];
  readonly cpuSeconds: number;
  readonly audioSeconds: number;
}

async function trackCatalogue(
  tracker: LiveBeatTracker,
  recipes: readonly SongRecipe[],
): Promise<CatalogueRun> {
  const run: CatalogueRun = { rows: [], offsets: [], leads: [], cpuSeconds: 0, audioSeconds: 0 };
  let cpuSeconds = 0;
  let audioSeconds = 0;
  for (const recipe of recipes) {
    const song = await generateSong(recipe);
    const result = await tracker.trackRecording(mixToMono(song.channels), song.sampleRate);
    const times = result.events.map((event) => event.time);
    for (const [fired, truth] of matchBeats(times, song.beats, 0.07)) {
      if ((song.beats[truth] as number) >= 5)
        run.offsets.push(((times[fired] as number) - (song.beats[truth] as number)) * 1000);
    }
    for (const event of result.events) run.leads.push((event.time - event.firedAt) * 1000);
    cpuSeconds += result.cpuSeconds;
    audioSeconds += song.duration;
    run.rows.push({
      name: recipe.name,
      category: recipe.category,
      f: beatFMeasure(times, song.beats).fMeasure,
      lock: timeToLock(times, song.beats, song.musicStart),
    });
  }
  return { ...run, cpuSeconds, audioSeconds };
}

/** Seconds, or "never" for a song that never held four beats in a row (JSON has no Infinity). */
const seconds = (value: number) => (Number.isFinite(value) ? round(value, 2) : 'never');

function lockFigures(rows: readonly SongRow[]) {
  const locks = rows.map((row) => row.lock);
  return {
    lockSecondsMedian: seconds(percentile(locks, 50)),
    lockSecondsP90: seconds(percentile(locks, 90)),
    lockSecondsMax: seconds(Math.max(...locks)),
    songsLockedWithin2s: rows.filter((row) => row.lock <= 2).length,
    slowestToLock: [...rows]
      .sort((a, b) => b.lock - a.lock)
      .slice(0, 3)
      .map((row) => `${row.name} ${seconds(row.lock)}`),
  };
}

const benchmark: Benchmark = {
  name: 'beat-live',
  description:
    'live tracker (aubiojs + predictive scheduler): F-measure, lock time, fired-beat offset, CPU per audio second; the same on held-out songs',
  async run() {
    const tracker = new LiveBeatTracker(44_100);
    const { rows, offsets, leads, cpuSeconds, audioSeconds } = await trackCatalogue(
      tracker,
      songCatalogue(32),
    );
    const heldOut = await trackCatalogue(tracker, [
      ...heldOutCatalogue(32, 0.9),
      ...heldOutCatalogue(32, 1.1),
    ]);
    await tracker.stop();
    const categories = [...new Set(rows.map((row) => row.category))];
    const byCategory = Object.fromEntries(
      categories.map((category) => [
        category,
        round(mean(rows.filter((row) => row.category === category).map((row) => row.f))),
      ]),
    );
    const worstCategory = categories.reduce((a, b) =>
      (byCategory[a] as number) <= (byCategory[b] as number) ? a : b,
    );
    const absolute = offsets.map(Math.abs);
    const worstSong = rows.reduce((a, b) => (a.f <= b.f ? a : b));
    const heldOutAbsolute = heldOut.offsets.map(Math.abs);
    return {
      songs: rows.length,
      meanF: round(mean(rows.map((row) => row.f))),
      worstCategory,
      worstCategoryF: byCategory[worstCategory],
      worstSong: worstSong.name,
      worstSongF: round(worstSong.f),
      byCategory,
      ...lockFigures(rows),
      offsetMsP50: round(percentile(offsets, 50), 1),
      offsetMsP90: round(percentile(offsets, 90), 1),
      absOffsetMsP50: round(percentile(absolute, 50), 1),
      absOffsetMsP90: round(percentile(absolute, 90), 1),
      announcedAheadMsP50: round(percentile(leads, 50), 1),
      cpuSecondsPerAudioSecond: round(cpuSeconds / audioSeconds, 4),
      heldOut: {
        songs: heldOut.rows.length,
        meanF: round(mean(heldOut.rows.map((row) => row.f))),
        songsBelowF090: heldOut.rows.filter((row) => row.f < 0.9).map((row) => `${row.name} ${round(row.f)}`),
        ...lockFigures(heldOut.rows),
        absOffsetMsP90: round(percentile(heldOutAbsolute, 90), 1),
      },
    };
  },
};

export default benchmark;
