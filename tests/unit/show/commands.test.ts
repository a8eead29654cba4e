import { describe, expect, it } from 'vitest';
import { apply, ShowSchema, type Show } from '../../../src/show/index.js';
import { emptyShow, steadyBeats } from '../../support/show-fixtures.js';

function applied(show: Show, command: unknown): Show {
  const result = apply(show, command);
  if (!result.ok) throw new Error(`${result.error.path}: ${result.error.message}`);
  return result.show;
}

const red = [255, 0, 0];
const blue = [0, 0, 255];

describe('show commands', () => {
  it('overwrites like an editor: writing inside a segment splits it', () => {
    let show = applied(emptyShow(), {
      type: 'addSegment',
      propId: 'ball1',
      start: 0,
      end: 10,
      look: { kind: 'solid', color: red },
    });
    show = applied(show, {
      type: 'addSegment',
      propId: 'ball1',
      start: 4,
      end: 6,
      look: { kind: 'solid', color: blue },
    });
    const segments = show.props[0]!.segments;
    expect(
      segments.map((segment) => [
        segment.start,
        segment.end,
        segment.look.kind === 'solid' && segment.look.color[0],
      ]),
    ).toEqual([
      [0, 4, 255],
      [4, 6, 0],
      [6, 10, 255],
    ]);
    expect(new Set(segments.map((segment) => segment.id)).size).toBe(3);
    expect(ShowSchema.safeParse(show).success).toBe(true);
  });

  it('trims segments across the edges of a cleared range and drops slivers under one frame', () => {
    let show = applied(emptyShow(), {
      type: 'addSegment',
      propId: 'ball1',
      start: 0,
      end: 5,
      look: { kind: 'solid', color: red },
    });
    show = applied(show, {
      type: 'addSegment',
      propId: 'ball1',
      start: 5,
      end: 10,
      look: { kind: 'solid', color: blue },
    });
    show = applied(show, { type: 'clearRange', start: 3, end: 9.995 });
    expect(show.props[0]!.segments.map((segment) => [segment.start, segment.end])).toEqual([[0, 3]]);
  });

  it('refuses an invalid command with the field and the reason, and changes nothing', () => {
    const show = emptyShow();
    const before = structuredClone(show);
    const cases: [unknown, string, RegExp][] = [
      [
        { type: 'addSegment', propId: 'ball1', start: 5, end: 2, look: { kind: 'solid', color: red } },
        'end',
        /after start/,
      ],
      [
        { type: 'addSegment', propId: 'nope', start: 0, end: 2, look: { kind: 'solid', color: red } },
        'propId',
        /no prop "nope"/,
      ],
      [
        {
          type: 'addSegment',
          propId: 'ball1',
          start: 0,
          end: 2,
          look: { kind: 'solid', color: [300, 0, 0] },
        },
        'look.color.0',
        /255/,
      ],
      [
        {
          type: 'addEffect',
          propIds: ['ball1'],
          start: 0,
          end: 2,
          effect: { kind: 'strobe', color: red, rateHz: -1 },
        },
        'effect.rateHz',
        /./,
      ],
      [{ type: 'fly' }, 'type', /unknown command "fly"/],
      [
        { type: 'addSegment', propId: 'ball1', start: 0, end: 500, look: { kind: 'solid', color: red } },
        'end',
        /after the show ends/,
      ],
      [{ type: 'deleteSegment', propId: 'ball1', segmentId: 's99' }, 'segmentId', /no segment "s99"/],
    ];
    for (const [command, path, message] of cases) {
      const result = apply(show, command);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.path).toBe(path);
        expect(result.error.message).toMatch(message);
      }
    }
    expect(show).toEqual(before);
  });

  it('applies a batch atomically: one bad member refuses the whole batch, naming it', () => {
    const show = emptyShow();
    const result = apply(show, {
      type: 'batch',
      commands: [
        { type: 'addSegment', propId: 'ball1', start: 0, end: 2, look: { kind: 'solid', color: red } },
        {
          type: 'addSegment',
          propId: 'ball2',
          start: 0,
          end: 2,
          look: { kind: 'fade', from: red, to: [0, 0, 999] },
        },
      ],
    });
    expect(result).toMatchObject({ ok: false, error: { path: 'commands.1.look.to.2' } });
    expect(show.props.every((prop) => prop.segments.length === 0)).toBe(true);
  });

  it('places a pattern on the beat grid, alternating props', () => {
    const show = emptyShow({ beats: steadyBeats(120, 120) });
    const next = applied(show, {
      type: 'pattern',
      propIds: ['ball1', 'ball2'],
      start: 10,
      end: 14,
      every: 'beat',
      duration: 0.2,
      alternate: true,
      look: { kind: 'solid', color: [255, 255, 255] },
    });
    expect(next.props[0]!.segments.map((segment) => segment.start)).toEqual([10, 11, 12, 13]);
    expect(next.props[1]!.segments.map((segment) => segment.start)).toEqual([10.5, 11.5, 12.5, 13.5]);
  });

  it('copies a range to another prop and later time, repeated', () => {
    let show = applied(emptyShow(), {
      type: 'addSegment',
      propId: 'ball1',
      start: 1,
      end: 3,
      look: { kind: 'fade', from: [0, 0, 0], to: [200, 0, 0] },
    });
    show = applied(show, {
      type: 'copyRange',
      fromPropId: 'ball1',
      start: 2,
      end: 3,
      toPropIds: ['ball2'],
      toStart: 10,
      repeat: 2,
    });
    expect(show.props[1]!.segments.map((segment) => [segment.start, segment.end, segment.look])).toEqual([
      [10, 11, { kind: 'fade', from: [100, 0, 0], to: [200, 0, 0] }],
      [11, 12, { kind: 'fade', from: [100, 0, 0], to: [200, 0, 0] }],
    ]);
  });

  it('gives an inverse that restores the exact show, for every kind of command', () => {
    let show = applied(emptyShow({ beats: steadyBeats(100, 120) }), {
      type: 'addSegment',
      propId: 'ball1',
      start: 0,
      end: 10,
      look: { kind: 'solid', color: red },
    });
    const commands: unknown[] = [
      {
        type: 'modifySegment',
        propId: 'ball1',
        segmentId: 's1',
        start: 2,
        look: { kind: 'solid', color: blue },
      },
      { type: 'moveSegment', propId: 'ball1', segmentId: 's1', start: 20, toPropId: 'ball2' },
      { type: 'shift', start: 0, by: 3 },
      { type: 'setDefaultColor', propId: 'ball2', color: [1, 2, 3] },
      { type: 'addProp', prop: { id: 'club', name: 'Club', pixelCount: 8 } },
      { type: 'removeProp', propId: 'ball2' },
      { type: 'updateProp', propId: 'ball1', pixelCount: 2, name: 'Left' },
      {
        type: 'setShowInfo',
        name: 'Renamed',
        sections: [{ start: 0, end: 10, label: 'intro', energy: 0.2 }],
      },
      {
        type: 'batch',
        commands: [
          { type: 'addProp', prop: { id: 'x', name: 'X', pixelCount: 1 } },
          { type: 'addSegment', propId: 'x', start: 0, end: 1, look: { kind: 'solid', color: red } },
          { type: 'clearRange', start: 5, end: 7 },
        ],
      },
    ];
    for (const command of commands) {
      const result = apply(show, command);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (!result.ok) continue;
      const back = apply(result.show, result.inverse);
      expect(back.ok).toBe(true);
      if (back.ok) expect(back.show).toEqual(show);
      show = result.show;
    }
  });

  it('keeps the inverse of a prop-field change small: the fields, not the timeline', () => {
    let show = emptyShow({ props: 1 });
    const many = Array.from({ length: 500 }, (_, index) => ({
      type: 'addSegment',
      propId: 'ball1',
      start: index * 0.2,
      end: index * 0.2 + 0.1,
      look: { kind: 'solid', color: red },
    }));
    show = applied(show, { type: 'batch', commands: many });
    for (const command of [
      { type: 'setDefaultColor', propId: 'ball1', color: [1, 2, 3] },
      { type: 'updateProp', propId: 'ball1', name: 'Left hand', pixelCount: 2 },
    ]) {
      const result = apply(show, command);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.inverse.props).toBeUndefined();
      expect(JSON.stringify(result.inverse).length).toBeLessThan(500);
      const back = apply(result.show, result.inverse);
      expect(back.ok && back.show).toEqual(show);
    }
  });

  it('never reuses a segment id that a loaded show already has', () => {
    const loaded = ShowSchema.parse({
      ...emptyShow({ props: 1 }),
      nextSegmentNumber: 1,
      props: [
        {
          id: 'ball1',
          name: 'Ball 1',
          pixelCount: 4,
          segments: [{ id: 's1', start: 0, end: 1, look: { kind: 'solid', color: red } }],
        },
      ],
    });
    const next = applied(loaded, {
      type: 'addSegment',
      propId: 'ball1',
      start: 2,
      end: 3,
      look: { kind: 'solid', color: blue },
    });
    expect(next.props[0]!.segments.map((segment) => segment.id)).toEqual(['s1', 's2']);
    expect(ShowSchema.safeParse(next).success).toBe(true);
  });
});
