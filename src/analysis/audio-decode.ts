// Decode a song once, in full, at its own sample rate. The same samples feed analysis (possibly in a
// worker: the result is plain data that survives structured cloning) and playback (engine copies them
// into one AudioBuffer), so what is analysed is exactly what is heard.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { OfflineAudioContext } from 'node-web-audio-api';
import { AudioDecodeError } from './audio-decode-error.js';
import { ProbeProblem, type AudioContainer } from './audio-probe/audio-probe.js';
import { probeAudioContainer } from './audio-probe/identify-container.js';

export interface DecodedAudio {
  readonly sampleRate: number;
  /** One array per channel, each `frameCount` samples in [-1, 1]. */
  readonly channels: Float32Array<ArrayBuffer>[];
  readonly frameCount: number;
  /** Seconds of audio. */
  readonly duration: number;
  /** sha256 (hex) of the file's bytes: the key for anything cached about this song. */
  readonly contentHash: string;
  readonly container: AudioContainer;
}

export interface DecodeOptions {
  /** How the source is named in errors; defaults to "audio". */
  readonly label?: string;
  /** Resample to this rate instead of keeping the file's own. */
  readonly sampleRate?: number;
}

// Used only when a header does not state its rate (never for valid files of the supported formats).
const FALLBACK_SAMPLE_RATE = 44100;
// The Web Audio range for a context's sample rate.
const MIN_SAMPLE_RATE = 3000;
const MAX_SAMPLE_RATE = 768000;
// Decoders may drop a partial block at the very end; more missing than this is a cut file.
const LENGTH_TOLERANCE_FRAMES = 4096;

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not an audio file',
  ERR_FS_FILE_TOO_LARGE: 'file too large to load (over 2 GiB)',
};

export async function decodeAudioFile(path: string): Promise<DecodedAudio> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = READ_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
    throw new AudioDecodeError('unreadable', path, `cannot read: ${reason}`, { cause: error });
  }
  return decodeAudioBytes(bytes, { label: path });
}

export async function decodeAudioBytes(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): Promise<DecodedAudio> {
  const label = options.label ?? 'audio';
  if (bytes.length === 0) throw new AudioDecodeError('empty', label, 'the file is empty (0 bytes)');
  let probe;
  try {
    probe = probeAudioContainer(bytes);
  } catch (error) {
    if (error instanceof ProbeProblem) throw new AudioDecodeError(error.failure, label, error.message);
    throw error;
  }
  const sampleRate = options.sampleRate ?? probe.sampleRate ?? FALLBACK_SAMPLE_RATE;
  if (!(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
    throw new AudioDecodeError('unsupported', label, `unsupported sample rate ${sampleRate} Hz`);
  }

  const decoder = new OfflineAudioContext(1, 1, sampleRate);
  // decodeAudioData takes ownership of (detaches) its ArrayBuffer: hand it a copy of exactly these bytes,
  // never the caller's buffer (a Node Buffer's .buffer may be a shared pool, and Buffer#slice copies nothing).
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  let buffer: AudioBuffer;
  try {
    buffer = await decoder.decodeAudioData(copy.buffer);
  } catch (error) {
    throw decoderFailure(label, probe.container, error);
  }
  const frameCount = buffer.length;
  if (frameCount === 0 || buffer.numberOfChannels === 0) {
    throw new AudioDecodeError('empty', label, `the ${probe.container.toUpperCase()} file holds no audio`);
  }
  if (probe.declaredFrames !== null) {
    const promisedFrames = probe.declaredFrames * (sampleRate / (probe.sampleRate ?? sampleRate));
    if (frameCount < promisedFrames - LENGTH_TOLERANCE_FRAMES) {
      // The probe found the file whole, so the missing audio is frames the decoder had to drop.
      throw new AudioDecodeError(
        'corrupt',
        label,
        `corrupt ${probe.container.toUpperCase()}: only ${(frameCount / sampleRate).toFixed(1)} s of the ` +
          `${(promisedFrames / sampleRate).toFixed(1)} s its header promises would decode (damaged frames)`,
      );
    }
  }
  const channels: Float32Array<ArrayBuffer>[] = [];
  for (let channel = 0; channel < buffer.numberOfChannels; channel++) {
    const samples = new Float32Array(frameCount);
    buffer.copyFromChannel(samples, channel);
    channels.push(samples);
  }
  return {
    sampleRate,
    channels,
    frameCount,
    duration: frameCount / sampleRate,
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    container: probe.container,
  };
}

function decoderFailure(label: string, container: AudioContainer, error: unknown): AudioDecodeError {
  const raw = error instanceof Error ? error.message : String(error);
  const reason = raw.replace(/^Failed to execute 'decodeAudioData':\s*/, '');
  const name = container.toUpperCase();
  if (/unexpected end of file/i.test(reason)) {
    return new AudioDecodeError('truncated', label, `truncated ${name}: the audio stops mid-stream`, {
      cause: error,
    });
  }
  if (/unsupported/i.test(reason)) {
    return new AudioDecodeError('unsupported', label, `unsupported ${name} variant: ${reason}`, {
      cause: error,
    });
  }
  return new AudioDecodeError('corrupt', label, `corrupt ${name}: ${reason}`, { cause: error });
}
