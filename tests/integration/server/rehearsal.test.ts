import { afterEach, describe, expect, it } from 'vitest';
import { VirtualLink } from '../../../src/devices/index.js';
import { controller, request, type ControllerMirror } from '../../support/controller-client.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';

const GREEN = [0, 255, 0] as const;

function greenBall(start: number) {
  return {
    type: 'addSegment',
    propId: 'ball-2',
    start,
    end: start + 1,
    look: { kind: 'solid', color: [...GREEN] },
  };
}

describe('rehearsal mode', () => {
  const running: TestDaemon[] = [];
  const open: ControllerMirror[] = [];

  afterEach(async () => {
    for (const mirror of open.splice(0)) mirror.socket.close();
    for (const test of running.splice(0)) await test.stop();
  });

  async function setUp(dataDir?: string) {
    const test = await startTestDaemon(dataDir === undefined ? {} : { dataDir });
    running.push(test);
    const operator = await controller(test.baseUrl, TEST_TOKEN);
    const watcher = await controller(test.baseUrl, TEST_TOKEN);
    open.push(operator, watcher);
    return { test, operator, watcher };
  }

  it('puts edits on a branch and discards them, leaving the show as it was', async () => {
    const { test, operator, watcher } = await setUp();
    const show = structuredClone(test.daemon.session.show);
    const revision = test.daemon.session.mainRevision;

    expect(await request(operator.socket, 'rehearsal:start', {})).toEqual({ ok: true });
    await watcher.until(() => watcher.snapshot?.branch === 'rehearsal', 'the rehearsal snapshot');
    expect(watcher.snapshot?.rehearsal).toMatchObject({
      active: true,
      output: 'virtual-only',
      baseRevision: revision,
    });
    expect(await request(operator.socket, 'rehearsal:start', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    const editCounts: number[] = [];
    watcher.socket.on('rehearsal:state', (state) => editCounts.push(state.edits));
    const edit = await request(operator.socket, 'show:command', { command: greenBall(2) });
    if (!edit.ok) throw new Error(edit.error.message);
    await watcher.until(() => watcher.revision === edit.revision, 'the rehearsal patch');
    await expect.poll(() => editCounts.at(-1)).toBe(1);
    expect(watcher.resyncs).toBe(0);
    expect(watcher.show).toEqual(test.daemon.session.show);
    expect(test.daemon.session.mainRevision).toBe(revision);
    expect(test.daemon.live.currentShow).toEqual(test.daemon.session.show);
    // Rate and a looped section are there for rehearsing.
    expect(await request(operator.socket, 'transport:rate', { rate: 0.5 })).toEqual({ ok: true });
    expect(await request(operator.socket, 'transport:loop', { range: { start: 2, end: 4 } })).toEqual({
      ok: true,
    });
    expect(test.daemon.clock.state).toMatchObject({ rate: 0.5, loop: { start: 2, end: 4 } });

    expect(await request(operator.socket, 'rehearsal:discard', {})).toEqual({ ok: true });
    await watcher.until(() => watcher.snapshot?.branch === 'main', 'the main snapshot');
    expect(watcher.revision).toBe(revision);
    expect(watcher.show).toEqual(show);
    expect(test.daemon.session.show).toEqual(show);
    expect(test.daemon.live.currentShow).toEqual(show);
    expect(watcher.snapshot?.rehearsal.active).toBe(false);
  });

  it('keeps a rehearsal as one checkpoint of the show, saved across a restart', async () => {
    const first = await setUp();
    const revision = first.test.daemon.session.mainRevision;
    await request(first.operator.socket, 'rehearsal:start', { output: 'dimmed', dim: 0.3 });
    await request(first.operator.socket, 'show:command', { command: greenBall(2) });
    await request(first.operator.socket, 'show:command', { command: greenBall(6) });
    await request(first.operator.socket, 'history:undo', {});
    await request(first.operator.socket, 'show:command', { command: greenBall(8) });
    const branchShow = structuredClone(first.test.daemon.session.show);

    // The rehearsal edit is what the virtual props show.
    await request(first.operator.socket, 'transport:seek', { position: 8.5 });
    const preview = first.test.daemon.links.find((link) => link instanceof VirtualLink) as VirtualLink;
    const deadline = performance.now() + 5000;
    while (preview.latest('ball-2')?.showAt !== 8.5 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(preview.latest('ball-2')?.showAt).toBe(8.5);
    expect(Array.from(preview.latest('ball-2')?.pixels.slice(0, 3) ?? [])).toEqual([...GREEN]);

    const kept = await request(first.operator.socket, 'rehearsal:keep', { label: 'green accents' });
    if (!kept.ok) throw new Error(kept.error.message);
    expect(kept.revision).toBe(revision + 1);
    await first.watcher.until(() => first.watcher.snapshot?.branch === 'main', 'the main snapshot');
    expect(first.watcher.revision).toBe(revision + 1);
    expect(first.watcher.show).toEqual(branchShow);
    const last = first.watcher.snapshot?.history.checkpoints.at(-1);
    expect(last).toMatchObject({ label: 'green accents', kind: 'edit', revision: revision + 1 });

    const dataDir = first.test.dataDir;
    for (const mirror of open.splice(0)) mirror.socket.close();
    await first.test.daemon.stop();
    running.splice(0);
    const second = await setUp(dataDir);
    expect(second.operator.revision).toBe(revision + 1);
    expect(second.operator.show).toEqual(branchShow);
    // One undo takes the whole rehearsal back out.
    const greenSegments = () =>
      (second.test.daemon.session.show.props.find((prop) => prop.id === 'ball-2')?.segments ?? []).filter(
        (segment) => segment.look.kind === 'solid' && segment.look.color.join() === GREEN.join(),
      );
    expect(greenSegments().map((segment) => segment.start)).toEqual([2, 8]);
    const undone = await request(second.operator.socket, 'history:undo', {});
    expect(undone.ok).toBe(true);
    expect(greenSegments()).toEqual([]);
  });
});
