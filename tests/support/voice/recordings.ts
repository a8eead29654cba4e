// Recordings that are not a usable command, made sample by sample: silence, steady noise, clipping,
// too long, and other encodings. Plus an HTTP helper that posts a recording to the daemon.
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { encodeWav16, type PcmAudio } from '../../../src/assistant/speech/index.js';

const RATE = 16_000;

export function pcm(seconds: number, sample: (index: number) => number): PcmAudio {
  const samples = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < samples.length; i++) samples[i] = sample(i);
  return { sampleRate: RATE, samples };
}

/** Uniform noise from a fixed seed, so every run hears the same hiss. */
export function seededNoise(seed = 7): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 0xffffffff) * 2 - 1;
  };
}

export function silenceWav(seconds = 1.5): Uint8Array {
  return encodeWav16(pcm(seconds, () => 0));
}

export function noiseWav(seconds = 1.5, level = 0.2): Uint8Array {
  const noise = seededNoise();
  return encodeWav16(pcm(seconds, () => noise() * level));
}

/** A loud square-ish tone pinned at full scale: what a microphone rubbed against a mouth gives. */
export function clippedWav(seconds = 1.5): Uint8Array {
  return encodeWav16(
    pcm(seconds, (i) => Math.max(-1, Math.min(1, 3 * Math.sin((2 * Math.PI * 220 * i) / RATE)))),
  );
}

/** A WAV whose fmt chunk says something other than PCM or float (here: 2 = Microsoft ADPCM). */
export function adpcmWav(): Uint8Array {
  const bytes = encodeWav16(pcm(1, () => 0.1));
  new DataView(bytes.buffer).setUint16(20, 2, true);
  return bytes;
}

export interface VoiceReply {
  readonly status: number;
  readonly lines: Record<string, unknown>[];
}

/** Posts WAV bytes to the daemon's voice route (HTTP or HTTPS with its self-signed certificate). */
export function postVoice(
  baseUrl: string,
  token: string | null,
  body: Uint8Array,
  onLine?: (line: Record<string, unknown>) => void,
): Promise<VoiceReply> {
  const path = '/api/voice';
  const url = new URL(path, baseUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'audio/wav',
          'content-length': body.length,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        rejectUnauthorized: false,
      },
      (response) => {
        let text = '';
        let seen = 0;
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          // Each complete line as it arrives: the words come before the outcome.
          const complete = text.split('\n').slice(0, -1);
          for (const line of complete.slice(seen)) onLine?.(JSON.parse(line) as Record<string, unknown>);
          seen = complete.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            lines: text
              .split('\n')
              .filter(Boolean)
              .map((line) => JSON.parse(line) as Record<string, unknown>),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
