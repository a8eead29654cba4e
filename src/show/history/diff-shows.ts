import type { Prop } from '../model/prop.js';
import type { Segment } from '../model/segment.js';
import type { Show } from '../model/show.js';

export interface PropDiff {
  readonly propId: string;
  readonly status: 'added' | 'removed' | 'changed';
  /** Prop fields that differ (name, pixelCount, defaultColor …), segments aside. */
  readonly fields: readonly string[];
  readonly addedSegments: readonly Segment[];
  readonly removedSegments: readonly Segment[];
  readonly changedSegments: readonly { readonly before: Segment; readonly after: Segment }[];
}

export interface ShowDiff {
  /** Show-level fields that differ. */
  readonly fields: readonly string[];
  readonly props: readonly PropDiff[];
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

function diffProp(before: Prop | undefined, after: Prop | undefined): PropDiff | null {
  const propId = (before ?? after)?.id ?? '';
  const beforeSegments = new Map((before?.segments ?? []).map((segment) => [segment.id, segment]));
  const afterSegments = new Map((after?.segments ?? []).map((segment) => [segment.id, segment]));
  const addedSegments = [...afterSegments.values()].filter((segment) => !beforeSegments.has(segment.id));
  const removedSegments = [...beforeSegments.values()].filter((segment) => !afterSegments.has(segment.id));
  const changedSegments = [...afterSegments.values()]
    .filter((segment) => beforeSegments.has(segment.id) && !same(beforeSegments.get(segment.id), segment))
    .map((segment) => ({ before: beforeSegments.get(segment.id) as Segment, after: segment }));
  const fields =
    before && after
      ? (Object.keys(after) as (keyof Prop)[]).filter(
          (key) => key !== 'segments' && !same(before[key], after[key]),
        )
      : [];
  const status = !before ? 'added' : !after ? 'removed' : 'changed';
  if (
    status === 'changed' &&
    fields.length + addedSegments.length + removedSegments.length + changedSegments.length === 0
  ) {
    return null;
  }
  return { propId, status, fields, addedSegments, removedSegments, changedSegments };
}

/** What changed between two versions of a show, prop by prop and segment by segment. */
export function diffShows(before: Show, after: Show): ShowDiff {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof Show)[]);
  const fields = [...keys].filter((key) => key !== 'props' && !same(before[key], after[key]));
  const ids = [...new Set([...before.props.map((prop) => prop.id), ...after.props.map((prop) => prop.id)])];
  const props = ids
    .map((id) =>
      diffProp(
        before.props.find((prop) => prop.id === id),
        after.props.find((prop) => prop.id === id),
      ),
    )
    .filter((diff): diff is PropDiff => diff !== null);
  return { fields, props };
}
