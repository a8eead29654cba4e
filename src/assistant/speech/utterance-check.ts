// Checks a recording before any recognizer sees it, so silence, a pocket rustle or a distorted microphone
// gets a message that says what to do instead of a wrong command.
import { SpeechError } from './speech-error.js';
import type { PcmAudio } from './wav.js';

export interface UtteranceLimits {
  /** Longest recording accepted, seconds. */
  readonly maxSeconds: number;
  readonly minSeconds: number;
}

export const DEFAULT_UTTERANCE_LIMITS: UtteranceLimits = { maxSeconds: 15, minSeconds: 0.25 };

export interface UtteranceLevels {
  readonly seconds: number;
  readonly peak: number;
  readonly rmsDb: number;
  /** Loud frames over quiet frames, dB: speech comes and goes, steady noise does not. */
  readonly dynamicRangeDb: number;
  readonly clippedFraction: number;
}

/** Below this peak (about −40 dBFS) nobody said anything. */
const SILENCE_PEAK = 0.01;
/** A sample this close to full scale is clipped. */
const CLIP_LEVEL = 0.995;
/** More than this share of clipped samples distorts words beyond recognition. */
const CLIPPED_SHARE = 0.01;
/**
 * Speech switches between syllables and pauses; steady noise (fan, hiss, crowd) varies by a few dB only.
 * Speech with noise 10 dB below it still spans well over this.
 */
const SPEECH_DYNAMIC_RANGE_DB = 9;
const FRAME_SECONDS = 0.02;

export function utteranceLevels(audio: PcmAudio): UtteranceLevels {
  const { samples, sampleRate } = audio;
  let peak = 0;
  let sumSquares = 0;
  let clipped = 0;
  for (const sample of samples) {
    const magnitude = Math.abs(sample);
    if (magnitude > peak) peak = magnitude;
    if (magnitude >= CLIP_LEVEL) clipped++;
    sumSquares += sample * sample;
  }
  const frame = Math.max(1, Math.round(sampleRate * FRAME_SECONDS));
  const energies: number[] = [];
  for (let start = 0; start + frame <= samples.length; start += frame) {
    let energy = 0;
    for (let i = start; i < start + frame; i++) energy += (samples[i] as number) ** 2;
    energies.push(energy / frame + 1e-12);
  }
  energies.sort((a, b) => a - b);
  const at = (q: number) => energies[Math.min(energies.length - 1, Math.floor(q * energies.length))] ?? 1e-12;
  return {
    seconds: samples.length / sampleRate,
    peak,
    rmsDb: 10 * Math.log10(sumSquares / Math.max(1, samples.length) + 1e-12),
    dynamicRangeDb: 10 * Math.log10(at(0.95) / at(0.1)),
    clippedFraction: samples.length === 0 ? 0 : clipped / samples.length,
  };
}

/** Throws a SpeechError naming what is wrong with the recording; returns its levels when it is usable. */
export function checkUtterance(
  audio: PcmAudio,
  limits: UtteranceLimits = DEFAULT_UTTERANCE_LIMITS,
): UtteranceLevels {
  const levels = utteranceLevels(audio);
  if (levels.seconds > limits.maxSeconds) {
    throw new SpeechError(
      'too-long',
      `the recording is ${levels.seconds.toFixed(1)} s long; say one command of at most ${limits.maxSeconds} s`,
    );
  }
  if (levels.seconds < limits.minSeconds) {
    throw new SpeechError(
      'too-short',
      `the recording is only ${Math.round(levels.seconds * 1000)} ms: hold the button while you speak`,
    );
  }
  if (levels.peak < SILENCE_PEAK) {
    throw new SpeechError('silence', 'the recording is silent: check the microphone and speak closer to it');
  }
  if (levels.clippedFraction > CLIPPED_SHARE) {
    throw new SpeechError(
      'clipped',
      `the recording is clipped (${(levels.clippedFraction * 100).toFixed(1)} % of samples at full scale): hold the phone further away`,
    );
  }
  if (levels.dynamicRangeDb < SPEECH_DYNAMIC_RANGE_DB) {
    throw new SpeechError(
      'no-speech',
      `no speech heard, only steady noise (${levels.dynamicRangeDb.toFixed(1)} dB of variation): speak closer to the microphone`,
    );
  }
  return levels;
}

/** Quieter than this below the loudest 10 ms is dead air around the words. */
const DEAD_AIR_DB = 35;
const KEEP_AROUND_WORDS_SECONDS = 0.15;

/**
 * Cuts the dead air before and after the words (the thumb is on the button before the mouth moves): the
 * recognizer otherwise spends its first frames adapting to silence and loses the first word.
 */
export function trimDeadAir(audio: PcmAudio): PcmAudio {
  const { samples, sampleRate } = audio;
  const frame = Math.max(1, Math.round(sampleRate * 0.01));
  const energies: number[] = [];
  for (let start = 0; start < samples.length; start += frame) {
    let energy = 0;
    const end = Math.min(samples.length, start + frame);
    for (let i = start; i < end; i++) energy += (samples[i] as number) ** 2;
    energies.push(energy / (end - start));
  }
  const loudest = Math.max(...energies, 1e-12);
  const threshold = loudest * 10 ** (-DEAD_AIR_DB / 10);
  const first = energies.findIndex((energy) => energy >= threshold);
  const last = energies.length - 1 - [...energies].reverse().findIndex((energy) => energy >= threshold);
  if (first < 0) return audio;
  const margin = Math.round(KEEP_AROUND_WORDS_SECONDS * sampleRate);
  const from = Math.max(0, first * frame - margin);
  const to = Math.min(samples.length, (last + 1) * frame + margin);
  return { sampleRate, samples: samples.subarray(from, to) };
}

/**
 * Adds a faint, fixed noise floor (about −55 dBFS RMS, chosen on the espeak set: fainter or louder both lose words). Synthesized speech and some browsers give exact digital
 * zeros between words; the recognizer's features take the log of the energy, and zeros drag its
 * normalisation far from anything a microphone produces. Deterministic, so a recording always reads the same.
 */
const NOISE_FLOOR = 0.003;

export function withNoiseFloor(audio: PcmAudio, amplitude = NOISE_FLOOR): PcmAudio {
  const samples = new Float32Array(audio.samples.length);
  let state = 0x2545f491;
  for (let i = 0; i < samples.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    samples[i] = (audio.samples[i] as number) + ((state / 0xffffffff) * 2 - 1) * amplitude;
  }
  return { sampleRate: audio.sampleRate, samples };
}
