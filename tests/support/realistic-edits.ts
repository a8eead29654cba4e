// A repeatable mix of the edits people make (segments, effects, clears, beat patterns, batches), spread over
// a show's props and time: used by the benchmarks and the storage crash test.

/** The `index`-th edit on a show whose props are ball1…ball`props`, starting anywhere in [0, span) seconds. */
export function realisticEdit(index: number, props: number, span: number): Record<string, unknown> {
  const propId = `ball${(index % props) + 1}`;
  const start = ((index * 7919) % Math.round(span * 10)) / 10;
  switch (index % 5) {
    case 0:
      return {
        type: 'addSegment',
        propId,
        start,
        end: start + 0.5,
        look: { kind: 'solid', color: [index % 256, 0, 0] },
      };
    case 1:
      return {
        type: 'addEffect',
        propIds: [propId, 'ball1'],
        start,
        end: start + 2,
        effect: { kind: 'strobe', color: [255, 255, 255], rateHz: 10 },
      };
    case 2:
      return { type: 'clearRange', propIds: [propId], start, end: start + 1 };
    case 3:
      return {
        type: 'pattern',
        propIds: [propId],
        start,
        end: start + 4,
        every: 'beat',
        duration: 0.1,
        look: { kind: 'solid', color: [0, 0, 255] },
      };
    default:
      return {
        type: 'batch',
        commands: [
          {
            type: 'addSegment',
            propId,
            start,
            end: start + 0.25,
            look: { kind: 'fade', from: [0, 0, 0], to: [255, 0, 0] },
          },
          { type: 'setDefaultColor', propId, color: [1, 1, 1] },
        ],
      };
  }
}
