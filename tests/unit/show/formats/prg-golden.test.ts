// The 48 files the official LTX app wrote: decode → encode is byte-exact, the manifest encodes to the same
// bytes, and a file imported as a show exports back to the same program.
import { describe, expect, it } from 'vitest';
import { decodePrg, encodePrg, exportPropPrg, importPrg } from '../../../../src/show/formats/index.js';
import { goldenPrgDir } from '../../../support/shared-vectors.js';
import { hex, loadGoldenPrgs, withZeroTrailer } from './golden-prg.js';

const dir = goldenPrgDir();

if (dir === null) {
  // The documented exception: without ../shared there is nothing to compare with, and goldenPrgDir() has
  // printed one line saying so.
  it('official PRG vectors are not present in this checkout', () => {});
} else {
  const golden = loadGoldenPrgs(dir);

  describe('official .prg files', () => {
    it('are all 48 there', () => {
      expect(golden).toHaveLength(48);
    });

    it.each(golden.map((file) => [file.name, file] as const))(
      '%s: decode → encode is byte-exact',
      (_, file) => {
        expect(hex(encodePrg(decodePrg(file.bytes)))).toBe(hex(file.bytes));
      },
    );

    it.each(golden.map((file) => [file.name, file] as const))(
      '%s: the manifest encodes to the same bytes',
      (_, file) => {
        expect(hex(encodePrg(file.program))).toBe(hex(file.bytes));
        expect(decodePrg(file.bytes)).toEqual(file.program);
      },
    );

    it.each(golden.map((file) => [file.name, file] as const))(
      '%s: imported as a show, exports back to the same program',
      (_, file) => {
        const show = importPrg(file.bytes);
        expect(show.frameRate).toBe(file.program.refreshRate);
        expect(hex(exportPropPrg(show, 'ball1'))).toBe(hex(withZeroTrailer(file.bytes)));
      },
    );
  });
}
