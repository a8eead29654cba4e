import type { Rgb } from '../color.js';
import type { Segment } from '../model/segment.js';
import { ShowSchema, type Show } from '../model/show.js';
import { decodePrg } from './decode-prg.js';
import { describeZodError, FormatError } from './format-error.js';
import { programFrames, type PrgProgram, type PrgSegment } from './prg-program.js';

/** How an imported one-prop show is named. */
export interface ImportNames {
  readonly showId?: string;
  readonly showName?: string;
  readonly propId?: string;
  readonly propName?: string;
}

/** The show frame rates this project runs at (ShowSchema.frameRate). */
const MAX_SHOW_RATE = 1000;

/**
 * A ball program as a show with one prop: solids and fades become segments of the same kind, and any
 * other colour buffer becomes a solid segment per run of equal colours, so the show plays, frame for
 * frame at the program's rate, what the ball plays.
 */
export function programToShow(program: PrgProgram, names: ImportNames = {}): Show {
  const rate = program.refreshRate;
  if (rate > MAX_SHOW_RATE)
    throw new FormatError(`refresh rate ${rate} Hz: shows run at 1..${MAX_SHOW_RATE} Hz`);
  programFrames(program);
  const segments: Segment[] = [];
  let cursor = 0;
  const push = (frames: number, look: Segment['look'], pixels: number, pixelCount: number): void => {
    segments.push({
      id: `s${segments.length + 1}`,
      start: cursor / rate,
      end: (cursor + frames) / rate,
      look,
      ...(pixels === pixelCount ? {} : { pixels: { count: pixels } }),
    });
    cursor += frames;
  };
  const pixelCount = program.segments.reduce(
    (most, segment) => Math.max(most, segment.pixels),
    program.defaultPixels,
  );
  for (const segment of program.segments) {
    for (const [frames, look] of segmentLooks(segment)) push(frames, look, segment.pixels, pixelCount);
  }
  const parsed = ShowSchema.safeParse({
    schemaVersion: 1,
    id: names.showId ?? 'imported',
    name: names.showName ?? 'Imported program',
    duration: cursor / rate,
    frameRate: rate,
    props: [
      {
        id: names.propId ?? 'ball1',
        name: names.propName ?? 'Ball 1',
        pixelCount,
        segments,
      },
    ],
    nextSegmentNumber: segments.length + 1,
  });
  if (!parsed.success)
    throw new FormatError(`the program does not fit a show: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** A .prg file as a one-prop show (see programToShow). */
export function importPrg(bytes: Uint8Array, names: ImportNames = {}): Show {
  return programToShow(decodePrg(bytes), names);
}

function* segmentLooks(segment: PrgSegment): Generator<[number, Segment['look']]> {
  if (segment.kind === 'solid') {
    yield [segment.frames, { kind: 'solid', color: segment.color }];
    return;
  }
  if (segment.kind === 'fade') {
    yield [segment.frames, { kind: 'fade', from: segment.from, to: segment.to }];
    return;
  }
  let runColor: Rgb | null = null;
  let runLength = 0;
  for (let frame = 0; frame < segment.frames; frame++) {
    const color = segment.colors[frame % segment.colors.length] as Rgb;
    if (runColor && color[0] === runColor[0] && color[1] === runColor[1] && color[2] === runColor[2]) {
      runLength++;
      continue;
    }
    if (runColor) yield [runLength, { kind: 'solid', color: runColor }];
    runColor = color;
    runLength = 1;
  }
  if (runColor) yield [runLength, { kind: 'solid', color: runColor }];
}
