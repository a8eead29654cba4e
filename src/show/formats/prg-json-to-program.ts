import { BLACK, hsvToRgb, type Rgb } from '../color.js';
import type { Show } from '../model/show.js';
import { frameBoundary, type FrameRate } from '../time.js';
import { FormatError } from './format-error.js';
import { programToShow, type ImportNames } from './import-prg.js';
import { parsePrgJson, type PrgJson, type PrgJsonEntry } from './prg-json.js';
import { PRG_MAX_REFRESH_RATE, type PrgProgram, type PrgSegment } from './prg-program.js';

function toRgb(color: readonly [number, number, number], format: PrgJson['color_format']): Rgb {
  return format === 'rgb'
    ? [color[0], color[1], color[2]]
    : hsvToRgb(color[0], color[1] / 100, color[2] / 100);
}

/**
 * The ball program a PRG-JSON describes, at `rate` frames per second (its own refresh_rate unless given).
 * Each entry lasts until the next key (the last until end_time); key times are quantised with the shared
 * boundary rule, so converting to another rate never loses a segment that lasts a frame. Time before the
 * first key is black; an entry that rounds to no frames is dropped, as the seed editor's generator does.
 */
export function prgJsonToProgram(json: PrgJson, rate: FrameRate = json.refresh_rate): PrgProgram {
  if (!Number.isInteger(rate) || rate < 1 || rate > PRG_MAX_REFRESH_RATE) {
    throw new FormatError(`rate ${rate} Hz: a .prg rate is a whole number 1..${PRG_MAX_REFRESH_RATE}`);
  }
  const toFrame = (units: number): number => frameBoundary(units / json.refresh_rate, rate);
  const keys = Object.keys(json.sequence)
    .map((key) => ({ key, units: Number(key) }))
    .sort((a, b) => a.units - b.units);
  const endFrame = toFrame(json.end_time);
  const segments: PrgSegment[] = [];
  const firstFrame = toFrame(keys[0]?.units ?? 0);
  if (firstFrame > 0)
    segments.push({ kind: 'solid', frames: firstFrame, pixels: json.default_pixels, color: BLACK });
  keys.forEach(({ key, units }, index) => {
    const next = keys[index + 1];
    const frames = (next ? toFrame(next.units) : endFrame) - toFrame(units);
    if (frames <= 0) return;
    segments.push(entryToSegment(json.sequence[key] as PrgJsonEntry, frames, json));
  });
  if (segments.length === 0) {
    throw new FormatError(
      `no entry lasts a frame at ${rate} Hz (end_time ${json.end_time} at refresh_rate ${json.refresh_rate})`,
    );
  }
  return { refreshRate: rate, defaultPixels: json.default_pixels, trailer: json.bt ?? 0, segments };
}

function entryToSegment(entry: PrgJsonEntry, frames: number, json: PrgJson): PrgSegment {
  const pixels = entry.pixels ?? json.default_pixels;
  if (entry.color) return { kind: 'solid', frames, pixels, color: toRgb(entry.color, json.color_format) };
  // The schema guarantees a fade has both ends.
  const from = toRgb(entry.start_color as [number, number, number], json.color_format);
  const to = toRgb(entry.end_color as [number, number, number], json.color_format);
  return { kind: 'fade', frames, pixels, from, to };
}

/** A PRG-JSON value (already parsed from text) as a one-prop show at its refresh_rate. */
export function importPrgJson(value: unknown, names: ImportNames = {}): Show {
  return programToShow(prgJsonToProgram(parsePrgJson(value)), names);
}
