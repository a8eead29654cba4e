import type { Show } from '../../show/index.js';

/** Where the music is, and how far ahead of it the props already have their frames. */
export interface LivePosition {
  readonly playhead: number;
  readonly playing: boolean;
  readonly lookahead: number;
  readonly snapTo: 'beat' | 'bar';
}

type Edit = Record<string, unknown> & { type: string };

/** The first beat (or bar) at or after `time`; without a grid, the time itself. */
function nextGridTime(show: Show, time: number, snapTo: 'beat' | 'bar'): number {
  const grid = snapTo === 'bar' ? show.beatGrid.downbeats : show.beatGrid.beats;
  return grid.find((candidate) => candidate >= time - 1e-9) ?? time;
}

/**
 * Moves the part of an edit that falls in time the props already have (from the playhead to the end of the
 * lookahead) to the next beat or bar, so nothing is rewritten under a frame that is already on its way. A
 * range that reaches past that point keeps its end; a range that lies wholly inside it moves, keeping its
 * length. Edits in the past and edits while stopped are left alone. Returns the edit unchanged or a copy.
 */
export function guardLookahead(edit: Edit, show: Show, position: LivePosition): Edit {
  if (!position.playing) return edit;
  const protectedUntil = position.playhead + position.lookahead;
  const safeStart = nextGridTime(show, protectedUntil, position.snapTo);
  const reaches = (start: number, end: number): boolean => end > position.playhead && start < protectedUntil;
  const segmentLength = (propId: unknown, segmentId: unknown): number | null => {
    const segment = show.props
      .find((prop) => prop.id === propId)
      ?.segments.find((candidate) => candidate.id === segmentId);
    return segment ? segment.end - segment.start : null;
  };
  const { start, end } = edit;
  switch (edit.type) {
    case 'addSegment':
    case 'addEffect':
    case 'pattern':
    case 'clearRange': {
      if (typeof start !== 'number' || typeof end !== 'number' || !reaches(start, end)) return edit;
      return end > safeStart
        ? { ...edit, start: safeStart }
        : { ...edit, start: safeStart, end: safeStart + (end - start) };
    }
    case 'moveSegment': {
      const length = segmentLength(edit.propId, edit.segmentId);
      if (typeof start !== 'number' || length === null || !reaches(start, start + length)) return edit;
      return { ...edit, start: safeStart };
    }
    case 'copyRange': {
      if (typeof start !== 'number' || typeof end !== 'number') return edit;
      const toStart = typeof edit.toStart === 'number' ? edit.toStart : start;
      const repeat = typeof edit.repeat === 'number' ? edit.repeat : 1;
      if (!reaches(toStart, toStart + (end - start) * repeat)) return edit;
      return { ...edit, toStart: safeStart };
    }
    default:
      return edit;
  }
}
