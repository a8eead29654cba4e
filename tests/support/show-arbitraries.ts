// fast-check generators of commands on the test shows of show-fixtures.ts.
import fc from 'fast-check';
import type { Show } from '../../src/show/index.js';

export const propIds = ['ball1', 'ball2', 'ball3'];
const channel = fc.integer({ min: 0, max: 255 });
export const rgbArb = fc.tuple(channel, channel, channel);
/** Times on a 10 ms grid inside a 60 s show, so ranges of at least one frame are common. */
const timeArb = fc.integer({ min: 0, max: 6000 }).map((centis) => centis / 100);
const rangeArb = fc
  .tuple(timeArb, fc.integer({ min: 1, max: 1500 }))
  .map(([start, length]) => ({ start, end: Math.min(60, Math.round((start + length / 100) * 100) / 100) }));

export const lookArb = fc.oneof(
  rgbArb.map((color) => ({ kind: 'solid' as const, color })),
  fc.tuple(rgbArb, rgbArb).map(([from, to]) => ({ kind: 'fade' as const, from, to })),
  fc
    .tuple(rgbArb, fc.integer({ min: 1, max: 20 }))
    .map(([color, rateHz]) => ({ kind: 'strobe' as const, color, rateHz })),
  rgbArb.map((color) => ({ kind: 'pulse' as const, color })),
  fc.constant({ kind: 'rainbow' as const }),
  rgbArb.map((color) => ({ kind: 'chase' as const, color, width: 2 })),
  rgbArb.map((color) => ({ kind: 'sparkle' as const, color, seed: 7 })),
);

const propArb = fc.constantFrom(...propIds);
const propsArb = fc.subarray(propIds, { minLength: 1 });
/** `#n` stands for the n-th segment (mod count) of the prop at the time the command runs: see resolveSegmentPicks. */
const segmentIdArb = fc.nat({ max: 1000 }).map((n) => `#${n}`);

export const commandArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(propArb, rangeArb, lookArb)
      .map(([propId, range, look]) => ({ type: 'addSegment', propId, ...range, look })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        propArb,
        segmentIdArb,
        fc.option(timeArb, { nil: undefined }),
        fc.option(lookArb, { nil: undefined }),
      )
      .map(([propId, segmentId, start, look]) => ({
        type: 'modifySegment',
        propId,
        segmentId,
        ...(start === undefined ? {} : { start }),
        ...(look ? { look } : {}),
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(propArb, segmentIdArb)
      .map(([propId, segmentId]) => ({ type: 'deleteSegment', propId, segmentId })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(propArb, segmentIdArb, timeArb, propArb)
      .map(([propId, segmentId, start, toPropId]) => ({
        type: 'moveSegment',
        propId,
        segmentId,
        start,
        toPropId,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(propArb, rgbArb)
      .map(([propId, color]) => ({ type: 'setDefaultColor', propId, color })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(propsArb, rangeArb, rgbArb).map(([ids, range, color]) => ({
      type: 'addEffect',
      propIds: ids,
      ...range,
      effect: { kind: 'strobe', color, rateHz: 8 },
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(propsArb, rangeArb)
      .map(([ids, range]) => ({ type: 'clearRange', propIds: ids, ...range })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(propArb, rangeArb, propsArb, timeArb, fc.integer({ min: 1, max: 3 }))
      .map(([fromPropId, range, toPropIds, toStart, repeat]) => ({
        type: 'copyRange',
        fromPropId,
        ...range,
        toPropIds,
        toStart,
        repeat,
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(propsArb, timeArb, fc.integer({ min: -500, max: 500 }))
      .map(([ids, start, by]) => ({ type: 'shift', propIds: ids, start, end: 60, by: by / 100 || 0.5 })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(propsArb, rangeArb, lookArb, fc.boolean()).map(([ids, range, look, alternate]) => ({
      type: 'pattern',
      propIds: ids,
      ...range,
      look,
      alternate,
      duration: 0.1,
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(propArb, fc.integer({ min: 1, max: 8 }))
      .map(([propId, pixelCount]) => ({ type: 'updateProp', propId, pixelCount })),
  },
);

export const batchArb = fc
  .array(commandArb, { minLength: 1, maxLength: 4 })
  .map((commands) => ({ type: 'batch', commands }));
export const anyCommandArb = fc.oneof(
  { weight: 5, arbitrary: commandArb },
  { weight: 1, arbitrary: batchArb },
);

/** Replaces a `#n` segment id by the id of an existing segment of the command's prop, so edits hit real segments. */
export function resolveSegmentPicks(show: Show, command: unknown): unknown {
  if (typeof command !== 'object' || command === null) return command;
  const record = command as Record<string, unknown>;
  if (Array.isArray(record.commands))
    return { ...record, commands: record.commands.map((member) => resolveSegmentPicks(show, member)) };
  const segmentId = record.segmentId;
  if (typeof segmentId !== 'string' || !segmentId.startsWith('#')) return command;
  const segments = show.props.find((prop) => prop.id === record.propId)?.segments ?? [];
  const picked = segments[Number(segmentId.slice(1)) % Math.max(1, segments.length)];
  return { ...record, segmentId: picked?.id ?? 's0' };
}
