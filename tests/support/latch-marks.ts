// Frames that name themselves: the frame index in the first pixel's R and G and a marker in B, so a burst
// read off the emulated data pin can be matched to the show time it was meant for.
import { frameStartTime, type FrameRate } from '../../src/show/time.js';
import type { PinBurst } from './emulated-prop.js';

export const FRAME_MARK = 0xa5;

export function markedFrame(index: number, pixelCount: number): Uint8Array {
  const pixels = new Uint8Array(pixelCount * 3);
  pixels.set([index & 0xff, (index >> 8) & 0xff, FRAME_MARK]);
  return pixels;
}

export interface PinLatch {
  readonly index: number;
  readonly latchMs: number;
  /** Pin latch − intended show time, in ms (positive: late). */
  readonly errorMs: number;
}

/** Every burst that carries a marked frame, with its error against the show time (show 0 = originMs). */
export function pinLatches(bursts: readonly PinBurst[], originMs: number, fps: FrameRate): PinLatch[] {
  return bursts
    .filter((burst) => burst.bytes[2] === FRAME_MARK)
    .map((burst) => {
      const index = (burst.bytes[0] as number) | ((burst.bytes[1] as number) << 8);
      const intendedMs = originMs + frameStartTime(index, fps) * 1000;
      return { index, latchMs: burst.latchMs, errorMs: burst.latchMs - intendedMs };
    });
}
