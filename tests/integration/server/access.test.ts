import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema } from '../../../src/contracts/index.js';
import {
  connectSocket,
  controller,
  pair,
  request,
  type ControllerMirror,
} from '../../support/controller-client.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';

const RED_ON_BALL_1 = {
  type: 'addSegment',
  propId: 'ball-1',
  start: 1,
  end: 2,
  look: { kind: 'solid', color: [255, 0, 0] },
} as const;

describe('access to the daemon', () => {
  let test: TestDaemon;
  const open: ControllerMirror[] = [];

  beforeAll(async () => {
    test = await startTestDaemon();
  });

  afterAll(async () => {
    for (const mirror of open) mirror.socket.close();
    await test.stop();
  });

  it('refuses a socket with no token, and one with a wrong token', async () => {
    await expect(connectSocket(test.baseUrl, null)).rejects.toThrow('pairing-required');
    await expect(connectSocket(test.baseUrl, { token: 'not-a-session-token' })).rejects.toThrow('bad-token');
    await expect(connectSocket(test.baseUrl, { token: 42 })).rejects.toThrow('pairing-required');
  });

  it('refuses a browser handshake from another site, even with a good token', async () => {
    await expect(
      connectSocket(test.baseUrl, { token: TEST_TOKEN }, { origin: 'https://evil.example' }),
    ).rejects.toThrow('origin-not-allowed');
    const local = await connectSocket(
      test.baseUrl,
      { token: TEST_TOKEN },
      { origin: test.baseUrl.replace(/\/$/, '') },
    );
    local.close();
  });

  it('refuses a wrong pairing code and pairs with the right one', async () => {
    const wrong = await fetch(new URL('/api/pair', test.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: '000000x' }),
    });
    expect(wrong.status).toBe(401);
    const malformed = await fetch(new URL('/api/pair', test.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pin: 1 }),
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/code/);

    const operator = await pair(test.baseUrl, test.daemon.pairing.operatorCode, 'left tablet');
    expect(operator.role).toBe('operator');
    const mirror = await controller(test.baseUrl, operator.token);
    open.push(mirror);
    expect(mirror.snapshot?.session.role).toBe('operator');
    expect(mirror.snapshot?.session.name).toBe('left tablet');
    expect(mirror.show.id).toBe('demo');
  });

  it('lets a viewer watch but not change anything', async () => {
    const viewer = await pair(test.baseUrl, test.daemon.pairing.viewerCode);
    expect(viewer.role).toBe('viewer');
    const watching = await controller(test.baseUrl, viewer.token);
    open.push(watching);
    const before = test.daemon.session.revision;
    const refused = await request(watching.socket, 'show:command', { command: RED_ON_BALL_1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(watching.socket, 'output:blackout', { on: true })).toMatchObject({ ok: false });
    expect(test.daemon.live.output.blackout).toBe(false);
    expect(test.daemon.session.revision).toBe(before);

    const operator = await controller(test.baseUrl, TEST_TOKEN);
    open.push(operator);
    const done = await request(operator.socket, 'show:command', { command: RED_ON_BALL_1 });
    expect(done).toMatchObject({ ok: true, revision: before + 1 });
    await watching.until(() => watching.revision === before + 1, 'the viewer to see the edit');
    expect(watching.show).toEqual(test.daemon.session.show);
  });

  it('guards HTTP routes with the Bearer token, and keeps health open', async () => {
    expect((await fetch(new URL('/api/audio', test.baseUrl))).status).toBe(401);
    expect(
      (await fetch(new URL('/api/audio', test.baseUrl), { headers: { authorization: 'Bearer nope' } }))
        .status,
    ).toBe(401);
    const audio = await fetch(new URL('/api/audio', test.baseUrl), {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(audio.status).toBe(200);
    expect(
      Buffer.from(await audio.arrayBuffer())
        .subarray(0, 4)
        .toString('ascii'),
    ).toBe('RIFF');
    const waveform = await fetch(new URL('/api/waveform', test.baseUrl), {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(waveform.status).toBe(200);
    const peaks = (await waveform.json()) as { bucketSeconds: number; max: number[] };
    expect(peaks.max.length * peaks.bucketSeconds).toBeGreaterThan(39);

    const health = HealthSchema.parse(await (await fetch(new URL('/api/health', test.baseUrl))).json());
    expect(health).toMatchObject({ ok: true, showId: 'demo', props: 4, devices: 1, playing: false });
    expect(health.revision).toBe(test.daemon.session.revision);
  });

  it('refuses requests beyond a client’s budget, changing nothing', async () => {
    const mirror = await controller(test.baseUrl, TEST_TOKEN);
    open.push(mirror);
    const answers = await Promise.all(
      Array.from({ length: 80 }, () => request(mirror.socket, 'output:brightness', { level: 0.5 })),
    );
    const limited = answers.filter((answer) => !answer.ok);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
  });
});
