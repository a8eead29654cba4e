// The official LTX app's files and their manifest, read from ../shared (never committed to the project).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PrgProgram } from '../../../../src/show/formats/index.js';

const Rgb = z.tuple([z.number().int(), z.number().int(), z.number().int()]);
const ManifestSegment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('solid'), frames: z.number().int(), pixels: z.number().int(), color: Rgb }),
  z.object({
    kind: z.literal('fade'),
    frames: z.number().int(),
    pixels: z.number().int(),
    from: Rgb,
    to: Rgb,
  }),
]);
const Manifest = z.record(
  z.string(),
  z.object({
    refresh_rate: z.number().int(),
    default_pixels: z.number().int(),
    bt: z.number().int(),
    segments: z.array(ManifestSegment),
  }),
);

export interface GoldenPrg {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The program the manifest describes for this file. */
  readonly program: PrgProgram;
}

export function loadGoldenPrgs(dir: string): GoldenPrg[] {
  const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const files = readdirSync(join(dir, 'official'))
    .filter((file) => file.endsWith('.prg'))
    .sort();
  return files.map((name) => {
    const entry = manifest[name];
    if (!entry) throw new Error(`${name} is not in manifest.json`);
    return {
      name,
      bytes: new Uint8Array(readFileSync(join(dir, 'official', name))),
      program: {
        refreshRate: entry.refresh_rate,
        defaultPixels: entry.default_pixels,
        trailer: entry.bt,
        segments: entry.segments,
      },
    };
  });
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** The same bytes with the BT trailer value set to 0, which is what this project writes. */
export function withZeroTrailer(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  new DataView(copy.buffer).setUint32(copy.length - 4, 0, true);
  return copy;
}
