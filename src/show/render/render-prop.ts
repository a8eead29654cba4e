import type { Rgb } from '../color.js';
import { pixelSelected } from '../model/pixels.js';
import type { Prop } from '../model/prop.js';
import type { Segment } from '../model/segment.js';
import type { BeatGrid } from '../model/show.js';
import { lastStartingAtOrBefore } from '../timeline/find-segment.js';
import { frameBoundary, frameStartTime, type FrameIndex, type FrameRate } from '../time.js';
import { effectColor, type EffectContext } from './effect-color.js';
import { fadeChannel } from './fade-channel.js';

/** The segment on show at a frame, with the frames it spans under the shared boundary rule, or null. */
export function segmentAtFrame(
  segments: readonly Segment[],
  frame: FrameIndex,
  rate: FrameRate,
): { segment: Segment; firstFrame: FrameIndex; frameCount: number } | null {
  const index = lastStartingAtOrBefore(segments, frame, (segment) => frameBoundary(segment.start, rate));
  if (index < 0) return null;
  const segment = segments[index] as Segment;
  const firstFrame = frameBoundary(segment.start, rate);
  const endFrame = frameBoundary(segment.end, rate);
  if (frame >= endFrame) return null;
  return { segment, firstFrame, frameCount: endFrame - firstFrame };
}

function writeColor(out: Uint8Array, pixel: number, color: Rgb): void {
  const offset = pixel * 3;
  out[offset] = color[0];
  out[offset + 1] = color[1];
  out[offset + 2] = color[2];
}

/**
 * Writes one prop's pixels for a frame into `out` (pixelCount × 3 bytes, RGB). O(log n) in the prop's
 * segments: one binary search, then per-pixel work.
 */
export function renderPropFrame(
  prop: Prop,
  beatGrid: BeatGrid,
  frame: FrameIndex,
  rate: FrameRate,
  out: Uint8Array,
): void {
  const found = segmentAtFrame(prop.segments, frame, rate);
  const pixelCount = prop.pixelCount;
  if (!found) {
    for (let pixel = 0; pixel < pixelCount; pixel++) writeColor(out, pixel, prop.defaultColor);
    return;
  }
  const { segment, firstFrame, frameCount } = found;
  const look = segment.look;
  let uniform: Rgb | null = null;
  if (look.kind === 'solid') uniform = look.color;
  else if (look.kind === 'fade') {
    const step = frame - firstFrame;
    uniform = [
      fadeChannel(look.from[0], look.to[0], step, frameCount),
      fadeChannel(look.from[1], look.to[1], step, frameCount),
      fadeChannel(look.from[2], look.to[2], step, frameCount),
    ];
  }
  const time = frameStartTime(frame, rate);
  const context: { -readonly [K in keyof EffectContext]: EffectContext[K] } = {
    elapsed: time - segment.start,
    time,
    segmentStart: segment.start,
    pixel: 0,
    pixelCount,
    beats: beatGrid.beats,
    downbeats: beatGrid.downbeats,
  };
  for (let pixel = 0; pixel < pixelCount; pixel++) {
    if (!pixelSelected(segment.pixels, pixel)) {
      writeColor(out, pixel, BLACK_PIXEL);
      continue;
    }
    if (uniform) {
      writeColor(out, pixel, uniform);
    } else {
      context.pixel = pixel;
      writeColor(out, pixel, effectColor(look as Parameters<typeof effectColor>[0], context));
    }
  }
}

const BLACK_PIXEL: Rgb = [0, 0, 0];
