import { z } from 'zod';
import type { Show } from '../../show/index.js';

/** What a read-only tool sees: the show as it stands and where the music is. */
export interface ReadContext {
  readonly show: Show;
  readonly playhead: number;
}

/** Most items a read tool returns, so one call cannot flood the model's context. */
const MAX_ITEMS = 64;
const round = (value: number): number => Math.round(value * 1000) / 1000;
const RangeSchema = z.object({ start: z.number().finite().min(0), end: z.number().finite().min(0) });

function inRange(times: readonly number[], start: number, end: number): number[] {
  return times.filter((time) => time >= start && time < end).map(round);
}

function capped<T>(items: readonly T[]): { items: T[]; more: number } {
  return { items: items.slice(0, MAX_ITEMS), more: Math.max(0, items.length - MAX_ITEMS) };
}

export function nextAfter(times: readonly number[], time: number): number | null {
  const next = times.find((candidate) => candidate > time);
  return next === undefined ? null : round(next);
}

/** Runs a read-only tool; returns the JSON text for the model, or throws with what is wrong with the call. */
export function runReadTool(name: string, args: unknown, context: ReadContext): string {
  const { show, playhead } = context;
  switch (name) {
    case 'list_props':
      return JSON.stringify(
        show.props.map((prop) => ({ id: prop.id, name: prop.name, pixels: prop.pixelCount })),
      );
    case 'playhead':
      return JSON.stringify({
        time: round(playhead),
        bpm: show.beatGrid.bpm ?? null,
        nextBeat: nextAfter(show.beatGrid.beats, playhead),
        nextBar: nextAfter(show.beatGrid.downbeats, playhead),
        duration: show.duration,
      });
    case 'what_plays': {
      const { propId, start, end } = RangeSchema.extend({ propId: z.string() }).parse(args);
      const prop = show.props.find((candidate) => candidate.id === propId);
      if (!prop) throw new Error(`no prop "${propId}"`);
      const segments = prop.segments
        .filter((segment) => segment.end > start && segment.start < end)
        .map((segment) => ({ id: segment.id, start: segment.start, end: segment.end, look: segment.look }));
      return JSON.stringify({ defaultColor: prop.defaultColor, ...capped(segments) });
    }
    case 'beats_in_range': {
      const { start, end } = RangeSchema.parse(args);
      return JSON.stringify({
        beats: capped(inRange(show.beatGrid.beats, start, end)),
        bars: capped(inRange(show.beatGrid.downbeats, start, end)),
        sections: show.sections.filter((section) => section.end > start && section.start < end),
      });
    }
    case 'lyrics_in_range': {
      const { start, end } = RangeSchema.parse(args);
      return JSON.stringify(capped(show.lyrics.filter((word) => word.start >= start && word.start < end)));
    }
    default:
      throw new Error(`unknown tool "${name}"`);
  }
}
