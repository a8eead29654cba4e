import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliInputError } from '../../../src/server/cli/cli-command.js';
import { prepareDemo } from '../../../src/server/demo/demo-files.js';
import { startTestDaemon, type TestDaemon } from '../../support/test-daemon.js';

describe('the show the daemon runs', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function folder(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'smlive-show-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  it('plays a show file at once and gives its song a beat grid from analysis', async () => {
    const dir = await folder();
    const { show: demo } = await prepareDemo(dir);
    const showFile = join(dir, 'no-grid.json');
    await writeFile(
      showFile,
      JSON.stringify({
        schemaVersion: 1,
        id: 'no-grid',
        name: 'No grid yet',
        duration: demo.duration,
        audio: demo.audio,
        props: [{ id: 'ball', name: 'Ball', pixelCount: 1, segments: [] }],
      }),
    );
    const test: TestDaemon = await startTestDaemon({
      dataDir: await folder(),
      show: { kind: 'file', path: showFile },
    });
    cleanup.push(() => test.stop());
    expect(test.daemon.session.show.id).toBe('no-grid');
    const deadline = performance.now() + 45_000;
    while (test.daemon.session.revision === 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const checkpoint = test.daemon.session.history().checkpoints.at(-1);
    expect(checkpoint).toMatchObject({ author: 'system', kind: 'edit' });
    const grid = test.daemon.session.show.beatGrid;
    expect(grid.bpm).toBeGreaterThan(118);
    expect(grid.bpm).toBeLessThan(122);
    // The demo song has a kick on every beat from bar 5 (8 s) on: the grid lands on the half-second lattice.
    const onLattice = grid.beats.filter(
      (beat) => beat >= 8 && Math.abs(beat * 2 - Math.round(beat * 2)) < 0.05,
    );
    expect(onLattice.length).toBeGreaterThan(50);
    expect(test.daemon.session.show.sections.length).toBeGreaterThan(0);
  });

  it('refuses a show file that is not a show, naming what is wrong', async () => {
    const dir = await folder();
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{"schemaVersion": 1,');
    await expect(
      startTestDaemon({ dataDir: await folder(), show: { kind: 'file', path: notJson } }),
    ).rejects.toThrow(CliInputError);
    const badColour = join(dir, 'bad.json');
    await writeFile(
      badColour,
      JSON.stringify({
        schemaVersion: 1,
        id: 'bad',
        name: 'Bad',
        duration: 10,
        props: [{ id: 'ball', name: 'Ball', pixelCount: 1, defaultColor: [0, 0, 999], segments: [] }],
      }),
    );
    await expect(
      startTestDaemon({ dataDir: await folder(), show: { kind: 'file', path: badColour } }),
    ).rejects.toThrow(/props\.0\.defaultColor\.2/);
    await expect(
      startTestDaemon({ dataDir: await folder(), show: { kind: 'id', id: 'nope' } }),
    ).rejects.toThrow(/no stored show "nope"/);
  });
});
