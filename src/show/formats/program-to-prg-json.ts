import type { Rgb } from '../color.js';
import type { Show } from '../model/show.js';
import type { FrameRate } from '../time.js';
import { propToPrgProgram } from './export-prop-prg.js';
import type { PrgJsonEntry, PrgJsonInput } from './prg-json.js';
import { programFrames, type PrgProgram } from './prg-program.js';

/**
 * A ball program as PRG-JSON keyed by start frame at the program's rate. Solids and fades map one to one,
 * so building the JSON gives back the same .prg bytes; other colour buffers become one key per run of
 * equal colours (the same frames on the ball, a different encoding).
 */
export function programToPrgJson(program: PrgProgram): PrgJsonInput {
  programFrames(program);
  const sequence: Record<string, PrgJsonEntry> = {};
  let frame = 0;
  for (const segment of program.segments) {
    const pixels = segment.pixels;
    if (segment.kind === 'solid') {
      sequence[String(frame)] = { color: [...segment.color], pixels };
      frame += segment.frames;
      continue;
    }
    if (segment.kind === 'fade') {
      sequence[String(frame)] = { start_color: [...segment.from], end_color: [...segment.to], pixels };
      frame += segment.frames;
      continue;
    }
    let previous: Rgb | null = null;
    for (let index = 0; index < segment.frames; index++, frame++) {
      const color = segment.colors[index % segment.colors.length] as Rgb;
      if (previous && color[0] === previous[0] && color[1] === previous[1] && color[2] === previous[2])
        continue;
      sequence[String(frame)] = { color: [...color], pixels };
      previous = color;
    }
  }
  return {
    default_pixels: program.defaultPixels,
    color_format: 'rgb',
    refresh_rate: program.refreshRate,
    end_time: frame,
    sequence,
    ...(program.trailer === 0 ? {} : { bt: program.trailer }),
  };
}

/** One prop of a show as PRG-JSON at `rate` (see propToPrgProgram for how the timeline maps to frames). */
export function exportPropPrgJson(
  show: Show,
  propId: string,
  rate: FrameRate = show.frameRate,
): PrgJsonInput {
  return programToPrgJson(propToPrgProgram(show, propId, rate));
}
