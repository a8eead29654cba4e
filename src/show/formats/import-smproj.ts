import type { Rgb } from '../color.js';
import type { Look, Segment } from '../model/segment.js';
import { ShowSchema, type Show } from '../model/show.js';
import { describeZodError, FormatError } from './format-error.js';
import type { ImportNames } from './import-prg.js';
import { SmprojSchema, type Smproj, type SmprojSegment } from './smproj.js';

/**
 * The seed editor keeps segment times to 1/100 s whatever its refreshRate (which only sets its PRG export
 * resolution, and is 1 Hz in some saved projects): a show at 1 Hz would move every boundary to a whole second.
 */
const SEED_TIME_PRECISION_HZ = 100;

export interface SmprojImport {
  readonly show: Show;
  /** The project's audio file path as saved (the show gets an audio reference once the file is hashed). */
  readonly audioFile: string | null;
  /** What the project had that the show cannot hold exactly, one line each. */
  readonly warnings: readonly string[];
}

/**
 * A Sequence Maker project as a show: one prop per timeline, its solid and fade segments in seconds, the
 * song length, and the lyrics with word timestamps. Overlapping segments are trimmed so the later one
 * wins (what the seed editor's exporter sent to the balls); strobe and rainbow effects become looks.
 */
export function importSmproj(value: unknown, names: Pick<ImportNames, 'showId'> = {}): SmprojImport {
  const parsed = SmprojSchema.safeParse(value);
  if (!parsed.success) throw new FormatError(describeZodError(parsed.error));
  const project = parsed.data;
  const warnings: string[] = [];
  const usedIds = new Set<string>();
  let segmentNumber = 1;
  let lastEnd = 0;
  const props = project.timelines.map((timeline, index) => {
    const id = uniqueId(timeline.name, index, usedIds);
    const pixelCount = timeline.segments.reduce(
      (most, segment) => Math.max(most, segment.pixels ?? timeline.defaultPixels),
      timeline.defaultPixels,
    );
    const segments: Segment[] = [];
    for (const source of withoutOverlaps(timeline.segments, `timeline "${timeline.name}"`, warnings)) {
      const pixels = source.pixels ?? timeline.defaultPixels;
      segments.push({
        id: `s${segmentNumber++}`,
        start: source.startTime,
        end: source.endTime,
        look: segmentLook(source, `timeline "${timeline.name}" at ${source.startTime}s`, warnings),
        ...(pixels === pixelCount ? {} : { pixels: { count: pixels } }),
      });
      lastEnd = Math.max(lastEnd, source.endTime);
    }
    return { id, name: timeline.name.slice(0, 100) || id, pixelCount, segments };
  });

  const audioFile = project.audio?.filepath || project.audio?.filename || null;
  const duration = showDuration(project, lastEnd);
  const lyrics = (project.lyrics?.word_timestamps ?? []).map((word) => ({
    word: word.word.slice(0, 100),
    start: word.start,
    end: word.end,
  }));
  const show = ShowSchema.safeParse({
    schemaVersion: 1,
    id: names.showId ?? 'imported',
    name: project.metadata.name.slice(0, 200) || 'Untitled Project',
    duration,
    frameRate: Math.max(SEED_TIME_PRECISION_HZ, project.settings.refreshRate),
    lyrics,
    props,
    nextSegmentNumber: segmentNumber,
  });
  if (!show.success)
    throw new FormatError(`the project does not fit a show: ${describeZodError(show.error)}`);
  return { show: show.data, audioFile, warnings };
}

function showDuration(project: Smproj, lastEnd: number): number {
  const songLength = project.settings.totalDuration || project.audio?.duration || lastEnd;
  if (!(songLength > 0))
    throw new FormatError('settings.totalDuration: the project has no length and no segments');
  return songLength;
}

function uniqueId(name: string, index: number, used: Set<string>): string {
  const base =
    name
      .replace(/[^A-Za-z0-9_.-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || `prop${index + 1}`;
  let id = base;
  for (let suffix = 2; used.has(id); suffix++) id = `${base}_${suffix}`;
  used.add(id);
  return id;
}

/** Sorted by start; where two overlap the later start wins; empty segments are dropped. */
function withoutOverlaps(
  segments: readonly SmprojSegment[],
  where: string,
  warnings: string[],
): SmprojSegment[] {
  const sorted = [...segments].sort((a, b) => a.startTime - b.startTime);
  const kept: SmprojSegment[] = [];
  let trimmed = 0;
  let empty = 0;
  for (const segment of sorted) {
    if (segment.endTime <= segment.startTime) {
      empty++;
      continue;
    }
    let previous = kept[kept.length - 1];
    while (previous && previous.endTime > segment.startTime) {
      trimmed++;
      if (previous.startTime >= segment.startTime) kept.pop();
      else kept[kept.length - 1] = { ...previous, endTime: segment.startTime };
      previous = previous.startTime >= segment.startTime ? kept[kept.length - 1] : undefined;
    }
    kept.push(segment);
  }
  if (empty > 0) warnings.push(`${where}: dropped ${empty} segment(s) with no duration`);
  if (trimmed > 0) warnings.push(`${where}: trimmed ${trimmed} overlapping segment(s); the later one wins`);
  return kept;
}

function rgb(color: readonly [number, number, number]): Rgb {
  return [Math.round(color[0]), Math.round(color[1]), Math.round(color[2])];
}

function finiteParameter(parameters: Record<string, unknown>, name: string, fallback: number): number {
  const value = parameters[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function segmentLook(segment: SmprojSegment, where: string, warnings: string[]): Look {
  const base: Look =
    segment.segment_type === 'fade' && segment.endColor
      ? { kind: 'fade', from: rgb(segment.color), to: rgb(segment.endColor) }
      : { kind: 'solid', color: rgb(segment.color) };
  const [effect, ...rest] = segment.effects;
  if (!effect) return base;
  if (rest.length > 0) warnings.push(`${where}: only the first of ${segment.effects.length} effects is kept`);
  const parameters = effect.parameters;
  if (effect.type === 'strobe' && base.kind === 'solid') {
    const rateHz = Math.min(50, Math.max(0.01, finiteParameter(parameters, 'frequency', 10)));
    const duty = Math.min(0.99, Math.max(0.01, finiteParameter(parameters, 'duty_cycle', 0.5)));
    return { kind: 'strobe', color: base.color, offColor: [0, 0, 0], rateHz, duty };
  }
  if (effect.type === 'rainbow') {
    const speed = Math.max(1 / 3600, finiteParameter(parameters, 'speed', 1));
    return {
      kind: 'rainbow',
      period: Math.min(3600, 1 / speed),
      spread: 0,
      saturation: Math.min(1, Math.max(0, finiteParameter(parameters, 'saturation', 1))),
      brightness: Math.min(1, Math.max(0, finiteParameter(parameters, 'value', 1))),
    };
  }
  warnings.push(
    `${where}: ${effect.type} effect on a ${base.kind} segment has no equivalent; kept the ${base.kind}`,
  );
  return base;
}
