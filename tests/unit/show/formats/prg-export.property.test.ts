// The ball must show what the live renderer shows: for random shows, every exported frame's colour is
// renderPropFrame's colour at that frame, under the one boundary rule both use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePrg,
  encodePrg,
  exportPropPrg,
  prgPixels,
  PRG_MAX_BUFFER_FRAMES,
  PRG_MAX_SEGMENT_FRAMES,
  type PrgProgram,
} from '../../../../src/show/formats/index.js';
import {
  fadeChannel,
  frameBoundary,
  renderPropFrame,
  segmentAtFrame,
  ShowSchema,
  type Segment,
  type Show,
} from '../../../../src/show/index.js';
import { lookArb, rgbArb } from '../../../support/show-arbitraries.js';
import { emptyShow, steadyBeats } from '../../../support/show-fixtures.js';
import { playProgram } from './expand-program.js';

const pixelsArb = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 1, max: 6 }).map((count) => ({ count })),
  fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }).map((mask) => ({ mask })),
);

/** Segments on a millisecond grid (so boundaries land between frames at every rate), with gaps. */
const timelineArb = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 0, max: 1500 }),
      length: fc.integer({ min: 1, max: 2500 }),
      look: lookArb,
      pixels: pixelsArb,
    }),
    { maxLength: 8 },
  )
  .map((pieces) => {
    let cursor = 0;
    return pieces.map((piece, index): Segment => {
      const start = (cursor + piece.gap) / 1000;
      cursor += piece.gap + piece.length;
      return {
        id: `s${index + 1}`,
        start,
        end: cursor / 1000,
        look: piece.look as Segment['look'],
        ...(piece.pixels ? { pixels: piece.pixels } : {}),
      };
    });
  });

const showArb = fc
  .record({
    segments: timelineArb,
    pixelCount: fc.integer({ min: 1, max: 4 }),
    defaultColor: rgbArb,
    extra: fc.integer({ min: 1, max: 3000 }),
    rate: fc.constantFrom(1, 10, 50, 100, 250),
  })
  .map(({ segments, pixelCount, defaultColor, extra, rate }) => {
    const lastEnd = segments.reduce((end, segment) => Math.max(end, segment.end), 0);
    const duration = Math.round((lastEnd + extra / 1000) * 1000) / 1000;
    const base = emptyShow({ props: 1, pixelCount, duration, beats: steadyBeats(128, duration, 0.12) });
    const show = ShowSchema.parse({
      ...base,
      props: [{ ...base.props[0], defaultColor, segments }],
    });
    return { show, rate };
  });

/** Checks every frame of the exported program against the renderer. */
function expectAgreement(show: Show, rate: number): void {
  const prop = show.props[0]!;
  const played = playProgram(decodePrg(exportPropPrg(show, prop.id, rate)));
  const lastEnd = prop.segments.reduce((end, segment) => Math.max(end, frameBoundary(segment.end, rate)), 0);
  expect(played.frames).toBe(Math.max(1, frameBoundary(show.duration, rate), lastEnd));
  const out = new Uint8Array(prop.pixelCount * 3);
  for (let frame = 0; frame < played.frames; frame++) {
    renderPropFrame(prop, show.beatGrid, frame, rate, out);
    const found = segmentAtFrame(prop.segments, frame, rate);
    const lit = found
      ? prgPixels(found.segment.pixels, prop.pixelCount)
      : { pixels: prop.pixelCount, source: 0 };
    // The one deliberate difference (shared/spec/prg-format.md): a prop with no segments at all exports
    // black, whatever its default colour.
    const expected =
      lit && prop.segments.length > 0
        ? Array.from(out.subarray(lit.source * 3, lit.source * 3 + 3))
        : [0, 0, 0];
    const actual = Array.from(played.colors.subarray(frame * 3, frame * 3 + 3));
    if (actual.join() !== expected.join()) {
      expect({ frame, color: actual }, `frame ${frame} at ${rate} Hz`).toEqual({ frame, color: expected });
    }
    expect(played.pixels[frame]).toBe(lit ? lit.pixels : prop.pixelCount);
  }
}

describe('exported .prg agrees with the renderer', () => {
  it('on every frame of random shows, at several rates', () => {
    fc.assert(
      fc.property(showArb, ({ show, rate }) => expectAgreement(show, rate)),
      { numRuns: 80 },
    );
  });

  it('an empty prop exports one black segment for the length of the show', () => {
    const base = emptyShow({ props: 1, pixelCount: 3, duration: 12.345 });
    const show = ShowSchema.parse({ ...base, props: [{ ...base.props[0], defaultColor: [0, 0, 200] }] });
    const program = decodePrg(exportPropPrg(show, 'ball1', 100));
    expect(program).toEqual({
      refreshRate: 100,
      defaultPixels: 3,
      trailer: 0,
      segments: [{ kind: 'solid', frames: 1235, pixels: 3, color: [0, 0, 0] }],
    });
  });

  it('gaps, including before the first segment and after the last, show the default colour', () => {
    const base = emptyShow({ props: 1, pixelCount: 4, duration: 5 });
    const show = ShowSchema.parse({
      ...base,
      props: [
        {
          ...base.props[0],
          defaultColor: [10, 20, 30],
          segments: [{ id: 's1', start: 1.004, end: 2.996, look: { kind: 'solid', color: [255, 0, 0] } }],
        },
      ],
    });
    const program = decodePrg(exportPropPrg(show, 'ball1', 100));
    expect(program.segments).toEqual([
      { kind: 'solid', frames: 100, pixels: 4, color: [10, 20, 30] },
      { kind: 'solid', frames: 200, pixels: 4, color: [255, 0, 0] },
      { kind: 'solid', frames: 200, pixels: 4, color: [10, 20, 30] },
    ]);
  });

  it('refuses a prop the .prg format cannot drive, naming it', () => {
    const show = emptyShow({ props: 1, pixelCount: 8 });
    expect(() => exportPropPrg(show, 'ball1')).toThrow(/prop "ball1" has 8 pixels; a \.prg drives 1\.\.4/);
    expect(() => exportPropPrg(show, 'nope')).toThrow(/no prop "nope"/);
  });
});

describe('long segments are split for the balls', () => {
  const ball = (segments: PrgProgram['segments']): PrgProgram => ({
    refreshRate: 100,
    defaultPixels: 4,
    trailer: 0,
    segments,
  });

  it('a fade longer than 13,500 frames becomes per-frame chunks with the whole fade’s colours', () => {
    const fade = {
      kind: 'fade' as const,
      frames: 30_000,
      pixels: 4,
      from: [255, 0, 10] as const,
      to: [0, 255, 200] as const,
    };
    const decoded = decodePrg(encodePrg(ball([{ ...fade, from: [...fade.from], to: [...fade.to] }])));
    expect(decoded.segments.map((segment) => segment.frames)).toEqual([13_500, 13_500, 3_000]);
    const played = playProgram(decoded);
    for (const frame of [0, 1, 13_499, 13_500, 26_999, 27_000, 29_999]) {
      const expected = [0, 1, 2].map((channel) =>
        fadeChannel(fade.from[channel]!, fade.to[channel]!, frame, 30_000),
      );
      expect(Array.from(played.colors.subarray(frame * 3, frame * 3 + 3)), `frame ${frame}`).toEqual(
        expected,
      );
    }
  });

  it('a fade of exactly 13,500 frames stays one fade', () => {
    const decoded = decodePrg(
      encodePrg(ball([{ kind: 'fade', frames: 13_500, pixels: 1, from: [0, 0, 0], to: [9, 9, 9] }])),
    );
    expect(decoded.segments).toEqual([
      { kind: 'fade', frames: 13_500, pixels: 1, from: [0, 0, 0], to: [9, 9, 9] },
    ]);
  });

  it('a solid longer than 65,535 frames is split into solids', () => {
    const decoded = decodePrg(
      encodePrg(ball([{ kind: 'solid', frames: 150_000, pixels: 2, color: [1, 2, 3] }])),
    );
    expect(decoded.segments).toEqual([
      { kind: 'solid', frames: 65_535, pixels: 2, color: [1, 2, 3] },
      { kind: 'solid', frames: 65_535, pixels: 2, color: [1, 2, 3] },
      { kind: 'solid', frames: 18_930, pixels: 2, color: [1, 2, 3] },
    ]);
  });

  it('a short looping buffer over a long stretch keeps its phase across the split', () => {
    const colors = Array.from(
      { length: 7 },
      (_, index) => [index * 30, 0, 255 - index] as [number, number, number],
    );
    const program = ball([{ kind: 'frames', frames: 100_000, pixels: 4, colors }]);
    const decoded = decodePrg(encodePrg(program));
    for (const segment of decoded.segments) {
      expect(segment.frames).toBeLessThanOrEqual(PRG_MAX_SEGMENT_FRAMES);
    }
    const played = playProgram(decoded);
    for (const frame of [0, 65_534, 65_535, 65_536, 99_999]) {
      expect(Array.from(played.colors.subarray(frame * 3, frame * 3 + 3))).toEqual(colors[frame % 7]);
    }
  });

  it('a long show with a 5-minute fade exports within the limits and agrees with the renderer', () => {
    const base = emptyShow({ props: 1, pixelCount: 4, duration: 400 });
    const show = ShowSchema.parse({
      ...base,
      props: [
        {
          ...base.props[0],
          segments: [
            { id: 's1', start: 0, end: 300, look: { kind: 'fade', from: [255, 255, 255], to: [0, 0, 40] } },
            { id: 's2', start: 300, end: 400, look: { kind: 'solid', color: [5, 5, 5] } },
          ],
        },
      ],
    });
    const program = decodePrg(exportPropPrg(show, 'ball1', 100));
    for (const segment of program.segments) {
      const buffer =
        segment.kind === 'solid' ? 100 : segment.kind === 'fade' ? segment.frames : segment.colors.length;
      expect(buffer).toBeLessThanOrEqual(PRG_MAX_BUFFER_FRAMES);
    }
    expectAgreement(show, 100);
  });
});
