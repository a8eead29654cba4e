// Songs at 48 kHz (the usual rate of video audio and many interfaces) analyse and track like 44.1 kHz ones.
import { describe, expect, it } from 'vitest';
import { analyseSong } from '../../../src/analysis/analyse-song.js';
import { beatFMeasure } from '../../../src/analysis/beat-metrics.js';
import { mixToMono } from '../../../src/analysis/dsp/mono-downmix.js';
import { loadAubio } from '../../../src/analysis/live/aubio-module.js';
import { LiveBeatEngine } from '../../../src/analysis/live/live-beat-engine.js';
import { generateSong } from '../../support/test-audio/generate-song.js';
import { songCatalogue } from '../../support/test-audio/song-recipe.js';

function resampleLinear(samples: Float32Array, from: number, to: number): Float32Array {
  const output = new Float32Array(Math.floor((samples.length * to) / from));
  for (let index = 0; index < output.length; index += 1) {
    const position = (index * from) / to;
    const low = Math.floor(position);
    const fraction = position - low;
    output[index] = (samples[low] ?? 0) * (1 - fraction) + (samples[low + 1] ?? 0) * fraction;
  }
  return output;
}

describe('48 kHz audio', () => {
  it('gives the same beats offline and live as at 44.1 kHz', async () => {
    const recipe = songCatalogue(16).find((candidate) => candidate.name === 'midi-dance-146');
    if (!recipe) throw new Error('midi-dance-146 missing from the catalogue');
    const song = await generateSong(recipe);
    const samples = resampleLinear(mixToMono(song.channels), song.sampleRate, 48_000);
    const analysis = analyseSong({
      sampleRate: 48_000,
      channels: [samples],
      duration: samples.length / 48_000,
    });
    expect(
      beatFMeasure(
        analysis.beats.map((beat) => beat.time),
        song.beats,
      ).fMeasure,
    ).toBeGreaterThan(0.97);
    expect(beatFMeasure(analysis.downbeats, song.downbeats).fMeasure).toBeGreaterThan(0.85);
    const engine = new LiveBeatEngine(await loadAubio(), 48_000);
    const events = engine.push(samples);
    engine.close();
    expect(
      beatFMeasure(
        events.map((event) => event.time),
        song.beats,
      ).fMeasure,
    ).toBeGreaterThan(0.93);
  });
});
