// Whole-song analysis on generated songs with exact ground truth, one song per category and tempo range.
// Thresholds are the goals; the benchmark (analysis-offline) reports the figures on longer songs.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseSong } from '../../../src/analysis/analyse-song.js';
import { beatFMeasure, tempoIsAccurate } from '../../../src/analysis/beat-metrics.js';
import { songAnalysisSchema, type SongAnalysis } from '../../../src/analysis/song-analysis.js';
import { generateSong } from '../../support/test-audio/generate-song.js';
import type { GeneratedSong } from '../../support/test-audio/generated-song.js';
import { songCatalogue, songCategories } from '../../support/test-audio/song-recipe.js';

const songs: Array<{ song: GeneratedSong; analysis: SongAnalysis }> = [];
/** Longer songs (32 bars: two verses and two choruses) for the section tests. */
const longSongs: Array<{ song: GeneratedSong; analysis: SongAnalysis }> = [];
const sectionSongNames = ['drums-104', 'midi-rock-122', 'intro-110'];

beforeAll(async () => {
  for (const recipe of songCatalogue(16)) {
    const song = await generateSong(recipe);
    songs.push({ song, analysis: analyseSong(song) });
  }
  for (const recipe of songCatalogue(32).filter((candidate) => sectionSongNames.includes(candidate.name))) {
    const song = await generateSong(recipe);
    longSongs.push({ song, analysis: analyseSong(song) });
  }
}, 120_000);

describe('whole-song analysis on generated songs', () => {
  it('produces output that satisfies its own schema', () => {
    for (const { analysis } of songs) expect(songAnalysisSchema.safeParse(analysis).success).toBe(true);
  });

  it('finds the beats: F ≥ 0.97 on average and ≥ 0.90 in every category', () => {
    const byCategory = new Map<string, number[]>();
    for (const { song, analysis } of songs) {
      const f = beatFMeasure(
        analysis.beats.map((beat) => beat.time),
        song.beats,
      ).fMeasure;
      byCategory.set(song.recipe.category, [...(byCategory.get(song.recipe.category) ?? []), f]);
    }
    const all = [...byCategory.values()].flat();
    expect(all.reduce((a, b) => a + b, 0) / all.length).toBeGreaterThanOrEqual(0.97);
    for (const category of songCategories) {
      const scores = byCategory.get(category) ?? [];
      expect(scores.length, category).toBeGreaterThan(0);
      expect(Math.min(...scores), category).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('detects the meter: 3 beats per bar on every waltz, 4 on every 4/4 song', () => {
    const meters = songs.map(({ song, analysis }) => `${song.recipe.name} ${analysis.beatsPerBar}`);
    expect(meters).toEqual(songs.map(({ song }) => `${song.recipe.name} ${song.recipe.beatsPerBar}`));
    expect(songs.filter(({ song }) => song.recipe.beatsPerBar === 3).length).toBeGreaterThanOrEqual(2);
  });

  it('finds the bar phase: downbeat F ≥ 0.85 on every song, in 3/4 as in 4/4', () => {
    for (const { song, analysis } of songs) {
      expect(
        beatFMeasure(analysis.downbeats, song.downbeats).fMeasure,
        song.recipe.name,
      ).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('estimates the tempo within 4 % (no octave errors from 70 to 180 BPM)', () => {
    for (const { song, analysis } of songs) {
      const changes = song.recipe.tempo.length > 1 || song.recipe.tempo[0]?.rampToBpm !== undefined;
      if (changes) continue;
      expect(tempoIsAccurate(analysis.tempo, song.tempo), `${song.recipe.name}: ${analysis.tempo}`).toBe(
        true,
      );
    }
  });

  it('follows a tempo step: the curve ends near the new tempo and a change is reported near the step', () => {
    const { song, analysis } = songs.find(
      ({ song }) => song.recipe.name === 'step-96-124',
    ) as (typeof songs)[number];
    const stepTime = song.beats[song.beats.length / 2] as number;
    expect(tempoIsAccurate(analysis.tempoCurve.at(-1)?.bpm ?? 0, 124)).toBe(true);
    expect(tempoIsAccurate(analysis.tempoCurve[0]?.bpm ?? 0, 96)).toBe(true);
    const change = analysis.tempoChanges.find((point) => point.time > 0);
    expect(change && Math.abs(change.time - stepTime)).toBeLessThan(3);
  });

  it('finds verse/chorus boundaries within a beat and labels the repeats alike', () => {
    expect(longSongs).toHaveLength(sectionSongNames.length);
    for (const { song, analysis } of longSongs) {
      const name = song.recipe.name;
      const truthBoundaries = song.sections.slice(1).map((section) => section.start);
      const found = analysis.sections.slice(1).map((section) => section.start);
      expect(found.length, name).toBe(truthBoundaries.length);
      found.forEach((start, index) =>
        expect(Math.abs(start - (truthBoundaries[index] as number)), name).toBeLessThan(0.7),
      );
      // Sections with the same truth label share one found label, and different ones differ.
      const pairs = song.sections.map(
        (section, index) => [section.label, analysis.sections[index]?.label] as const,
      );
      for (const [truthA, foundA] of pairs)
        for (const [truthB, foundB] of pairs) expect(truthA === truthB, name).toBe(foundA === foundB);
    }
  });

  it('rates a quiet intro low in energy and the chorus highest', () => {
    const { analysis } = longSongs.find(
      ({ song }) => song.recipe.name === 'intro-110',
    ) as (typeof songs)[number];
    const [intro, ...rest] = analysis.sections;
    expect(intro?.energy).toBeLessThan(0.5);
    expect(Math.max(...rest.map((section) => section.energy))).toBe(1);
  });

  it('reports onsets on the drum hits, waveform peaks at several zoom levels and an RMS curve', () => {
    const { song, analysis } = songs.find(
      ({ song }) => song.recipe.name === 'click-120',
    ) as (typeof songs)[number];
    expect(beatFMeasure(analysis.onsets, song.beats, { ignoreBefore: 0 }).fMeasure).toBeGreaterThan(0.97);
    expect(analysis.waveformPeaks.map((level) => level.samplesPerPeak)).toEqual([256, 1024, 4096, 16384]);
    for (const level of analysis.waveformPeaks) {
      expect(level.max.length).toBe(Math.ceil((song.channels[0]?.length ?? 0) / level.samplesPerPeak));
      expect(Math.max(...level.max)).toBeGreaterThan(0.3);
    }
    expect(analysis.energy.values.length).toBeCloseTo(song.duration * analysis.energy.rate, -1);
  });

  it('gives each beat a confidence in 0..1, near 1 on a clean click track', () => {
    const mean = (name: string) => {
      const { analysis } = songs.find(({ song }) => song.recipe.name === name) as (typeof songs)[number];
      return analysis.beats.reduce((sum, beat) => sum + beat.confidence, 0) / analysis.beats.length;
    };
    expect(mean('click-120')).toBeGreaterThan(0.9);
    expect(mean('click-120')).toBeLessThanOrEqual(1);
  });
});

describe('whole-song analysis on audio without music', () => {
  it('reports no beats and tempo 0 for silence, empty and very short audio', () => {
    for (const frames of [0, 100, 22_050, 441_000]) {
      const analysis = analyseSong({
        sampleRate: 44_100,
        channels: [new Float32Array(frames)],
        duration: frames / 44_100,
      });
      expect(songAnalysisSchema.safeParse(analysis).success).toBe(true);
      expect(analysis.beats).toEqual([]);
      expect(analysis.downbeats).toEqual([]);
      expect(analysis.tempo).toBe(0);
      expect(analysis.sections).toHaveLength(1);
    }
  });
});
