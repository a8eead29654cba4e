import type { Look, Segment, Show } from '../../src/show/index.js';
import { emptyShow, steadyBeats } from './show-fixtures.js';

const looks: Look[] = [
  { kind: 'solid', color: [255, 0, 0] },
  { kind: 'fade', from: [0, 0, 255], to: [255, 255, 0] },
  { kind: 'pulse', color: [255, 255, 255], every: 'beat', decay: 0.15, baseColor: [0, 0, 0] },
  { kind: 'rainbow', period: 2, spread: 30, saturation: 1, brightness: 1 },
  { kind: 'chase', color: [0, 255, 0], background: [0, 0, 0], speed: 8, width: 1 },
];

/** A show with `props` props of `pixelCount` pixels and `segmentsPerProp` back-to-back segments each. */
export function bigShow(
  props: number,
  pixelCount: number,
  segmentsPerProp: number,
  segmentLength = 0.05,
): Show {
  const duration = Math.ceil(segmentsPerProp * segmentLength) + 1;
  const show = emptyShow({ props, pixelCount, duration, beats: steadyBeats(120, duration) });
  let id = 1;
  const withSegments = show.props.map((prop) => {
    const segments: Segment[] = [];
    for (let index = 0; index < segmentsPerProp; index++) {
      const start = Math.round(index * segmentLength * 1000) / 1000;
      segments.push({
        id: `s${id++}`,
        start,
        end: Math.round((start + segmentLength) * 1000) / 1000,
        look: looks[index % looks.length]!,
      });
    }
    return { ...prop, segments };
  });
  return { ...show, props: withSegments, nextSegmentNumber: id };
}
