// What a ball shows, frame by frame, when it plays a program: the reference the exporter is checked against.
import { prgSegmentColorAt, type PrgProgram } from '../../../../src/show/formats/index.js';

export interface PlayedFrames {
  /** R, G, B per frame. */
  readonly colors: Uint8Array;
  /** Lit pixel count per frame. */
  readonly pixels: Uint8Array;
  readonly frames: number;
}

export function playProgram(program: PrgProgram): PlayedFrames {
  const frames = program.segments.reduce((sum, segment) => sum + segment.frames, 0);
  const colors = new Uint8Array(frames * 3);
  const pixels = new Uint8Array(frames);
  const color: [number, number, number] = [0, 0, 0];
  let frame = 0;
  for (const segment of program.segments) {
    for (let index = 0; index < segment.frames; index++, frame++) {
      prgSegmentColorAt(segment, index, color);
      colors.set(color, frame * 3);
      pixels[frame] = segment.pixels;
    }
  }
  return { colors, pixels, frames };
}
