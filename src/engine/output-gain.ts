// What reaches a prop on top of the timeline: master brightness, the blackout latch and rehearsal output.
// One place computes each prop's gain so that devices and previews dim the same way.

/** How rehearsal treats real props: dark (only virtual props light) or dimmed to `dim`. */
export interface RehearsalOutput {
  readonly output: 'virtual-only' | 'dimmed';
  readonly dim: number;
}

export interface OutputSettings {
  readonly masterBrightness: number;
  readonly blackout: boolean;
  /** null outside rehearsal. */
  readonly rehearsal: RehearsalOutput | null;
}

export const FULL_OUTPUT: OutputSettings = { masterBrightness: 1, blackout: false, rehearsal: null };

/** Gain 0..1 for a prop; `virtual` props are previews and stay bright in rehearsal. */
export function propGain(settings: OutputSettings, virtual: boolean): number {
  if (settings.blackout) return 0;
  let gain = settings.masterBrightness;
  if (settings.rehearsal !== null && !virtual) {
    gain *= settings.rehearsal.output === 'virtual-only' ? 0 : settings.rehearsal.dim;
  }
  return gain;
}

/** Scales pixels in place; gain 1 leaves them untouched. */
export function applyGain(pixels: Uint8Array, gain: number): void {
  if (gain >= 1) return;
  if (gain <= 0) {
    pixels.fill(0);
    return;
  }
  for (let index = 0; index < pixels.length; index++)
    pixels[index] = Math.round((pixels[index] as number) * gain);
}

export function checkLevel(level: number, what: string): void {
  if (!(level >= 0 && level <= 1)) throw new RangeError(`${what} must be between 0 and 1, not ${level}`);
}
