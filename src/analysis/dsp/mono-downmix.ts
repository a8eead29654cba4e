// Analysis runs on a mono signal near 22 kHz: beats, bars and sections live well below 11 kHz, and half the
// samples halves the cost of every later stage.

/** Averages the channels into one. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first;
  const mono = new Float32Array(first.length);
  for (const channel of channels)
    for (let index = 0; index < mono.length; index += 1)
      mono[index] = (mono[index] as number) + (channel[index] ?? 0);
  const scale = 1 / channels.length;
  for (let index = 0; index < mono.length; index += 1) mono[index] = (mono[index] as number) * scale;
  return mono;
}

/** Lowpass FIR (windowed sinc) taps for decimation by `factor`. */
function decimationTaps(factor: number, length = 31): Float64Array {
  const taps = new Float64Array(length);
  const cutoff = 0.45 / factor;
  const centre = (length - 1) / 2;
  let sum = 0;
  for (let index = 0; index < length; index += 1) {
    const x = index - centre;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const window = 0.54 - 0.46 * Math.cos((2 * Math.PI * index) / (length - 1));
    taps[index] = sinc * window;
    sum += taps[index] as number;
  }
  for (let index = 0; index < length; index += 1) taps[index] = (taps[index] as number) / sum;
  return taps;
}

/** Integer decimation to the rate closest to (but not under) 22.05 kHz; the delay of the FIR is compensated. */
export function downsampleForAnalysis(
  samples: Float32Array,
  sampleRate: number,
): { samples: Float32Array; sampleRate: number } {
  const factor = Math.max(1, Math.floor(sampleRate / 22_050));
  if (factor === 1) return { samples, sampleRate };
  const taps = decimationTaps(factor);
  const delay = (taps.length - 1) / 2;
  const output = new Float32Array(Math.floor(samples.length / factor));
  const tapCount = taps.length;
  for (let out = 0; out < output.length; out += 1) {
    const first = out * factor - delay;
    let sum = 0;
    if (first >= 0 && first + tapCount <= samples.length) {
      // Interior: no bounds checks in the hot loop.
      for (let tap = 0; tap < tapCount; tap += 1) sum += taps[tap]! * samples[first + tap]!;
    } else {
      for (let tap = 0; tap < tapCount; tap += 1) {
        const index = first + tap;
        if (index >= 0 && index < samples.length) sum += taps[tap]! * samples[index]!;
      }
    }
    output[out] = sum;
  }
  return { samples: output, sampleRate: sampleRate / factor };
}
