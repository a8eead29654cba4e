// A .prg from a broken upload, a truncated download or another tool: the decoder never crashes or reads
// out of bounds; it names what is wrong and at which byte, and anything it accepts re-encodes identically.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePrg,
  encodePrg,
  FormatError,
  importPrg,
  programToPrgJson,
  type PrgProgram,
} from '../../../../src/show/formats/index.js';
import { hex } from './golden-prg.js';

const program: PrgProgram = {
  refreshRate: 100,
  defaultPixels: 4,
  trailer: 0,
  segments: [
    { kind: 'solid', frames: 150, pixels: 4, color: [255, 0, 0] },
    { kind: 'fade', frames: 40, pixels: 2, from: [0, 0, 0], to: [0, 200, 255] },
    {
      kind: 'frames',
      frames: 9,
      pixels: 1,
      colors: [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
    },
  ],
};
const valid = encodePrg(program);

function decodeError(bytes: Uint8Array): FormatError {
  try {
    decodePrg(bytes);
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw new Error(`decodePrg threw ${String(error)} instead of a FormatError`, { cause: error });
  }
  throw new Error('decodePrg accepted malformed bytes');
}

function patched(offset: number, write: (view: DataView) => void): Uint8Array {
  const copy = new Uint8Array(valid);
  write(new DataView(copy.buffer, offset));
  return copy;
}

describe('malformed .prg files', () => {
  it('the sample decodes to what was encoded', () => {
    expect(decodePrg(valid)).toEqual(program);
  });

  it('every truncation is a one-line error that says where the file ends', () => {
    for (let length = 0; length < valid.length; length++) {
      const error = decodeError(valid.subarray(0, length));
      expect(error.message).not.toContain('\n');
      expect(error.message, `truncated to ${length}`).toMatch(
        /empty|file ends after \d+ bytes|at byte 0x[0-9a-f]+/,
      );
    }
  });

  it.each([
    [
      'bad signature',
      patched(0, (v) => v.setUint8(0, 0x51)),
      /expected the "PR" 0x03 signature at byte 0x0 \(0\), found 51 52 03/,
    ],
    [
      'bad IN length',
      patched(5, (v) => v.setUint32(0, 6, true)),
      /IN length at byte 0x5 \(5\) is 6, expected 5/,
    ],
    [
      'pixel count 0',
      patched(9, (v) => v.setUint16(0, 0, true)),
      /default pixel count at byte 0x9 \(9\) is 0, expected 1\.\.4/,
    ],
    ['0 Hz', patched(0x0c, (v) => v.setUint16(0, 0, true)), /refresh rate at byte 0xc \(12\) is 0 Hz/],
    ['no segments', patched(0x14, (v) => v.setUint16(0, 0, true)), /segment count at byte 0x14 \(20\) is 0/],
    [
      'PI length off',
      patched(0x10, (v) => v.setUint32(0, 60, true)),
      /PI length for 3 segments at byte 0x10 \(16\) is 60, expected 59/,
    ],
    [
      'a huge segment count',
      patched(0x10, (v) => {
        v.setUint32(0, 2 + 19 * 60000, true);
        v.setUint16(4, 60000, true);
      }),
      /file ends after \d+ bytes, inside 60000 segment records at byte 0x16/,
    ],
    [
      'record offset wrong',
      patched(0x16 + 4, (v) => v.setUint32(0, 1, true)),
      /segment 0: colour buffer offset at byte 0x1a \(26\) is 1, expected 89/,
    ],
    [
      'record frames 0',
      patched(0x16 + 15, (v) => v.setUint32(0, 0, true)),
      /segment 0: duration at byte 0x25 \(37\) is 0 frames/,
    ],
    [
      'repeat count off',
      patched(0x16, (v) => v.setUint16(0, 7, true)),
      /segment 0: repeat count .* is 7, expected 1/,
    ],
    [
      'record pixel count 9',
      patched(0x16 + 19 + 10, (v) => v.setUint16(0, 9, true)),
      /segment 1: pixel count at byte 0x33 \(51\) is 9, expected 1\.\.4/,
    ],
    [
      'record constant',
      patched(0x16 + 12, (v) => v.setUint8(0, 2)),
      /segment 0: constant byte at byte 0x22 \(34\) is 2, expected 1/,
    ],
    [
      'triple count off',
      patched(0x16 + 57 + 6, (v) => v.setUint32(0, 144, true)),
      /CD length for 144 triples at byte 0x51 \(81\) is 433, expected 436/,
    ],
    ['trailing bytes', new Uint8Array([...valid, 0]), /1 unexpected bytes after the "BT" trailer at byte 0x/],
  ])('%s', (_, bytes, message) => {
    const error = decodeError(bytes);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('random corruption: a FormatError, or bytes that re-encode identically (seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (flips) => {
          const bytes = new Uint8Array(valid);
          for (const [offset, value] of flips) bytes[offset] = value;
          try {
            const decoded = decodePrg(bytes);
            expect(hex(encodePrg(decoded))).toBe(hex(bytes));
          } catch (error) {
            expect(error).toBeInstanceOf(FormatError);
          }
        },
      ),
      { seed: 20261125, numRuns: 3000 },
    );
  });

  it('random bytes after a valid header never crash the decoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (tail) => {
        const bytes = new Uint8Array([...valid.subarray(0, 0x16), ...tail]);
        try {
          decodePrg(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(FormatError);
        }
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('a program longer than a day is refused before it is expanded into a show or PRG-JSON', () => {
    const loop = encodePrg({
      refreshRate: 1,
      defaultPixels: 1,
      trailer: 0,
      segments: [
        {
          kind: 'frames',
          frames: 3,
          pixels: 1,
          colors: [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
        },
      ],
    });
    // The longest loop a record can hold: 65,535 repeats of 3 colours, 54.6 hours at 1 Hz.
    const view = new DataView(loop.buffer);
    view.setUint16(0x16, 65_535, true);
    view.setUint16(0x16 + 8, 2, true);
    view.setUint32(0x16 + 15, 65_535 * 3 + 2, true);
    const program = decodePrg(loop);
    expect(program.segments[0]!.frames).toBe(196_607);
    expect(() => importPrg(loop)).toThrow(/the program lasts 54\.6 h at 1 Hz; at most 24 h is supported/);
    expect(() => programToPrgJson(program)).toThrow(FormatError);
  });
});

describe('programs the encoder refuses', () => {
  const solid = {
    kind: 'solid' as const,
    frames: 10,
    pixels: 4,
    color: [1, 2, 3] as [number, number, number],
  };
  const base: PrgProgram = { refreshRate: 100, defaultPixels: 4, trailer: 0, segments: [solid] };

  it.each([
    ['no segments', { ...base, segments: [] }, /at least one segment/],
    ['a NaN length', { ...base, segments: [{ ...solid, frames: Number.NaN }] }, /segment 0 frames is NaN/],
    [
      'a fractional length',
      { ...base, segments: [{ ...solid, frames: 70_000.5 }] },
      /segment 0 frames is 70000\.5/,
    ],
    [
      '5 pixels',
      { ...base, segments: [{ ...solid, pixels: 5 }] },
      /segment 0 pixels is 5, expected a whole number 1\.\.4/,
    ],
    [
      'a channel of 256',
      { ...base, segments: [{ ...solid, color: [0, 256, 0] }] },
      /segment 0 color channel 1 is 256/,
    ],
    [
      'an empty buffer',
      { ...base, segments: [{ kind: 'frames', frames: 5, pixels: 1, colors: [] }] },
      /colour count is 0/,
    ],
    ['0 Hz', { ...base, refreshRate: 0 }, /refresh rate is 0/],
  ] as [string, PrgProgram, RegExp][])('%s', (_, program, message) => {
    expect(() => encodePrg(program)).toThrow(message);
  });
});
