import { seededRandom } from './prng.js';

export function rms(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let index = from; index < to; index += 1) sum += (samples[index] as number) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** Adds pink-ish noise (white through a one-pole lowpass blend) at the given SNR to the music's RMS. */
export function addNoise(channels: Float32Array[], snrDb: number, seed: number): void {
  const random = seededRandom(seed);
  const length = channels[0]?.length ?? 0;
  const noise = new Float32Array(length);
  let lowpassed = 0;
  for (let index = 0; index < length; index += 1) {
    const white = random() * 2 - 1;
    lowpassed += 0.05 * (white - lowpassed);
    noise[index] = 0.35 * white + 3 * lowpassed;
  }
  const musicLevel = rms(channels[0] as Float32Array);
  const scale = musicLevel / 10 ** (snrDb / 20) / Math.max(1e-9, rms(noise));
  for (const channel of channels)
    for (let index = 0; index < length; index += 1)
      channel[index] = (channel[index] as number) + scale * (noise[index] as number);
}

/** Lays the spoken lines one after another with random gaps until the music ends, at `levelDb` relative to the music's RMS. */
export function addVoice(
  channels: Float32Array[],
  spoken: Float32Array[],
  sampleRate: number,
  levelDb: number,
  seed: number,
  musicEnd: number,
): void {
  const random = seededRandom(seed);
  // Speech stays within the music: after the last beat there is no truth to score it against.
  const length = Math.min(channels[0]?.length ?? 0, Math.round(musicEnd * sampleRate));
  const musicLevel = rms(channels[0] as Float32Array);
  let position = Math.round((0.3 + random()) * sampleRate);
  let line = 0;
  while (position < length) {
    const voice = spoken[line % spoken.length] as Float32Array;
    const scale = (musicLevel * 10 ** (levelDb / 20)) / Math.max(1e-9, rms(voice));
    for (let index = 0; index < voice.length && position + index < length; index += 1) {
      for (const channel of channels)
        channel[position + index] = (channel[position + index] as number) + scale * (voice[index] as number);
    }
    position += voice.length + Math.round((0.2 + 0.9 * random()) * sampleRate);
    line += 1;
  }
}

/** Scales all channels so the peak is at most -1 dBFS: the songs must not clip when written as 16-bit WAV. */
export function normalisePeak(channels: Float32Array[]): void {
  let peak = 0;
  for (const channel of channels) for (const value of channel) peak = Math.max(peak, Math.abs(value));
  const scale = peak > 0.89 ? 0.89 / peak : 1;
  if (scale === 1) return;
  for (const channel of channels)
    for (let index = 0; index < channel.length; index += 1)
      channel[index] = (channel[index] as number) * scale;
}
