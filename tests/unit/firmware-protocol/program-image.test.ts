import { describe, expect, it } from 'vitest';
import {
  decodeProgramImage,
  encodeProgramImage,
  programColorAt,
  programStepAt,
} from '../../../src/firmware-protocol/index.js';
import { fromHex, loadGoldenVectors } from './golden-vectors.js';

const vectors = loadGoldenVectors();

const image = {
  loop: true,
  steps: [
    { durationMs: 500, rgb: [255, 0, 0] as const },
    { durationMs: 250, rgb: [0, 0, 255] as const },
  ],
};

describe('program image', () => {
  it('round-trips and plays steps in order, looping', () => {
    const decoded = decodeProgramImage(encodeProgramImage(image));
    expect(decoded.ok && decoded.value).toEqual(image);
    expect(programColorAt(image, 0)).toEqual([255, 0, 0]);
    expect(programColorAt(image, 499)).toEqual([255, 0, 0]);
    expect(programColorAt(image, 500)).toEqual([0, 0, 255]);
    expect(programColorAt(image, 750)).toEqual([255, 0, 0]);
    expect(programColorAt(image, -1)).toEqual([0, 0, 0]);
    expect(programColorAt({ ...image, loop: false }, 750)).toEqual([0, 0, 0]);
  });

  it('refuses truncated, empty and zero-duration images with a reason', () => {
    const bytes = encodeProgramImage(image);
    const cases = [
      bytes.subarray(0, bytes.length - 1),
      Uint8Array.of(1, 0, 0, 0),
      Uint8Array.of(1, 0, 1, 0, 0, 0, 1, 2, 3),
    ];
    for (const candidate of cases) {
      const result = decodeProgramImage(candidate);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.fault.code).toBe('programInvalid');
    }
  });
});

describe('golden vectors: program images (shared with the firmware)', () => {
  it.each(vectors.programs)('$name plays as the vectors say', ({ image, samples }) => {
    const decoded = decodeProgramImage(fromHex(image));
    if (!decoded.ok) throw new Error(decoded.fault.message);
    for (const { elapsedMs, rgb, msToNext } of samples) {
      expect(programStepAt(decoded.value, elapsedMs)).toEqual({ rgb, msToNext });
    }
  });

  it.each(vectors.invalidPrograms)('refuses $name', ({ image }) => {
    const decoded = decodeProgramImage(fromHex(image));
    expect(decoded.ok).toBe(false);
  });
});
