import type { Segment } from './segment.js';

/** The first place a timeline breaks its rules (sorted, no overlap, unique ids), or null. */
export function timelineProblem(segments: readonly Segment[]): { index: number; message: string } | null {
  const ids = new Set<string>();
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (ids.has(segment.id)) return { index: i, message: `duplicate segment id "${segment.id}"` };
    ids.add(segment.id);
    const previous = segments[i - 1];
    if (previous && segment.start < previous.end) {
      return {
        index: i,
        message: `segment "${segment.id}" starts at ${segment.start}s, before "${previous.id}" ends at ${previous.end}s`,
      };
    }
  }
  return null;
}
