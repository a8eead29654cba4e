// The live path's onset strength: the same log-mel spectral flux as the offline analysis, computed one hop
// at a time from the newest 1024 samples, so it only ever looks at the past.
import { RealFft } from '../dsp/fft.js';
import { decibelFloor, melBandCount, melFilterbank, type BinWeight } from '../spectral-features.js';

export const liveFftSize = 1024;

export class CausalOnsetEnvelope {
  private readonly fft = new RealFft(liveFftSize);
  private readonly window: Float64Array;
  private readonly filterbank: BinWeight[];
  private readonly history = new Float32Array(liveFftSize);
  private readonly frame = new Float64Array(liveFftSize);
  private readonly power = new Float64Array(liveFftSize / 2 + 1);
  private readonly bands = new Float64Array(melBandCount);
  private previous = new Float64Array(melBandCount).fill(decibelFloor);
  private samplesSeen = 0;

  constructor(sampleRate: number) {
    this.window = new Float64Array(liveFftSize).map(
      (_, index) => 0.5 - 0.5 * Math.cos((2 * Math.PI * index) / liveFftSize),
    );
    this.filterbank = melFilterbank(sampleRate, liveFftSize, melBandCount);
  }

  /**
   * False until the window holds only real samples. Before that the "rise" is the window filling up (or, on
   * a stream that starts mid-noise, the jump from the silence floor), not an onset, and it would be the
   * strongest frame of the song: one such frame decided the tempo of a noisy song for seconds.
   */
  get warm(): boolean {
    return this.samplesSeen > liveFftSize;
  }

  /** Takes the next hop of samples and returns the flux of the frame that ends with it. */
  push(hop: Float32Array): number {
    const { history } = this;
    history.copyWithin(0, hop.length);
    history.set(hop, liveFftSize - hop.length);
    for (let index = 0; index < liveFftSize; index += 1)
      this.frame[index] = (history[index] as number) * (this.window[index] as number);
    this.fft.powerSpectrum(this.frame, this.power);
    this.bands.fill(0);
    for (const { bin, band, weight } of this.filterbank)
      this.bands[band] = (this.bands[band] as number) + weight * (this.power[bin] ?? 0);
    let flux = 0;
    const current = new Float64Array(melBandCount);
    for (let band = 0; band < melBandCount; band += 1) {
      const decibels = Math.max(decibelFloor, 10 * Math.log10((this.bands[band] as number) + 1e-10));
      current[band] = decibels;
      flux += Math.max(0, decibels - (this.previous[band] as number));
    }
    this.previous = current;
    this.samplesSeen += hop.length;
    return flux / melBandCount;
  }
}
