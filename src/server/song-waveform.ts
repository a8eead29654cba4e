// The waveform the controllers draw under the timeline: one level of the song's peak pyramid, rounded so
// it is small enough to send once per song.
import type { DecodedAudio } from '../analysis/audio-decode.js';
import { mixToMono } from '../analysis/dsp/mono-downmix.js';
import { waveformPeaks } from '../analysis/waveform-peaks.js';
import type { WaveformPeaks } from '../contracts/index.js';

/** About 86 peaks a second: fine enough to see every beat, small enough to send once. */
const WAVEFORM_SAMPLES_PER_PEAK = 512;

export function songWaveform(audio: DecodedAudio): WaveformPeaks | null {
  const levels = waveformPeaks(mixToMono(audio.channels), audio.sampleRate);
  const level =
    levels.find((candidate) => candidate.samplesPerPeak >= WAVEFORM_SAMPLES_PER_PEAK) ?? levels.at(-1);
  if (level === undefined) return null;
  const round = (values: readonly number[]) => values.map((value) => Math.round(value * 1000) / 1000);
  return { bucketSeconds: 1 / level.peaksPerSecond, min: round(level.min), max: round(level.max) };
}
