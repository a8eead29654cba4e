import { diffShows, type Segment, type Show } from '../../show/index.js';

/** A stretch of one prop's timeline that an edit touched; a whole-prop change spans everything. */
export interface ChangedRegion {
  readonly propId: string;
  readonly start: number;
  readonly end: number;
}

/** Where two versions of a show differ, prop by prop, and how much changed. */
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
    const touched: Segment[] = [
      ...prop.addedSegments,
      ...prop.removedSegments,
      ...prop.changedSegments.flatMap((change) => [change.before, change.after]),
    ];
    segments += prop.addedSegments.length + prop.removedSegments.length + prop.changedSegments.length;
    if (touched.length > 0) {
      const start = Math.min(...touched.map((segment) => segment.start));
      const end = Math.max(...touched.map((segment) => segment.end));
      regions.push({ propId: prop.propId, start, end });
      seconds = Math.max(seconds, end - start);
    }
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
