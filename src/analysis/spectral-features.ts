// One pass of short-time spectra over the song gives every frame-level feature the later stages use:
// onset strength (all bands and the low band), log-mel bands, chroma and frame RMS.
import { RealFft } from './dsp/fft.js';

export const analysisFftSize = 1024;
export const analysisHop = 256;
export const melBandCount = 40;
const lowBandMaxHz = 160;
export const decibelFloor = -30;

export interface SpectralFeatures {
  /** Frames per second; frame t is centred on sample t × hop. */
  readonly frameRate: number;
  readonly frameCount: number;
  /** Spectral flux of log-mel energies, summed over bands (onset strength). */
  readonly onsetStrength: Float32Array;
  /** The same flux over the bands below ~160 Hz (kick and bass: bar-level accents). */
  readonly lowOnsetStrength: Float32Array;
  /** Log-mel energies (dB), frame-major: melBands[t × bandCount + b]. */
  readonly melBands: Float32Array;
  readonly melBandCount: number;
  /** Chroma (12 pitch classes, normalised per frame), frame-major. */
  readonly chroma: Float32Array;
  /** RMS of each frame's samples. */
  readonly rms: Float32Array;
}

function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

export interface BinWeight {
  readonly bin: number;
  readonly band: number;
  readonly weight: number;
}

export function melFilterbank(sampleRate: number, fftSize: number, bands: number): BinWeight[] {
  const low = hzToMel(30);
  const high = hzToMel(Math.min(11_000, sampleRate / 2));
  const edges = Array.from({ length: bands + 2 }, (_, index) =>
    melToHz(low + ((high - low) * index) / (bands + 1)),
  );
  const weights: BinWeight[] = [];
  const binHz = sampleRate / fftSize;
  for (let band = 0; band < bands; band += 1) {
    const [left, centre, right] = [edges[band], edges[band + 1], edges[band + 2]] as [number, number, number];
    for (let bin = Math.floor(left / binHz); bin <= Math.ceil(right / binHz); bin += 1) {
      const hz = bin * binHz;
      const weight = hz < centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
      // Narrow low bands can fall between bins: give them their nearest bin.
      if (weight > 0) weights.push({ bin, band, weight });
    }
    if (!weights.some((entry) => entry.band === band))
      weights.push({ bin: Math.round(centre / binHz), band, weight: 1 });
  }
  return weights;
}

function chromaMap(sampleRate: number, fftSize: number): Int8Array {
  const map = new Int8Array(fftSize / 2 + 1).fill(-1);
  for (let bin = 1; bin < map.length; bin += 1) {
    const hz = (bin * sampleRate) / fftSize;
    if (hz < 110 || hz > 4000) continue;
    map[bin] = ((Math.round(12 * Math.log2(hz / 440)) % 12) + 12 + 9) % 12;
  }
  return map;
}

export function computeSpectralFeatures(
  samples: Float32Array,
  sampleRate: number,
  onProgress?: (fraction: number) => void,
): SpectralFeatures {
  const fft = new RealFft(analysisFftSize);
  const frameCount = Math.max(1, Math.ceil(samples.length / analysisHop));
  const window = new Float64Array(analysisFftSize).map(
    (_, index) => 0.5 - 0.5 * Math.cos((2 * Math.PI * index) / analysisFftSize),
  );
  const filterbank = melFilterbank(sampleRate, analysisFftSize, melBandCount);
  const lowBands = new Set(
    filterbank
      .filter(({ bin }) => (bin * sampleRate) / analysisFftSize <= lowBandMaxHz)
      .map(({ band }) => band),
  );
  const pitchClassOfBin = chromaMap(sampleRate, analysisFftSize);
  const chromaFirstBin = pitchClassOfBin.findIndex((pitchClass) => pitchClass >= 0);
  const chromaLastBin = pitchClassOfBin.findLastIndex((pitchClass) => pitchClass >= 0);
  // Flat typed arrays: the filterbank is applied 80 times a second of audio.
  const filterBins = Int32Array.from(filterbank, ({ bin }) => bin);
  const filterBands = Int32Array.from(filterbank, ({ band }) => band);
  const filterWeights = Float64Array.from(filterbank, ({ weight }) => weight);
  const melBands = new Float32Array(frameCount * melBandCount);
  const chroma = new Float32Array(frameCount * 12);
  const rms = new Float32Array(frameCount);
  const onsetStrength = new Float32Array(frameCount);
  const lowOnsetStrength = new Float32Array(frameCount);
  const frame = new Float64Array(analysisFftSize);
  const power = new Float64Array(analysisFftSize / 2 + 1);
  const bandEnergy = new Float64Array(melBandCount);
  const half = analysisFftSize / 2;
  for (let t = 0; t < frameCount; t += 1) {
    const start = t * analysisHop - half;
    if (start >= 0 && start + analysisFftSize <= samples.length) {
      for (let index = 0; index < analysisFftSize; index += 1)
        frame[index] = samples[start + index]! * window[index]!;
    } else {
      for (let index = 0; index < analysisFftSize; index += 1)
        frame[index] = (samples[start + index] ?? 0) * window[index]!;
    }
    let energy = 0;
    for (let index = start + half - analysisHop / 2; index < start + half + analysisHop / 2; index += 1)
      energy += (samples[index] ?? 0) ** 2;
    rms[t] = Math.sqrt(energy / analysisHop);
    fft.powerSpectrum(frame, power);
    bandEnergy.fill(0);
    for (let entry = 0; entry < filterBins.length; entry += 1) {
      const band = filterBands[entry]!;
      bandEnergy[band] = bandEnergy[band]! + filterWeights[entry]! * (power[filterBins[entry]!] ?? 0);
    }
    let flux = 0;
    let lowFlux = 0;
    for (let band = 0; band < melBandCount; band += 1) {
      // A floor near -80 dBFS keeps the flux of near-silence (dither, fades) from looking like onsets.
      const decibels = Math.max(decibelFloor, 10 * Math.log10((bandEnergy[band] as number) + 1e-10));
      melBands[t * melBandCount + band] = decibels;
      if (t > 0) {
        const rise = Math.max(0, decibels - (melBands[(t - 1) * melBandCount + band] as number));
        flux += rise;
        if (lowBands.has(band)) lowFlux += rise;
      }
    }
    onsetStrength[t] = flux / melBandCount;
    lowOnsetStrength[t] = lowFlux / Math.max(1, lowBands.size);
    let chromaTotal = 0;
    for (let bin = chromaFirstBin; bin <= chromaLastBin; bin += 1) {
      const pitchClass = pitchClassOfBin[bin]!;
      if (pitchClass < 0) continue;
      const value = Math.sqrt(power[bin]!);
      chroma[t * 12 + pitchClass] = chroma[t * 12 + pitchClass]! + value;
      chromaTotal += value;
    }
    if (chromaTotal > 0)
      for (let pc = 0; pc < 12; pc += 1) chroma[t * 12 + pc] = (chroma[t * 12 + pc] as number) / chromaTotal;
    if (onProgress && t % 2048 === 0) onProgress(t / frameCount);
  }
  return {
    frameRate: sampleRate / analysisHop,
    frameCount,
    onsetStrength,
    lowOnsetStrength,
    melBands,
    melBandCount,
    chroma,
    rms,
  };
}
