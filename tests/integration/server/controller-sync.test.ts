import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controller, rawRequest, request, type ControllerMirror } from '../../support/controller-client.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';

function solid(propId: string, start: number, end: number, color: [number, number, number]) {
  return { type: 'addSegment', propId, start, end, look: { kind: 'solid', color } };
}

describe('controllers over socket.io', () => {
  let test: TestDaemon;
  const open: ControllerMirror[] = [];
  const connect = async () => {
    const mirror = await controller(test.baseUrl, TEST_TOKEN);
    open.push(mirror);
    return mirror;
  };

  beforeAll(async () => {
    test = await startTestDaemon();
  });

  afterAll(async () => {
    for (const mirror of open) mirror.socket.close();
    await test.stop();
  });

  it('answer malformed payloads with an error ack and change nothing', async () => {
    const client = await connect();
    const before = {
      revision: test.daemon.session.revision,
      show: structuredClone(test.daemon.session.show),
    };
    const output = test.daemon.controls.outputState();
    const transport = test.daemon.clock.state;
    const bad: [string, ...unknown[]][] = [
      ['show:command', 'addSegment'],
      ['show:command', {}],
      ['show:command', { command: { type: 'explode' } }],
      ['show:command', { command: solid('ball-1', 1, 2, [300, 0, 0]) }],
      ['show:command', { command: solid('no-such-prop', 1, 2, [1, 2, 3]) }],
      ['show:command', { command: solid('ball-1', 5, 2, [1, 2, 3]) }],
      [
        'show:command',
        { command: { type: 'batch', commands: [solid('ball-1', 1, 2, [9, 9, 9]), { type: 'nope' }] } },
      ],
      ['show:command', { command: solid('ball-1', 1, 2, [1, 2, 3]), extra: true }],
      ['history:revert', { revision: -1 }],
      ['history:revert', { revision: 'latest' }],
      ['history:name', { checkpointId: 'demo@999', name: 'ghost' }],
      ['transport:seek', { position: Number.NaN }],
      ['transport:seek', { position: 1e9 }],
      ['transport:rate', { rate: 10 }],
      ['transport:loop', { range: { start: 5, end: 1 } }],
      ['transport:cue', { cueId: 'nowhere' }],
      ['output:brightness', { level: 2 }],
      ['output:blackout', { on: 'yes' }],
      ['output:blackout', null],
      ['rehearsal:start', { output: 'everything' }],
      ['rehearsal:keep', {}],
      ['rehearsal:discard', {}],
    ];
    for (const [event, ...args] of bad) {
      const answer = (await rawRequest(client.socket, event, ...args)) as {
        ok: boolean;
        error?: { code: string; message: string };
      };
      expect(answer.ok, `${event} ${JSON.stringify(args)}`).toBe(false);
      expect(answer.error?.message.length, `${event} says what is wrong`).toBeGreaterThan(5);
    }
    // A refused command names the field that is wrong.
    const refused = await request(client.socket, 'show:command', {
      command: solid('ball-1', 1, 2, [300, 0, 0]),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', path: 'look.color.0' } });

    expect(test.daemon.session.revision).toBe(before.revision);
    expect(test.daemon.session.show).toEqual(before.show);
    expect(test.daemon.controls.outputState()).toEqual(output);
    expect(test.daemon.clock.state).toEqual(transport);
    expect(test.daemon.session.rehearsalBranch).toBeNull();
    // An event with no ack callback is ignored safely, and the connection stays usable.
    (client.socket as unknown as { emit(event: string, payload: unknown): void }).emit('show:command', {
      command: { type: 'explode' },
    });
    expect(await request(client.socket, 'state:resync', {})).toEqual({ ok: true });
  });

  it('keep two controllers on the same show within one patch', async () => {
    const left = await connect();
    const right = await connect();
    for (let index = 0; index < 5; index++) {
      const sender = index % 2 === 0 ? left : right;
      const answer = await request(sender.socket, 'show:command', {
        command: solid('ball-2', index * 2, index * 2 + 1, [index * 40, 10, 200]),
      });
      if (!answer.ok) throw new Error(answer.error.message);
      // The ack comes after the patch: the sender already holds the new revision.
      expect(sender.revision).toBe(answer.revision);
      const other = sender === left ? right : left;
      await other.until(() => other.revision === answer.revision, `patch ${answer.revision}`);
      expect(other.show).toEqual(sender.show);
    }
    expect(left.show).toEqual(test.daemon.session.show);
    expect(left.resyncs + right.resyncs).toBe(0);
    const undo = await request(left.socket, 'history:undo', {});
    expect(undo.ok).toBe(true);
    await right.until(() => right.revision === test.daemon.session.revision, 'the undo');
    expect(right.show).toEqual(test.daemon.session.show);
    expect(right.snapshot?.history.checkpoints.at(-1)?.kind).toBe('undo');
  });

  it('resync a controller that missed a patch', async () => {
    const watcher = await connect();
    const editor = await connect();
    watcher.dropNextPatch = true;
    await request(editor.socket, 'show:command', { command: solid('poi-left', 3, 4, [1, 2, 3]) });
    const second = await request(editor.socket, 'show:command', {
      command: solid('poi-left', 5, 6, [4, 5, 6]),
    });
    if (!second.ok) throw new Error(second.error.message);
    await watcher.until(() => watcher.revision === second.revision, 'the resync after a gap');
    expect(watcher.resyncs).toBe(1);
    expect(watcher.show).toEqual(test.daemon.session.show);
  });

  it('bring a controller that dropped and reconnected to the current revision', async () => {
    const editor = await connect();
    const flaky = await connect();
    flaky.socket.disconnect();
    let latest = 0;
    for (let index = 0; index < 3; index++) {
      const answer = await request(editor.socket, 'show:command', {
        command: solid('ball-1', 10 + index, 10.5 + index, [200, 100, index]),
      });
      if (!answer.ok) throw new Error(answer.error.message);
      latest = answer.revision;
    }
    const revisionBefore = flaky.revision;
    flaky.snapshot = null;
    flaky.socket.connect();
    await flaky.until(() => flaky.snapshot !== null, 'the snapshot after reconnecting');
    expect(revisionBefore).toBeLessThan(latest);
    expect(flaky.revision).toBe(latest);
    expect(flaky.show).toEqual(test.daemon.session.show);
  });

  it('name checkpoints and revert to one, for every controller', async () => {
    const client = await connect();
    const other = await connect();
    const target = test.daemon.session.revision;
    const named = new Promise((resolve) => other.socket.once('history:named', resolve));
    expect(
      await request(client.socket, 'history:name', {
        checkpointId: `demo@${target}`,
        name: 'before the mess',
      }),
    ).toEqual({ ok: true });
    expect(await named).toEqual({ branch: 'main', checkpointId: `demo@${target}`, name: 'before the mess' });
    const shape = structuredClone(test.daemon.session.show);
    await request(client.socket, 'show:command', { command: solid('poi-right', 0, 30, [255, 255, 255]) });
    const reverted = await request(client.socket, 'history:revert', { revision: target });
    if (!reverted.ok) throw new Error(reverted.error.message);
    expect(test.daemon.session.show).toEqual(shape);
    await other.until(() => other.revision === reverted.revision, 'the revert');
    expect(other.show).toEqual(shape);
  });

  it('show where a seek went while paused, once it is heard', async () => {
    const client = await connect();
    const positions: number[] = [];
    client.socket.on('transport:state', (state) => positions.push(state.position));
    expect(await request(client.socket, 'transport:seek', { position: 12 })).toEqual({ ok: true });
    await expect.poll(() => positions.at(-1), { timeout: 3000 }).toBeCloseTo(12, 1);
  });
});
