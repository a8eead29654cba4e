// Radix-2 FFT for real frames: the power spectrum is all the analysis needs, so a real input of size N is
// packed into an N/2-point complex transform and unpacked, halving the work of a plain complex FFT.

export class RealFft {
  readonly size: number;
  private readonly half: number;
  private readonly reversed: Uint32Array;
  private readonly cosTable: Float64Array;
  private readonly sinTable: Float64Array;
  private readonly real: Float64Array;
  private readonly imag: Float64Array;

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0)
      throw new Error(`FFT size must be a power of two, got ${size}`);
    this.size = size;
    this.half = size / 2;
    const half = this.half;
    this.reversed = new Uint32Array(half);
    const bits = Math.log2(half);
    for (let index = 0; index < half; index += 1) {
      let value = 0;
      for (let bit = 0; bit < bits; bit += 1) value = (value << 1) | ((index >>> bit) & 1);
      this.reversed[index] = value;
    }
    this.cosTable = new Float64Array(half);
    this.sinTable = new Float64Array(half);
    for (let index = 0; index < half; index += 1) {
      this.cosTable[index] = Math.cos((2 * Math.PI * index) / size);
      this.sinTable[index] = Math.sin((2 * Math.PI * index) / size);
    }
    this.real = new Float64Array(half);
    this.imag = new Float64Array(half);
  }

  /** Writes |X[k]|² for k = 0..N/2 into `power` (length N/2 + 1). */
  powerSpectrum(frame: Float32Array | Float64Array, power: Float64Array): void {
    const { half, real, imag, reversed } = this;
    for (let index = 0; index < half; index += 1) {
      const target = reversed[index] as number;
      real[target] = frame[2 * index] as number;
      imag[target] = frame[2 * index + 1] as number;
    }
    for (let span = 1; span < half; span *= 2) {
      const stride = half / span;
      for (let start = 0; start < half; start += 2 * span) {
        for (let offset = 0; offset < span; offset += 1) {
          // Twiddle e^{-2πi offset/(2 span)}: entry offset × stride of the size-N table.
          const cos = this.cosTable[offset * stride] as number;
          const sin = this.sinTable[offset * stride] as number;
          const a = start + offset;
          const b = a + span;
          const br = real[b] as number;
          const bi = imag[b] as number;
          const tr = br * cos + bi * sin;
          const ti = bi * cos - br * sin;
          real[b] = (real[a] as number) - tr;
          imag[b] = (imag[a] as number) - ti;
          real[a] = (real[a] as number) + tr;
          imag[a] = (imag[a] as number) + ti;
        }
      }
    }
    // Unpack the half-size transform Z into the spectrum of the real input.
    const z0r = real[0] as number;
    const z0i = imag[0] as number;
    power[0] = (z0r + z0i) ** 2;
    power[half] = (z0r - z0i) ** 2;
    for (let k = 1; k < half; k += 1) {
      const ar = real[k] as number;
      const ai = imag[k] as number;
      const br = real[half - k] as number;
      const bi = -(imag[half - k] as number);
      const evenR = 0.5 * (ar + br);
      const evenI = 0.5 * (ai + bi);
      const oddR = 0.5 * (ai - bi);
      const oddI = -0.5 * (ar - br);
      const cos = this.cosTable[k] as number;
      const sin = this.sinTable[k] as number;
      const xr = evenR + oddR * cos + oddI * sin;
      const xi = evenI + oddI * cos - oddR * sin;
      power[k] = xr * xr + xi * xi;
    }
  }
}
