// `smlive prg build` / `smlive prg inspect` on real files: PRG-JSON printed from each official file builds
// the same bytes again, --rate rescales, and the output file is only ever replaced whole.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decodePrg, encodePrg, programToPrgJson } from '../../../../src/show/formats/index.js';
import { runCli } from '../../../../src/server/cli/run-cli.js';
import { prgCommand } from '../../../../src/server/cli/prg-command.js';
import { goldenPrgDir } from '../../../support/shared-vectors.js';
import { hex, loadGoldenPrgs } from './golden-prg.js';
import { runSmlive } from './smlive-process.js';

const work = mkdtempSync(join(tmpdir(), 'smlive-prg-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const dir = goldenPrgDir();

describe('smlive prg (child process)', () => {
  it('inspect --json prints PRG-JSON that build turns back into the same bytes (fade, and a BT trailer)', async () => {
    if (dir === null) return; // goldenPrgDir() has said so in one line
    for (const name of ['red1s_red-blue1s_green1s_100r.prg', '10secBLUE_10secRED_10secGREEN.prg']) {
      const original = new Uint8Array(readFileSync(join(dir, 'official', name)));
      const inspected = await runSmlive(['prg', 'inspect', join(dir, 'official', name), '--json']);
      expect(inspected.code).toBe(0);
      expect(inspected.stderr).toBe('');
      const jsonPath = join(work, `${name}.json`);
      writeFileSync(jsonPath, inspected.stdout);
      const outPath = join(work, `${name}.rebuilt.prg`);
      const built = await runSmlive(['prg', 'build', jsonPath, '-o', outPath]);
      expect(built.code).toBe(0);
      expect(built.stdout).toMatch(/^wrote .*\.rebuilt\.prg: \d+ segments/);
      expect(hex(new Uint8Array(readFileSync(outPath)))).toBe(hex(original));
    }
  });

  it('build --rate rescales the keys to the new frame rate', async () => {
    const jsonPath = join(work, 'rate.prg.json');
    writeFileSync(
      jsonPath,
      JSON.stringify({
        default_pixels: 4,
        color_format: 'rgb',
        refresh_rate: 1,
        end_time: 3,
        sequence: { '0': { color: [255, 0, 0] }, '1': { start_color: [0, 0, 0], end_color: [0, 0, 255] } },
      }),
    );
    const outPath = join(work, 'rate.prg');
    const built = await runSmlive(['prg', 'build', jsonPath, '-o', outPath, '--rate', '100']);
    expect(built.code).toBe(0);
    const program = decodePrg(new Uint8Array(readFileSync(outPath)));
    expect(program.refreshRate).toBe(100);
    expect(program.segments.map((segment) => [segment.kind, segment.frames])).toEqual([
      ['solid', 100],
      ['fade', 200],
    ]);
  });
});

describe('PRG-JSON of every official file rebuilds the same bytes through the prg build command', () => {
  it('all 48', async () => {
    if (dir === null) return; // goldenPrgDir() has said so in one line
    // The command code itself, in-process: 48 child processes would cost CI half a minute for the same code.
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      for (const file of loadGoldenPrgs(dir)) {
        const jsonPath = join(work, `${file.name}.json`);
        writeFileSync(jsonPath, JSON.stringify(programToPrgJson(decodePrg(file.bytes)), null, 2));
        const outPath = join(work, `${file.name}.out.prg`);
        expect(
          await runCli({ prg: async () => prgCommand }, ['prg', 'build', jsonPath, '-o', outPath]),
          file.name,
        ).toBe(0);
        expect(hex(new Uint8Array(readFileSync(outPath))), file.name).toBe(hex(file.bytes));
      }
    } finally {
      quiet.mockRestore();
    }
  });
});

describe('a program from any source survives PRG-JSON', () => {
  it('keeps per-frame colours frame for frame (as runs of solids)', () => {
    const program = {
      refreshRate: 50,
      defaultPixels: 2,
      trailer: 0,
      segments: [
        {
          kind: 'frames' as const,
          frames: 7,
          pixels: 2,
          colors: [
            [1, 2, 3],
            [1, 2, 3],
            [9, 9, 9],
          ] as [number, number, number][],
        },
      ],
    };
    const json = programToPrgJson(program);
    expect(json.sequence).toEqual({
      '0': { color: [1, 2, 3], pixels: 2 },
      '2': { color: [9, 9, 9], pixels: 2 },
      '3': { color: [1, 2, 3], pixels: 2 },
      '5': { color: [9, 9, 9], pixels: 2 },
      '6': { color: [1, 2, 3], pixels: 2 },
    });
    expect(json.end_time).toBe(7);
    expect(encodePrg(program).length).toBeGreaterThan(0);
  });
});
