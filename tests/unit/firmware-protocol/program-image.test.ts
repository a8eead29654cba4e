import { describe, expect, it } from 'vitest';
import {
  decodeProgramImage,
  encodeProgramImage,
  programColorAt,
} from '../../../src/firmware-protocol/index.js';

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
