// What a .prg file holds, as data: see shared/spec/prg-format.md and prg-json.md beside this file.
import type { Rgb } from '../color.js';
import { fadeChannel } from '../render/fade-channel.js';
import { FormatError } from './format-error.js';

/** One colour for `frames` frames, lighting the first `pixels` pixels. */
export interface PrgSolidSegment {
  readonly kind: 'solid';
  readonly frames: number;
  readonly pixels: number;
  readonly color: Rgb;
}

/** A linear fade from `from` to `to` over `frames` frames, one colour per frame, as the official app writes it. */
export interface PrgFadeSegment {
  readonly kind: 'fade';
  readonly frames: number;
  readonly pixels: number;
  readonly from: Rgb;
  readonly to: Rgb;
}

/**
 * Any colours: the ball steps through `colors` one per frame and starts over at the end, for `frames`
 * frames. Baked effects have one colour per frame (colors.length === frames).
 */
export interface PrgFramesSegment {
  readonly kind: 'frames';
  readonly frames: number;
  readonly pixels: number;
  readonly colors: readonly Rgb[];
}

export type PrgSegment = PrgSolidSegment | PrgFadeSegment | PrgFramesSegment;

export interface PrgProgram {
  /** Frames per second of every segment's `frames`. */
  readonly refreshRate: number;
  /** Pixel count in the file header (what the official app calls the ball's pixels). */
  readonly defaultPixels: number;
  /** The u32 after "BT" at the end of the file: meaning unknown, kept so that a re-encoded file is identical. */
  readonly trailer: number;
  readonly segments: readonly PrgSegment[];
}

/** Largest pixel count the LTX balls have. */
export const PRG_MAX_PIXELS = 4;
/** A solid's colour buffer is always this many copies of its colour. */
export const PRG_SOLID_BUFFER_TRIPLES = 100;
/** Fades (and any per-frame buffer) longer than this play too fast on real balls: split them. */
export const PRG_MAX_BUFFER_FRAMES = 13_500;
/** Longest segment the balls play correctly. */
export const PRG_MAX_SEGMENT_FRAMES = 65_535;
/** Segment count is a u16. */
export const PRG_MAX_SEGMENTS = 65_535;
export const PRG_MAX_REFRESH_RATE = 65_535;

/** Longest program this project reads into a show or PRG-JSON: the longest show (ShowSchema.duration). */
export const PRG_MAX_PROGRAM_SECONDS = 24 * 3600;

/** Total frames of a program, refusing one longer than a day so that expanding it stays bounded. */
export function programFrames(program: PrgProgram): number {
  const frames = program.segments.reduce((sum, segment) => sum + segment.frames, 0);
  if (frames / program.refreshRate > PRG_MAX_PROGRAM_SECONDS) {
    throw new FormatError(
      `the program lasts ${(frames / program.refreshRate / 3600).toFixed(1)} h at ${program.refreshRate} Hz; at most 24 h is supported`,
    );
  }
  return frames;
}

/** The colour a segment shows on frame `index` (0-based within the segment), as the ball plays it. */
export function prgSegmentColorAt(segment: PrgSegment, index: number, out: [number, number, number]): void {
  switch (segment.kind) {
    case 'solid':
      out[0] = segment.color[0];
      out[1] = segment.color[1];
      out[2] = segment.color[2];
      return;
    case 'fade': {
      const color = fadeColorAt(segment, index);
      out[0] = color[0];
      out[1] = color[1];
      out[2] = color[2];
      return;
    }
    case 'frames': {
      const color = segment.colors[index % segment.colors.length] as Rgb;
      out[0] = color[0];
      out[1] = color[1];
      out[2] = color[2];
      return;
    }
    default:
      segment satisfies never;
  }
}

/** Colour on step `index` of a fade: the formula the official app and the renderer share. */
export function fadeColorAt(segment: PrgFadeSegment, index: number): Rgb {
  return [
    fadeChannel(segment.from[0], segment.to[0], index, segment.frames),
    fadeChannel(segment.from[1], segment.to[1], index, segment.frames),
    fadeChannel(segment.from[2], segment.to[2], index, segment.frames),
  ];
}
