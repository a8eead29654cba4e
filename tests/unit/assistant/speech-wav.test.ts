import { describe, expect, it } from 'vitest';
import {
  checkUtterance,
  encodeWav16,
  parseWav,
  SpeechError,
  toSpeechRate,
  trimDeadAir,
} from '../../../src/assistant/speech/index.js';
import { pcm, seededNoise } from '../../support/voice/recordings.js';

/** A WAV with any sample encoding, written field by field. */
function wav(options: {
  format: number;
  channels: number;
  rate: number;
  bits: number;
  frames: number[][];
}): Uint8Array {
  const bytesPerSample = options.bits / 8;
  const data = options.frames.length * options.channels * bytesPerSample;
  const bytes = new Uint8Array(44 + data);
  const view = new DataView(bytes.buffer);
  [...'RIFF'].forEach((c, i) => view.setUint8(i, c.charCodeAt(0)));
  view.setUint32(4, 36 + data, true);
  [...'WAVEfmt '].forEach((c, i) => view.setUint8(8 + i, c.charCodeAt(0)));
  view.setUint32(16, 16, true);
  view.setUint16(20, options.format, true);
  view.setUint16(22, options.channels, true);
  view.setUint32(24, options.rate, true);
  view.setUint32(28, options.rate * options.channels * bytesPerSample, true);
  view.setUint16(32, options.channels * bytesPerSample, true);
  view.setUint16(34, options.bits, true);
  [...'data'].forEach((c, i) => view.setUint8(36 + i, c.charCodeAt(0)));
  view.setUint32(40, data, true);
  let at = 44;
  for (const frame of options.frames) {
    for (const value of frame) {
      if (options.format === 3 && options.bits === 32) view.setFloat32(at, value, true);
      else if (options.format === 3) view.setFloat64(at, value, true);
      else if (options.bits === 8) view.setUint8(at, Math.round(value * 127 + 128));
      else if (options.bits === 16) view.setInt16(at, Math.round(value * 32767), true);
      else if (options.bits === 24) {
        const v = Math.round(value * 8388607);
        view.setUint8(at, v & 0xff);
        view.setUint8(at + 1, (v >> 8) & 0xff);
        view.setInt8(at + 2, v >> 16);
      } else view.setInt32(at, Math.round(value * 2147483647), true);
      at += bytesPerSample;
    }
  }
  return bytes;
}

const problemOf = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    if (error instanceof SpeechError) return error.problem;
    throw error;
  }
  return 'none';
};

describe('WAV reading', () => {
  it('reads integer PCM of 8, 16, 24 and 32 bits and float of 32 and 64, mixing channels to mono', () => {
    for (const [format, bits] of [
      [1, 8],
      [1, 16],
      [1, 24],
      [1, 32],
      [3, 32],
      [3, 64],
    ] as const) {
      const audio = parseWav(
        wav({
          format,
          channels: 2,
          rate: 22_050,
          bits,
          frames: [
            [0.5, -0.5],
            [0.5, 0.25],
          ],
        }),
      );
      expect(audio.sampleRate).toBe(22_050);
      expect(audio.samples[0]).toBeCloseTo(0, 2);
      expect(audio.samples[1]).toBeCloseTo(0.375, 2);
    }
  });

  it('round-trips its own 16 kHz encoding', () => {
    const original = pcm(0.1, (i) => Math.sin(i / 5) * 0.5);
    const read = parseWav(encodeWav16(original));
    expect(read.samples.length).toBe(original.samples.length);
    expect(read.samples[7]).toBeCloseTo(original.samples[7] as number, 3);
  });

  it('names what is wrong: empty, not RIFF, no data, compressed, odd rates', () => {
    expect(problemOf(() => parseWav(new Uint8Array()))).toBe('empty');
    expect(problemOf(() => parseWav(new TextEncoder().encode('OggS....')))).toBe('unsupported-format');
    expect(problemOf(() => parseWav(encodeWav16(pcm(0.01, () => 0)).subarray(0, 36)))).toBe(
      'unsupported-format',
    );
    expect(problemOf(() => parseWav(wav({ format: 2, channels: 1, rate: 8000, bits: 4, frames: [] })))).toBe(
      'unsupported-format',
    );
    expect(
      problemOf(() => parseWav(wav({ format: 1, channels: 1, rate: 100, bits: 16, frames: [[0]] }))),
    ).toBe('unsupported-format');
    expect(
      problemOf(() => parseWav(wav({ format: 1, channels: 1, rate: 16000, bits: 16, frames: [] }))),
    ).toBe('empty');
  });

  it('resamples 44.1 kHz to 16 kHz keeping duration and a 440 Hz tone', () => {
    const source = {
      sampleRate: 44_100,
      samples: new Float32Array(44_100).map((_, i) => Math.sin((2 * Math.PI * 440 * i) / 44_100)),
    };
    const resampled = toSpeechRate(source);
    expect(resampled.sampleRate).toBe(16_000);
    expect(resampled.samples.length).toBe(16_000);
    let crossings = 0;
    for (let i = 1; i < resampled.samples.length; i++)
      if (Math.sign(resampled.samples[i] as number) !== Math.sign(resampled.samples[i - 1] as number))
        crossings++;
    expect(crossings).toBeGreaterThan(870);
    expect(crossings).toBeLessThan(890);
  });
});

describe('recording checks', () => {
  const noise = seededNoise();
  // Syllables: bursts of noise-like sound with gaps, the envelope of speech.
  const speechLike = pcm(1.5, (i) => (Math.floor(i / 2400) % 2 === 0 ? noise() * 0.3 : noise() * 0.003));

  it('accepts speech-like sound and trims the dead air around it', () => {
    const padded = pcm(2.5, (i) =>
      i < 8000 || i >= 8000 + speechLike.samples.length ? 0 : (speechLike.samples[i - 8000] as number),
    );
    expect(() => checkUtterance(padded)).not.toThrow();
    const trimmed = trimDeadAir(padded);
    expect(trimmed.samples.length / 16_000).toBeGreaterThan(1.4);
    expect(trimmed.samples.length / 16_000).toBeLessThan(1.9);
  });

  it('refuses silence, steady noise, clipping, too long and too short', () => {
    expect(problemOf(() => checkUtterance(pcm(1, () => 0)))).toBe('silence');
    expect(problemOf(() => checkUtterance(pcm(1, () => noise() * 0.2)))).toBe('no-speech');
    expect(problemOf(() => checkUtterance(pcm(1, (i) => (i % 20 < 10 ? 1 : -1))))).toBe('clipped');
    expect(problemOf(() => checkUtterance(pcm(16, () => noise() * 0.2)))).toBe('too-long');
    expect(problemOf(() => checkUtterance(pcm(0.1, () => noise() * 0.2)))).toBe('too-short');
  });
});
