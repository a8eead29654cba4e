import { BLACK, type Rgb } from '../color.js';
import type { PixelSelection } from '../model/pixels.js';
import type { Prop } from '../model/prop.js';
import type { Segment } from '../model/segment.js';
import type { Show } from '../model/show.js';
import { renderPropFrame } from '../render/render-prop.js';
import { frameBoundary, type FrameIndex, type FrameRate } from '../time.js';
import { encodePrg } from './encode-prg.js';
import { FormatError } from './format-error.js';
import { PRG_MAX_PIXELS, PRG_MAX_REFRESH_RATE, type PrgProgram, type PrgSegment } from './prg-program.js';

/**
 * One prop's timeline as a ball program at `rate` frames per second. Each segment covers the frames
 * [frameBoundary(start), frameBoundary(end)) — the renderer's own rule — so the ball shows on every frame
 * what the live renderer shows; gaps show the prop's default colour, effects are baked frame by frame with
 * the renderer itself, and a prop with no segments is one black segment for the length of the show.
 */
export function propToPrgProgram(show: Show, propId: string, rate: FrameRate = show.frameRate): PrgProgram {
  const prop = show.props.find((candidate) => candidate.id === propId);
  if (!prop) {
    throw new FormatError(
      `no prop "${propId}" in the show (props: ${show.props.map((p) => p.id).join(', ') || 'none'})`,
    );
  }
  if (!Number.isInteger(rate) || rate < 1 || rate > PRG_MAX_REFRESH_RATE) {
    throw new FormatError(`rate ${rate} Hz: a .prg rate is a whole number 1..${PRG_MAX_REFRESH_RATE}`);
  }
  if (prop.pixelCount > PRG_MAX_PIXELS) {
    throw new FormatError(
      `prop "${prop.id}" has ${prop.pixelCount} pixels; a .prg drives 1..${PRG_MAX_PIXELS}`,
    );
  }
  const lastEnd = prop.segments.reduce((end, segment) => Math.max(end, frameBoundary(segment.end, rate)), 0);
  const totalFrames = Math.max(1, frameBoundary(show.duration, rate), lastEnd);
  const defaultPixels = prop.pixelCount;
  if (prop.segments.length === 0) {
    return {
      refreshRate: rate,
      defaultPixels,
      trailer: 0,
      segments: [{ kind: 'solid', frames: totalFrames, pixels: defaultPixels, color: BLACK }],
    };
  }

  const segments: PrgSegment[] = [];
  const gap = (frames: number): PrgSegment => ({
    kind: 'solid',
    frames,
    pixels: defaultPixels,
    color: prop.defaultColor,
  });
  let cursor: FrameIndex = 0;
  for (const segment of prop.segments) {
    const first = Math.max(cursor, frameBoundary(segment.start, rate));
    const end = frameBoundary(segment.end, rate);
    if (end <= first) continue; // shorter than half a frame: never on show
    if (first > cursor) segments.push(gap(first - cursor));
    segments.push(segmentToPrg(show, prop, segment, first, end, rate));
    cursor = end;
  }
  if (cursor < totalFrames) segments.push(gap(totalFrames - cursor));
  return { refreshRate: rate, defaultPixels, trailer: 0, segments };
}

/** The .prg bytes for one prop (see propToPrgProgram). */
export function exportPropPrg(show: Show, propId: string, rate: FrameRate = show.frameRate): Uint8Array {
  return encodePrg(propToPrgProgram(show, propId, rate));
}

/**
 * A .prg segment lights its first `pixels` pixels in one colour. The pixel whose colour it takes is the
 * segment's first lit pixel; a mask that skips pixels cannot be shown exactly and lights as many pixels
 * from the first.
 */
export function prgPixels(
  selection: PixelSelection | undefined,
  pixelCount: number,
): { pixels: number; source: number } | null {
  if (selection === undefined) return { pixels: pixelCount, source: 0 };
  if ('count' in selection) return { pixels: Math.min(selection.count, pixelCount), source: 0 };
  const lit = selection.mask.filter((index) => index < pixelCount).sort((a, b) => a - b);
  if (lit.length === 0) return null;
  return { pixels: lit.length, source: lit[0] as number };
}

function segmentToPrg(
  show: Show,
  prop: Prop,
  segment: Segment,
  first: FrameIndex,
  end: FrameIndex,
  rate: FrameRate,
): PrgSegment {
  const frames = end - first;
  const lit = prgPixels(segment.pixels, prop.pixelCount);
  if (!lit) return { kind: 'solid', frames, pixels: prop.pixelCount, color: BLACK };
  const { pixels, source } = lit;
  const look = segment.look;
  if (look.kind === 'solid') return { kind: 'solid', frames, pixels, color: look.color };
  if (look.kind === 'fade') return { kind: 'fade', frames, pixels, from: look.from, to: look.to };
  const colors = bakeFrames(show, prop, first, end, rate, source);
  const uniform = colors.every((color) => sameColor(color, colors[0] as Rgb));
  return uniform
    ? { kind: 'solid', frames, pixels, color: colors[0] as Rgb }
    : { kind: 'frames', frames, pixels, colors };
}

/** Effect colours frame by frame, from the live renderer, so the ball and the preview never disagree. */
function bakeFrames(
  show: Show,
  prop: Prop,
  first: FrameIndex,
  end: FrameIndex,
  rate: FrameRate,
  pixel: number,
): Rgb[] {
  const out = new Uint8Array(prop.pixelCount * 3);
  const colors = new Array<Rgb>(end - first);
  const at = pixel * 3;
  for (let frame = first; frame < end; frame++) {
    renderPropFrame(prop, show.beatGrid, frame, rate, out);
    colors[frame - first] = [out[at] as number, out[at + 1] as number, out[at + 2] as number];
  }
  return colors;
}

function sameColor(a: Rgb, b: Rgb): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}
