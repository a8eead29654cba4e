// Bad files through the real CLI: exit code 2, one line on stderr that says what and where, nothing on
// stdout, and the output file untouched (no half-written file, no temporary left behind).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { encodePrg } from '../../../../src/show/formats/index.js';
import { ShowSchema } from '../../../../src/show/index.js';
import { importCommand } from '../../../../src/server/cli/import-command.js';
import { runCli } from '../../../../src/server/cli/run-cli.js';
import { runSmlive, type CliRun } from './smlive-process.js';
import { seedProject } from './smproj-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'smlive-bad-input-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

function expectOneLineRefusal(run: CliRun, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
}

const goodPrg = encodePrg({
  refreshRate: 100,
  defaultPixels: 4,
  trailer: 0,
  segments: [{ kind: 'solid', frames: 250, pixels: 4, color: [255, 0, 0] }],
});

describe('bad input through smlive', () => {
  it('prg build with a malformed .prg.json leaves the existing output as it was', async () => {
    const output = file('existing.prg', goodPrg);
    const input = file(
      'bad.prg.json',
      JSON.stringify({ refresh_rate: 100, end_time: 10, sequence: { '0': { color: [1, 2] } } }),
    );
    const run = await runSmlive(['prg', 'build', input, '-o', output]);
    expectOneLineRefusal(run, /^smlive prg: .*bad\.prg\.json: sequence\.0\.color: /);
    expect(Buffer.compare(readFileSync(output), Buffer.from(goodPrg))).toBe(0);
    expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('prg inspect of a truncated .prg names the byte where it ends', async () => {
    const input = file('truncated.prg', goodPrg.subarray(0, 60));
    expectOneLineRefusal(
      await runSmlive(['prg', 'inspect', input]),
      /^smlive prg: .*truncated\.prg: file ends after 60 bytes, inside the colour data at byte 0x33 \(51\)/,
    );
  });

  it('import of a .smproj with a bad segment names its path', async () => {
    const project = seedProject(null);
    (project.timelines as { segments: { color: number[] }[] }[])[0]!.segments[1]!.color = [0, 0, -4];
    const input = file('bad.smproj', JSON.stringify(project));
    expectOneLineRefusal(
      await runSmlive(['import', input, '--json']),
      /^smlive import: .*bad\.smproj: timelines\.0\.segments\.1\.color\.2: /,
    );
  });

  it('import of a missing file and of an unknown type (the command in-process)', async () => {
    const errors: string[] = [];
    const spy = vi
      .spyOn(console, 'error')
      .mockImplementation((line: unknown) => void errors.push(String(line)));
    try {
      expect(await runCli({ import: async () => importCommand }, ['import', join(work, 'nope.prg')])).toBe(2);
      expect(await runCli({ import: async () => importCommand }, ['import', file('song.txt', 'hi')])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^smlive import: cannot read .*nope\.prg: no such file$/);
    expect(errors[1]).toMatch(
      /^smlive import: .*song\.txt: unknown file type; expected \.prg, \.prg\.json or \.smproj$/,
    );
  });
});

describe('smlive import', () => {
  it('a .smproj whose song is beside it: the show references the song by its content hash', async () => {
    const song = file(
      'song.wav',
      new Uint8Array(4096).map((_, index) => index % 251),
    );
    const input = file('show.smproj', JSON.stringify(seedProject('song.wav')));
    const run = await runSmlive(['import', input]);
    expect(run.code).toBe(0);
    const show = ShowSchema.parse(JSON.parse(run.stdout));
    expect(show.audio).toEqual({
      file: song,
      contentHash: createHash('sha256').update(readFileSync(song)).digest('hex'),
      duration: show.duration,
    });
    expect(show.props).toHaveLength(2);
    expect(run.stderr).toMatch(
      /show\.smproj: "Fast Car", 294\.11 s at 100 Hz, 2 props, 7 segments, 3 lyric words/,
    );
    expect(run.stderr).toMatch(/warning: timeline "Ball 1": trimmed 1 overlapping segment/);
  });
});
