// PRG-JSON (the seed editor's format): keys are start times in 1/refresh_rate units, each entry lasts to the
// next key or end_time; colours are rgb or hsv; errors name the field path.
import { describe, expect, it } from 'vitest';
import {
  exportPropPrgJson,
  FormatError,
  importPrgJson,
  parsePrgJson,
  parsePrgJsonText,
  prgJsonToProgram,
  propToPrgProgram,
} from '../../../../src/show/formats/index.js';
import { ShowSchema } from '../../../../src/show/index.js';
import { emptyShow } from '../../../support/show-fixtures.js';

/** The shape Sequence Maker writes (json_exports/Ball_2.json, abridged). */
const seedExport = {
  default_pixels: 4,
  color_format: 'rgb',
  refresh_rate: 1,
  end_time: 4,
  sequence: {
    '0': { color: [255, 165, 0], pixels: 4 },
    '1': { color: [0, 255, 0], pixels: 4 },
    '2': { color: [0, 255, 255], pixels: 2 },
    '3': { color: [255, 0, 255], pixels: 4 },
  },
};

function problem(value: unknown): string {
  try {
    prgJsonToProgram(parsePrgJson(value));
  } catch (error) {
    if (error instanceof FormatError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('PRG-JSON → program', () => {
  it('reads the seed editor’s export', () => {
    expect(prgJsonToProgram(parsePrgJson(seedExport))).toEqual({
      refreshRate: 1,
      defaultPixels: 4,
      trailer: 0,
      segments: [
        { kind: 'solid', frames: 1, pixels: 4, color: [255, 165, 0] },
        { kind: 'solid', frames: 1, pixels: 4, color: [0, 255, 0] },
        { kind: 'solid', frames: 1, pixels: 2, color: [0, 255, 255] },
        { kind: 'solid', frames: 1, pixels: 4, color: [255, 0, 255] },
      ],
    });
  });

  it('reads fades, hsv colours, default pixels, and black before the first key', () => {
    const program = prgJsonToProgram(
      parsePrgJson({
        color_format: 'hsv',
        refresh_rate: 10,
        end_time: 50,
        sequence: {
          '10': { color: [120, 100, 100] },
          '30': { start_color: [0, 100, 100], end_color: [240, 100, 50], pixels: 3 },
        },
      }),
    );
    expect(program).toEqual({
      refreshRate: 10,
      defaultPixels: 1,
      trailer: 0,
      segments: [
        { kind: 'solid', frames: 10, pixels: 1, color: [0, 0, 0] },
        { kind: 'solid', frames: 20, pixels: 1, color: [0, 255, 0] },
        { kind: 'fade', frames: 20, pixels: 3, from: [255, 0, 0], to: [0, 0, 128] },
      ],
    });
  });

  it('converts key times to another rate with the shared boundary rule, never losing a segment that lasts a frame', () => {
    const json = parsePrgJson({
      refresh_rate: 3,
      end_time: 4,
      sequence: { '0': { color: [1, 1, 1] }, '1': { color: [2, 2, 2] }, '2.5': { color: [3, 3, 3] } },
    });
    // 1/3 s → frame 33, 2.5/3 s → frame 83, 4/3 s → frame 133 at 100 Hz.
    expect(prgJsonToProgram(json, 100).segments.map((segment) => segment.frames)).toEqual([33, 50, 50]);
    // At 1 Hz only one boundary lands between frames: entries shorter than a frame are dropped.
    expect(prgJsonToProgram(json, 1).segments).toEqual([
      { kind: 'solid', frames: 1, pixels: 1, color: [2, 2, 2] },
    ]);
  });

  it('keys are sorted by time, not by their text', () => {
    const json = parsePrgJson({
      refresh_rate: 100,
      end_time: 1000,
      sequence: { '900': { color: [9, 9, 9] }, '100': { color: [1, 1, 1] }, '0': { color: [0, 0, 0] } },
    });
    expect(prgJsonToProgram(json).segments.map((segment) => segment.frames)).toEqual([100, 800, 100]);
  });

  it.each([
    [{ ...seedExport, refresh_rate: undefined }, /^refresh_rate: /],
    [{ ...seedExport, end_time: 'soon' }, /^end_time: /],
    [{ ...seedExport, default_pixels: 5 }, /^default_pixels: /],
    [{ ...seedExport, color_format: 'cmyk' }, /^color_format: /],
    [{ ...seedExport, sequence: {} }, /^sequence: needs at least one entry/],
    [
      { ...seedExport, sequence: { soon: { color: [1, 2, 3] } } },
      /^sequence\.soon: sequence keys are start times/,
    ],
    [{ ...seedExport, sequence: { '0': { color: [1, 2] } } }, /^sequence\.0\.color: /],
    [
      { ...seedExport, sequence: { '0': { color: [1, 2, 256] } } },
      /^sequence\.0\.color: rgb colours are three whole numbers 0\.\.255, got \[1, 2, 256\]/,
    ],
    [{ ...seedExport, sequence: { '0': {} } }, /^sequence\.0: needs color, or start_color and end_color/],
    [
      { ...seedExport, sequence: { '0': { start_color: [1, 2, 3] } } },
      /^sequence\.0\.end_color: a fade needs both/,
    ],
    [
      { ...seedExport, sequence: { '0': { color: [1, 2, 3], end_color: [1, 2, 3] } } },
      /^sequence\.0: give either color or start_color\/end_color/,
    ],
    [{ ...seedExport, sequence: { '0': { color: [1, 2, 3], pixels: 0 } } }, /^sequence\.0\.pixels: /],
    [{ ...seedExport, sequence: { '9': { color: [1, 2, 3] } } }, /^sequence\.9: starts after end_time 4/],
    [
      { ...seedExport, color_format: 'hsv', sequence: { '0': { color: [400, 0, 0] } } },
      /^sequence\.0\.color: hsv colours are/,
    ],
    [{ ...seedExport, end_time: 0, sequence: { '0': { color: [1, 2, 3] } } }, /no entry lasts a frame/],
    [{ ...seedExport, end_time: 1e12 }, /^end_time: 277777777\.8 h is longer than the 24 h supported/],
    [[], /^\(top level\): /],
  ])('names the field: %j', (value, message) => {
    expect(problem(value)).toMatch(message);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(() => parsePrgJsonText('{\n  "refresh_rate": 1,\n  "end_time" 4\n}')).toThrow(
      /the PRG-JSON file is not valid JSON at line 3 column 14/,
    );
  });
});

describe('PRG-JSON ↔ show', () => {
  it('imports as a one-prop show at the refresh rate', () => {
    const show = importPrgJson(seedExport, { propId: 'juggler', showName: 'Ball 2' });
    expect(show.name).toBe('Ball 2');
    expect(show.frameRate).toBe(1);
    expect(show.duration).toBe(4);
    expect(show.props).toHaveLength(1);
    expect(show.props[0]!.id).toBe('juggler');
    expect(
      show.props[0]!.segments.map((segment) => [segment.start, segment.end, segment.look, segment.pixels]),
    ).toEqual([
      [0, 1, { kind: 'solid', color: [255, 165, 0] }, undefined],
      [1, 2, { kind: 'solid', color: [0, 255, 0] }, undefined],
      [2, 3, { kind: 'solid', color: [0, 255, 255] }, { count: 2 }],
      [3, 4, { kind: 'solid', color: [255, 0, 255] }, undefined],
    ]);
  });

  it('exports a prop and imports it back to the same program', () => {
    const base = emptyShow({ props: 1, pixelCount: 2, duration: 3 });
    const show = ShowSchema.parse({
      ...base,
      props: [
        {
          ...base.props[0],
          defaultColor: [0, 0, 9],
          segments: [
            { id: 's1', start: 0.5, end: 1.25, look: { kind: 'fade', from: [255, 0, 0], to: [0, 0, 255] } },
            {
              id: 's2',
              start: 1.25,
              end: 2,
              look: { kind: 'solid', color: [0, 255, 0] },
              pixels: { count: 1 },
            },
          ],
        },
      ],
    });
    const json = exportPropPrgJson(show, 'ball1', 100);
    expect(json).toEqual({
      default_pixels: 2,
      color_format: 'rgb',
      refresh_rate: 100,
      end_time: 300,
      sequence: {
        '0': { color: [0, 0, 9], pixels: 2 },
        '50': { start_color: [255, 0, 0], end_color: [0, 0, 255], pixels: 2 },
        '125': { color: [0, 255, 0], pixels: 1 },
        '200': { color: [0, 0, 9], pixels: 2 },
      },
    });
    expect(prgJsonToProgram(parsePrgJson(json))).toEqual(propToPrgProgram(show, 'ball1', 100));
  });
});
