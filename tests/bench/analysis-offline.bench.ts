// Whole-song analysis accuracy on every generated song category (4/4 and the 3/4 waltzes), the share of
// songs whose meter is found, and the time to analyse a 4-minute song.
import { loadavg } from 'node:os';
import { analyseSong } from '../../src/analysis/analyse-song.js';
import { beatFMeasure, tempoIsAccurate } from '../../src/analysis/beat-metrics.js';
import { analyseInWorker } from '../../src/analysis/song-analyser.js';
import { generateSong } from '../support/test-audio/generate-song.js';
import type { GeneratedSong } from '../support/test-audio/generated-song.js';
import { songCatalogue, type SongRecipe } from '../support/test-audio/song-recipe.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Share of the tempo curve within 4 % of the true tempo at that time. */
function tempoCurveAccuracy(
  song: GeneratedSong,
  curve: ReadonlyArray<{ time: number; bpm: number }>,
): number {
  const scored = curve.filter((point) => point.time >= song.beats[0]! && point.time <= song.beats.at(-1)!);
  const truthAt = (time: number) => {
    let index = song.beats.findIndex((beat) => beat > time);
    if (index < 0) index = song.beats.length;
    return song.beatTempos[Math.max(0, index - 1)] as number;
  };
  return mean(scored.map((point) => (tempoIsAccurate(point.bpm, truthAt(point.time)) ? 1 : 0)));
}

const fourMinuteSong: SongRecipe = {
  ...(songCatalogue(120).find((recipe) => recipe.name === 'midi-rock-122') as SongRecipe),
  name: 'midi-rock-4min',
  // 122 → 132 BPM over 124 bars ≈ 4 minutes.
  tempo: [
    { bpm: 122, bars: 62 },
    { bpm: 132, bars: 62 },
  ],
};

const benchmark: Benchmark = {
  name: 'analysis-offline',
  description:
    'beat/downbeat F-measure (±70 ms, first 5 s ignored), tempo and meter accuracy per category; seconds for a 4-minute song',
  async run() {
    const perSong: Array<{
      name: string;
      category: string;
      beatF: number;
      downbeatF: number;
      tempoOk: number;
      meterOk: number;
    }> = [];
    for (const recipe of songCatalogue(32)) {
      const song = await generateSong(recipe);
      const analysis = analyseSong(song);
      perSong.push({
        name: recipe.name,
        category: recipe.category,
        beatF: beatFMeasure(
          analysis.beats.map((beat) => beat.time),
          song.beats,
        ).fMeasure,
        downbeatF: beatFMeasure(analysis.downbeats, song.downbeats).fMeasure,
        tempoOk: tempoCurveAccuracy(song, analysis.tempoCurve),
        meterOk: analysis.beatsPerBar === recipe.beatsPerBar ? 1 : 0,
      });
    }
    const categories = [...new Set(perSong.map((row) => row.category))];
    const byCategory = Object.fromEntries(
      categories.map((category) => {
        const rows = perSong.filter((row) => row.category === category);
        return [
          category,
          {
            beatF: round(mean(rows.map((row) => row.beatF))),
            downbeatF: round(mean(rows.map((row) => row.downbeatF))),
            meterAccuracy: round(mean(rows.map((row) => row.meterOk))),
          },
        ];
      }),
    );
    const worst = categories.reduce((a, b) => (byCategory[a]!.beatF <= byCategory[b]!.beatF ? a : b));

    const long = await generateSong(fourMinuteSong);
    // Wall time depends on what else runs on the machine's two cores; CPU time is the cost itself.
    const timings: number[] = [];
    const cpuTimings: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      analyseSong(long);
      const cpu = process.cpuUsage(cpuBefore);
      timings.push((performance.now() - started) / 1000);
      cpuTimings.push((cpu.user + cpu.system) / 1e6);
    }
    const workerStarted = performance.now();
    const longAnalysis = await analyseInWorker(long);
    const workerSeconds = (performance.now() - workerStarted) / 1000;

    return {
      songs: perSong.length,
      meanBeatF: round(mean(perSong.map((row) => row.beatF))),
      worstCategory: worst,
      worstCategoryBeatF: byCategory[worst]!.beatF,
      worstSong: perSong.reduce((a, b) => (a.beatF <= b.beatF ? a : b)).name,
      worstSongBeatF: round(Math.min(...perSong.map((row) => row.beatF))),
      meanDownbeatF: round(mean(perSong.map((row) => row.downbeatF))),
      worstSongDownbeatF: round(Math.min(...perSong.map((row) => row.downbeatF))),
      tempoAccuracy: round(mean(perSong.map((row) => row.tempoOk))),
      meterAccuracy: round(mean(perSong.map((row) => row.meterOk))),
      wrongMeter: perSong.filter((row) => row.meterOk === 0).map((row) => row.name),
      byCategory,
      fourMinuteSongSeconds: round(long.duration, 1),
      analyseSecondsMedian: round(percentile(timings, 50), 2),
      analyseCpuSecondsMedian: round(percentile(cpuTimings, 50), 2),
      loadAverage: round(loadavg()[0] ?? 0, 1),
      analyseSecondsInWorker: round(workerSeconds, 2),
      fourMinuteBeatF: round(
        beatFMeasure(
          longAnalysis.beats.map((beat) => beat.time),
          long.beats,
        ).fMeasure,
      ),
    };
  },
};

export default benchmark;
