// The live beat tracker over every generated song, fed in stream order through its worker as fast as it
// computes: F-measure, lock time after the music starts, offset of the announced beats, CPU per audio second.
import { beatFMeasure, matchBeats, timeToLock } from '../../src/analysis/beat-metrics.js';
import { mixToMono } from '../../src/analysis/dsp/mono-downmix.js';
import { LiveBeatTracker } from '../../src/analysis/live/live-beat-tracker.js';
import { generateSong } from '../support/test-audio/generate-song.js';
import { songCatalogue } from '../support/test-audio/song-recipe.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

const benchmark: Benchmark = {
  name: 'beat-live',
  description:
    'live tracker (aubiojs + predictive scheduler): F-measure, lock time, fired-beat offset, CPU per audio second',
  async run() {
    const rows: Array<{ name: string; category: string; f: number; lock: number }> = [];
    const offsets: number[] = [];
    const leads: number[] = [];
    let cpuSeconds = 0;
    let audioSeconds = 0;
    const tracker = new LiveBeatTracker(44_100);
    for (const recipe of songCatalogue(32)) {
      const song = await generateSong(recipe);
      const result = await tracker.trackRecording(mixToMono(song.channels), song.sampleRate);
      const times = result.events.map((event) => event.time);
      for (const [fired, truth] of matchBeats(times, song.beats, 0.07)) {
        if ((song.beats[truth] as number) >= 5)
          offsets.push(((times[fired] as number) - (song.beats[truth] as number)) * 1000);
      }
      for (const event of result.events) leads.push((event.time - event.firedAt) * 1000);
      cpuSeconds += result.cpuSeconds;
      audioSeconds += song.duration;
      rows.push({
        name: recipe.name,
        category: recipe.category,
        f: beatFMeasure(times, song.beats).fMeasure,
        lock: timeToLock(times, song.beats, song.musicStart),
      });
    }
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
    const locks = rows.map((row) => row.lock);
    const absolute = offsets.map(Math.abs);
    const worstSong = rows.reduce((a, b) => (a.f <= b.f ? a : b));
    return {
      songs: rows.length,
      meanF: round(mean(rows.map((row) => row.f))),
      worstCategory,
      worstCategoryF: byCategory[worstCategory],
      worstSong: worstSong.name,
      worstSongF: round(worstSong.f),
      byCategory,
      lockSecondsMedian: round(percentile(locks, 50), 2),
      lockSecondsP90: round(percentile(locks, 90), 2),
      lockSecondsMax: round(Math.max(...locks), 2),
      songsLockedWithin2s: rows.filter((row) => row.lock <= 2).length,
      offsetMsP50: round(percentile(offsets, 50), 1),
      offsetMsP90: round(percentile(offsets, 90), 1),
      absOffsetMsP50: round(percentile(absolute, 50), 1),
      absOffsetMsP90: round(percentile(absolute, 90), 1),
      announcedAheadMsP50: round(percentile(leads, 50), 1),
      cpuSecondsPerAudioSecond: round(cpuSeconds / audioSeconds, 4),
    };
  },
};

export default benchmark;
