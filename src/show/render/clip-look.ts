import type { Rgb } from '../color.js';
import type { Look, Segment } from '../model/segment.js';

function mix(from: Rgb, to: Rgb, fraction: number): Rgb {
  return [0, 1, 2].map((channel) =>
    Math.round((from[channel] as number) + ((to[channel] as number) - (from[channel] as number)) * fraction),
  ) as unknown as Rgb;
}

/** The look of the part [start, end) of a segment: a fade keeps its colours at the cut points. */
export function lookAtClip(segment: Segment, start: number, end: number): Look {
  const look = segment.look;
  if (look.kind !== 'fade' || (start === segment.start && end === segment.end)) return look;
  const length = segment.end - segment.start;
  return {
    kind: 'fade',
    from: mix(look.from, look.to, (start - segment.start) / length),
    to: mix(look.from, look.to, (end - segment.start) / length),
  };
}
