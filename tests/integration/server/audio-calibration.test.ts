// The rig's audio calibration through the real daemon: an operator sets it over the socket, the audio clock
// (null sink) moves by it at once, every controller sees it in the output state, and it is still there after
// a restart on the same data folder. A value out of range changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputState } from '../../../src/contracts/index.js';
import { AudioPlayback } from '../../../src/engine/audio-playback.js';
import { controller, request, type ControllerMirror } from '../../support/controller-client.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';
import { until } from '../../support/wait.js';

describe('audio calibration', () => {
  let test: TestDaemon;
  let client: ControllerMirror;
  const outputs: OutputState[] = [];

  beforeAll(async () => {
    test = await startTestDaemon();
    client = await controller(test.baseUrl, TEST_TOKEN);
    client.socket.on('output:state', (state) => outputs.push(state));
  });

  afterAll(async () => {
    client?.socket.close();
    await test?.stop();
  });

  it('starts at 0 ms and moves the heard position at once when set', async () => {
    expect(client.snapshot?.output.calibrationMs).toBe(0);
    const playback = test.daemon.clock;
    if (!(playback.source instanceof AudioPlayback))
      throw new Error('the demo show plays on the audio clock');
    const latencyBefore = playback.totalLatencySeconds;
    expect(await request(client.socket, 'transport:play', { from: 10 })).toEqual({ ok: true });
    await until(() => playback.now() > 10.2, 'the song playing');
    const before = playback.now();
    const hostBefore = performance.now();
    expect(await request(client.socket, 'output:calibration', { ms: 120 })).toEqual({ ok: true });
    const after = playback.now();
    const elapsed = (performance.now() - hostBefore) / 1000;
    // The audience hears 120 ms later: the heard position is 120 ms earlier than it would have been.
    expect(after - (before + elapsed)).toBeGreaterThan(-0.14);
    expect(after - (before + elapsed)).toBeLessThan(-0.1);
    expect(playback.totalLatencySeconds - latencyBefore).toBeCloseTo(0.12, 6);
    await until(() => outputs.some((state) => state.calibrationMs === 120), 'the output state with 120 ms');
  });

  it('refuses a value out of range and keeps the one it had', async () => {
    const answer = await request(client.socket, 'output:calibration', { ms: 900 });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toMatch(/500/);
    expect(test.daemon.controls.outputState().calibrationMs).toBe(120);
  });

  it('keeps the calibration for the rig across a restart', async () => {
    client.socket.close();
    await test.stop({ keepData: true });
    test = await startTestDaemon({ dataDir: test.dataDir });
    client = await controller(test.baseUrl, TEST_TOKEN);
    expect(client.snapshot?.output.calibrationMs).toBe(120);
    const playback = test.daemon.clock;
    if (!(playback.source instanceof AudioPlayback))
      throw new Error('the demo show plays on the audio clock');
    const fresh = await startTestDaemon();
    try {
      const uncalibrated = fresh.daemon.clock;
      if (!(uncalibrated.source instanceof AudioPlayback))
        throw new Error('the demo show plays on the audio clock');
      expect(playback.totalLatencySeconds - uncalibrated.totalLatencySeconds).toBeCloseTo(0.12, 6);
    } finally {
      await fresh.stop();
    }
  });
});
