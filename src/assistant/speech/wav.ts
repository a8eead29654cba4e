// RIFF/WAVE reading and writing for spoken commands: PCM (8/16/24/32-bit integer) and 32/64-bit float,
// any rate, any channel count in; 16 kHz mono 16-bit out, which is what the recognizers want.
import { SpeechError } from './speech-error.js';

export const SPEECH_SAMPLE_RATE = 16_000;

export interface PcmAudio {
  readonly sampleRate: number;
  /** Mono samples in [-1, 1]. */
  readonly samples: Float32Array;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Reads a WAV file and mixes it down to mono; refuses anything that is not plain PCM or float. */
export function parseWav(bytes: Uint8Array): PcmAudio {
  if (bytes.length === 0) throw new SpeechError('empty', 'the recording is empty (0 bytes)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new SpeechError('unsupported-format', 'the recording is not a WAV file (no RIFF/WAVE header)');
  }
  let format: { code: number; channels: number; rate: number; bits: number } | null = null;
  let data: Uint8Array | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    // A streamed recording may leave the data size unset (0 or 0xffffffff): take what is there.
    const end = Math.min(bytes.length, body + size);
    if (id === 'fmt ') {
      if (end - body < 16) throw new SpeechError('unsupported-format', 'the WAV fmt chunk is too short');
      let code = view.getUint16(body, true);
      if (code === FORMAT_EXTENSIBLE && end - body >= 26) code = view.getUint16(body + 24, true);
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      data = bytes.subarray(body, id === 'data' && (size === 0 || size === 0xffffffff) ? bytes.length : end);
    }
    offset = body + size + (size % 2);
    if (size === 0xffffffff) break;
  }
  if (format === null) throw new SpeechError('unsupported-format', 'the WAV file has no fmt chunk');
  if (data === null) throw new SpeechError('unsupported-format', 'the WAV file has no data chunk');
  const { code, channels, rate, bits } = format;
  const integer = code === FORMAT_PCM && [8, 16, 24, 32].includes(bits);
  const float = code === FORMAT_FLOAT && (bits === 32 || bits === 64);
  if (!integer && !float) {
    throw new SpeechError(
      'unsupported-format',
      `unsupported WAV encoding (format ${code}, ${bits}-bit): send PCM 8/16/24/32-bit or float`,
    );
  }
  if (channels < 1 || channels > 16)
    throw new SpeechError('unsupported-format', `unsupported channel count ${channels}`);
  if (rate < 4000 || rate > 384_000)
    throw new SpeechError('unsupported-format', `unsupported sample rate ${rate} Hz`);
  const frameBytes = (bits / 8) * channels;
  const frames = Math.floor(data.length / frameBytes);
  if (frames === 0) throw new SpeechError('empty', 'the recording has no samples');
  const samples = new Float32Array(frames);
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = sampleReader(dataView, float, bits);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++)
      sum += read(frame * frameBytes + (channel * bits) / 8);
    samples[frame] = sum / channels;
  }
  return { sampleRate: rate, samples };
}

function sampleReader(view: DataView, float: boolean, bits: number): (at: number) => number {
  if (float) return bits === 32 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
  switch (bits) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) =>
        ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) as number) /
        8388608;
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}

/**
 * Resamples to 16 kHz by linear interpolation after a moving-average low-pass: speech below 8 kHz is all
 * the recognizer uses, and this keeps the step cheap and dependency-free.
 */
export function toSpeechRate(audio: PcmAudio): PcmAudio {
  if (audio.sampleRate === SPEECH_SAMPLE_RATE) return audio;
  const ratio = audio.sampleRate / SPEECH_SAMPLE_RATE;
  let source = audio.samples;
  if (ratio > 1) {
    const width = Math.max(1, Math.round(ratio));
    const smoothed = new Float32Array(source.length);
    let sum = 0;
    for (let i = 0; i < source.length; i++) {
      sum += source[i] as number;
      if (i >= width) sum -= source[i - width] as number;
      smoothed[i] = sum / Math.min(i + 1, width);
    }
    source = smoothed;
  }
  const length = Math.floor(source.length / ratio);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const position = i * ratio;
    const index = Math.floor(position);
    const fraction = position - index;
    const a = source[index] as number;
    const b = source[Math.min(index + 1, source.length - 1)] as number;
    out[i] = a + (b - a) * fraction;
  }
  return { sampleRate: SPEECH_SAMPLE_RATE, samples: out };
}

/** A canonical 44-byte-header 16-bit mono WAV (what pocketsphinx_batch reads with -adchdr 44). */
export function encodeWav16(audio: PcmAudio): Uint8Array {
  const bytes = new Uint8Array(44 + audio.samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) bytes[offset + i] = value.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + audio.samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, audio.sampleRate, true);
  view.setUint32(28, audio.sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, audio.samples.length * 2, true);
  audio.samples.forEach((sample, index) => {
    view.setInt16(44 + index * 2, Math.round(Math.max(-1, Math.min(1, sample)) * 32767), true);
  });
  return bytes;
}
