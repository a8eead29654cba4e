import type { Rgb } from '../color.js';
import {
  fadeColorAt,
  PRG_MAX_BUFFER_FRAMES,
  PRG_MAX_SEGMENT_FRAMES,
  type PrgFramesSegment,
  type PrgSegment,
} from './prg-program.js';

/**
 * Splits segments that real balls play wrongly (shared/spec/prg-format.md, "Known limits"): colour buffers
 * longer than 13,500 frames play too fast, and no segment may run longer than 65,535 frames. The frames the
 * ball shows do not change: a split fade keeps the colours of the whole fade, frame for frame.
 */
export function fitBallLimits(segments: readonly PrgSegment[]): readonly PrgSegment[] {
  if (segments.every(withinLimits)) return segments;
  const fitted: PrgSegment[] = [];
  for (const segment of segments) {
    if (withinLimits(segment)) fitted.push(segment);
    else fitted.push(...splitSegment(segment));
  }
  return fitted;
}

function bufferTriples(segment: PrgSegment): number {
  return segment.kind === 'solid' ? 0 : segment.kind === 'fade' ? segment.frames : segment.colors.length;
}

function withinLimits(segment: PrgSegment): boolean {
  return segment.frames <= PRG_MAX_SEGMENT_FRAMES && bufferTriples(segment) <= PRG_MAX_BUFFER_FRAMES;
}

function splitSegment(segment: PrgSegment): PrgSegment[] {
  if (segment.kind === 'solid') {
    return chunks(segment.frames, PRG_MAX_SEGMENT_FRAMES).map(([, frames]) => ({ ...segment, frames }));
  }
  if (bufferTriples(segment) > PRG_MAX_BUFFER_FRAMES) {
    // One colour per frame, in chunks short enough to play at the right speed.
    return chunks(segment.frames, PRG_MAX_BUFFER_FRAMES).map(([first, frames]) =>
      framesChunk(segment, first, frames),
    );
  }
  // A short looping buffer over a long stretch: same buffer, rotated so each chunk starts in phase.
  const looping = segment as PrgFramesSegment;
  const length = looping.colors.length;
  return chunks(segment.frames, PRG_MAX_SEGMENT_FRAMES).map(([first, frames]) => ({
    kind: 'frames' as const,
    frames,
    pixels: segment.pixels,
    colors: Array.from({ length }, (_, i) => looping.colors[(first + i) % length] as Rgb),
  }));
}

function framesChunk(segment: PrgSegment, first: number, frames: number): PrgFramesSegment {
  const colors = new Array<Rgb>(frames);
  for (let i = 0; i < frames; i++) {
    const index = first + i;
    colors[i] =
      segment.kind === 'fade'
        ? fadeColorAt(segment, index)
        : segment.kind === 'frames'
          ? (segment.colors[index % segment.colors.length] as Rgb)
          : segment.color;
  }
  return { kind: 'frames', frames, pixels: segment.pixels, colors };
}

/** [first frame, frame count] pieces of at most `size` frames covering `total`. */
function chunks(total: number, size: number): [number, number][] {
  const pieces: [number, number][] = [];
  for (let first = 0; first < total; first += size) pieces.push([first, Math.min(size, total - first)]);
  return pieces;
}
