import { diffShows, type Segment, type Show } from '../../show/index.js';

/** A stretch of one prop's timeline that an edit touched; a whole-prop change spans everything. */
export interface ChangedRegion {
  readonly propId: string;
  readonly start: number;
  readonly end: number;
}

const sameContent = (a: Segment, b: Segment): boolean =>
  JSON.stringify([a.look, a.pixels]) === JSON.stringify([b.look, b.pixels]);

/** The parts of [start, end) not covered by `pieces`. */
function uncovered(start: number, end: number, pieces: readonly Segment[]): [number, number][] {
  const gaps: [number, number][] = [];
  let cursor = start;
  for (const piece of [...pieces].sort((a, b) => a.start - b.start)) {
    if (piece.start > cursor) gaps.push([cursor, piece.start]);
    cursor = Math.max(cursor, piece.end);
  }
  if (cursor < end) gaps.push([cursor, end]);
  return gaps;
}

/**
 * Where two versions of a show differ, prop by prop, and how much: the segments an edit wrote or removed
 * outright, and the seconds whose content changed. What overwriting trims or splits off an old segment
 * (the same look, within its old time) is not a change.
 */
export function changedRegions(
  before: Show,
  after: Show,
): { regions: ChangedRegion[]; segments: number; seconds: number; showFields: readonly string[] } {
  const diff = diffShows(before, after);
  const regions: ChangedRegion[] = [];
  let segments = 0;
  let seconds = 0;
  for (const prop of diff.props) {
    if (prop.status !== 'changed' || prop.fields.length > 0) {
      regions.push({ propId: prop.propId, start: 0, end: Number.POSITIVE_INFINITY });
    }
    const old = [...prop.removedSegments, ...prop.changedSegments.map((change) => change.before)];
    const written = [...prop.addedSegments, ...prop.changedSegments.map((change) => change.after)];
    const keptPieces = (segment: Segment) =>
      written.filter(
        (piece) => sameContent(piece, segment) && segment.start <= piece.start && piece.end <= segment.end,
      );
    const fresh = written.filter((piece) => !old.some((segment) => keptPieces(segment).includes(piece)));
    const intervals: [number, number][] = fresh.map((piece) => [piece.start, piece.end]);
    for (const segment of old) intervals.push(...uncovered(segment.start, segment.end, keptPieces(segment)));
    segments += fresh.length + old.filter((segment) => keptPieces(segment).length === 0).length;
    let changedSeconds = 0;
    let current: [number, number] | null = null;
    const close = () => {
      if (!current) return;
      regions.push({ propId: prop.propId, start: current[0], end: current[1] });
      changedSeconds += current[1] - current[0];
    };
    for (const [start, end] of intervals.sort((a, b) => a[0] - b[0])) {
      if (current && start <= current[1]) current[1] = Math.max(current[1], end);
      else {
        close();
        current = [start, end];
      }
    }
    close();
    seconds = Math.max(seconds, changedSeconds);
  }
  // The id counter moves with every edit; it is bookkeeping, not something two edits can disagree on.
  return {
    regions,
    segments,
    seconds,
    showFields: diff.fields.filter((field) => field !== 'nextSegmentNumber'),
  };
}

/** Whether two sets of changes touch the same time on the same prop. */
export function regionsOverlap(a: readonly ChangedRegion[], b: readonly ChangedRegion[]): boolean {
  return a.some((first) =>
    b.some(
      (second) => first.propId === second.propId && first.start < second.end && second.start < first.end,
    ),
  );
}
