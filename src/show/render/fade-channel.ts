/** Rounds half to even, as the official LTX app does for fade colours. */
export function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (Math.abs(fraction - 0.5) < 1e-9) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(value);
}

/**
 * Channel value on step `index` of a fade of `steps` frames: from + index·(to − from)/(steps − 1), rounded half
 * to even and clamped, so that the live renderer and the PRG exporter produce the same bytes.
 */
export function fadeChannel(from: number, to: number, index: number, steps: number): number {
  if (steps <= 1) return from;
  const value = roundHalfToEven(from + (index * (to - from)) / (steps - 1));
  return value < 0 ? 0 : value > 255 ? 255 : value;
}
