import { hsvToRgb, type Rgb } from '../color.js';
import type { Look } from '../model/segment.js';
import { lastAtOrBefore } from './sorted-times.js';

/** Where the renderer is when it asks an effect for a pixel's colour. */
export interface EffectContext {
  /** Seconds since the segment started. */
  readonly elapsed: number;
  /** Show time in seconds. */
  readonly time: number;
  readonly segmentStart: number;
  readonly pixel: number;
  readonly pixelCount: number;
  readonly beats: readonly number[];
  readonly downbeats: readonly number[];
}

function blend(base: Rgb, top: Rgb, amount: number): Rgb {
  return [
    Math.round(base[0] + (top[0] - base[0]) * amount),
    Math.round(base[1] + (top[1] - base[1]) * amount),
    Math.round(base[2] + (top[2] - base[2]) * amount),
  ];
}

/** A stable pseudo-random number in [0, 1) for (seed, slot, pixel): sparkle stays the same on every render. */
function hash01(seed: number, slot: number, pixel: number): number {
  let h = (seed ^ Math.imul(slot, 0x9e3779b1) ^ Math.imul(pixel + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 0x100000000;
}

/** Colour of one pixel of an effect look (not solid or fade, which the renderer handles per frame). */
export function effectColor(look: Exclude<Look, { kind: 'solid' | 'fade' }>, at: EffectContext): Rgb {
  switch (look.kind) {
    case 'strobe': {
      const phase = (at.elapsed * look.rateHz) % 1;
      return phase < look.duty ? look.color : look.offColor;
    }
    case 'pulse': {
      const grid = look.every === 'bar' ? at.downbeats : at.beats;
      const index = lastAtOrBefore(grid, at.time + 1e-9);
      const beat = index >= 0 ? (grid[index] as number) : Number.NaN;
      if (!(beat >= at.segmentStart - 1e-9)) return look.baseColor;
      return blend(look.baseColor, look.color, Math.exp(-(at.time - beat) / look.decay));
    }
    case 'rainbow': {
      const hue = (at.elapsed / look.period) * 360 + at.pixel * look.spread;
      return hsvToRgb(hue, look.saturation, look.brightness);
    }
    case 'chase': {
      const head = Math.floor(at.elapsed * look.speed) % at.pixelCount;
      const behind = (((head - at.pixel) % at.pixelCount) + at.pixelCount) % at.pixelCount;
      return behind < look.width ? look.color : look.background;
    }
    case 'sparkle': {
      const slot = Math.floor(at.elapsed * look.rateHz);
      return hash01(look.seed, slot, at.pixel) < look.density ? look.color : look.background;
    }
    default:
      return look satisfies never;
  }
}
