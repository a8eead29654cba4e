// Waveform overview for the controller: min/max per block at several zoom levels, and an RMS curve.

export interface PeakLevel {
  readonly samplesPerPeak: number;
  /** Peaks per second of audio at this level. */
  readonly peaksPerSecond: number;
  readonly min: number[];
  readonly max: number[];
}

export const peakZoomLevels = [256, 1024, 4096, 16384] as const;

// "|| 0" turns -0 into 0: the cached JSON has no -0, and a reload must equal the original.
const round3 = (value: number) => Math.round(value * 1000) / 1000 || 0;

export function waveformPeaks(samples: Float32Array, sampleRate: number): PeakLevel[] {
  const finest = peakZoomLevels[0];
  const count = Math.ceil(samples.length / finest);
  let min = new Float32Array(count);
  let max = new Float32Array(count);
  for (let block = 0; block < count; block += 1) {
    let low = 0;
    let high = 0;
    const end = Math.min(samples.length, (block + 1) * finest);
    for (let index = block * finest; index < end; index += 1) {
      const value = samples[index] as number;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    min[block] = low;
    max[block] = high;
  }
  const levels: PeakLevel[] = [];
  let samplesPerPeak: number = finest;
  for (const level of peakZoomLevels) {
    // Each coarser level folds the previous one, so the song is scanned once.
    while (samplesPerPeak < level) {
      const folded = Math.ceil(min.length / 4);
      const nextMin = new Float32Array(folded);
      const nextMax = new Float32Array(folded);
      for (let block = 0; block < folded; block += 1) {
        let low = 0;
        let high = 0;
        for (let part = block * 4; part < Math.min(min.length, block * 4 + 4); part += 1) {
          low = Math.min(low, min[part] as number);
          high = Math.max(high, max[part] as number);
        }
        nextMin[block] = low;
        nextMax[block] = high;
      }
      min = nextMin;
      max = nextMax;
      samplesPerPeak *= 4;
    }
    levels.push({
      samplesPerPeak: level,
      peaksPerSecond: sampleRate / level,
      min: Array.from(min, round3),
      max: Array.from(max, round3),
    });
  }
  return levels;
}

export interface EnergyCurve {
  /** Values per second. */
  readonly rate: number;
  /** RMS of each block, linear 0..1. */
  readonly values: number[];
}

export function rmsEnergyCurve(samples: Float32Array, sampleRate: number, rate = 20): EnergyCurve {
  const block = Math.max(1, Math.round(sampleRate / rate));
  const values: number[] = [];
  for (let start = 0; start < samples.length; start += block) {
    let sum = 0;
    const end = Math.min(samples.length, start + block);
    for (let index = start; index < end; index += 1) sum += (samples[index] as number) ** 2;
    values.push(Math.round(Math.sqrt(sum / (end - start)) * 10_000) / 10_000);
  }
  return { rate: sampleRate / block, values };
}
