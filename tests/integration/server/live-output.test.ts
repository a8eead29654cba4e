import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualLink, type ShownFrame } from '../../../src/devices/index.js';
import { renderFrame } from '../../../src/show/index.js';
import { frameIndexAt } from '../../../src/show/time.js';
import { controller, request, type ControllerMirror } from '../../support/controller-client.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';

const PROPS = ['ball-1', 'ball-2', 'poi-left', 'poi-right'];

function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) resolve();
      else if (performance.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

const dark = (frame: ShownFrame | undefined) =>
  frame !== undefined && frame.pixels.every((value) => value === 0);

describe('the live loop behind the controllers', () => {
  let test: TestDaemon;
  let client: ControllerMirror;
  let preview: VirtualLink;
  const shown: ShownFrame[] = [];

  beforeAll(async () => {
    test = await startTestDaemon();
    client = await controller(test.baseUrl, TEST_TOKEN);
    const link = test.daemon.links.find((candidate) => candidate instanceof VirtualLink);
    if (!(link instanceof VirtualLink))
      throw new Error('the demo show drives its props through a virtual link');
    preview = link;
    preview.onFrame((frame) => shown.push(frame));
  });

  afterAll(async () => {
    client.socket.close();
    await test.stop();
  });

  it('hands the edited colour to the link while playing, from the next frames on', async () => {
    expect(await request(client.socket, 'transport:play', { from: 24 })).toEqual({ ok: true });
    await until(() => shown.some((frame) => frame.showAt > 24.2), 'frames while playing');
    const answer = await request(client.socket, 'show:command', {
      command: {
        type: 'addSegment',
        propId: 'ball-1',
        start: 24,
        end: 34,
        look: { kind: 'solid', color: [1, 2, 3] },
      },
    });
    expect(answer.ok).toBe(true);
    const editedAt = test.daemon.clock.now();
    const isEdited = (frame: ShownFrame) =>
      frame.propId === 'ball-1' &&
      frame.showAt >= editedAt &&
      Array.from(frame.pixels).join() === '1,2,3,1,2,3,1,2,3';
    await until(() => shown.some(isEdited), 'the edited colour on ball-1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = shown.filter((frame) => frame.propId === 'ball-1' && frame.showAt > editedAt + 0.05);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every(isEdited)).toBe(true);
  });

  it('streams the playhead and the beats while playing', async () => {
    const playheads: number[] = [];
    const beats: number[] = [];
    const onPlayhead = (playhead: { position: number }) => playheads.push(playhead.position);
    const onBeat = (beat: { time: number }) => beats.push(beat.time);
    const framesSent: number[] = [];
    const onDevices = (devices: { framesSent: number }[]) => framesSent.push(devices[0]?.framesSent ?? -1);
    client.socket.on('transport:playhead', onPlayhead);
    client.socket.on('transport:beat', onBeat);
    client.socket.on('devices:state', onDevices);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    client.socket.off('transport:playhead', onPlayhead);
    client.socket.off('transport:beat', onBeat);
    client.socket.off('devices:state', onDevices);
    expect(framesSent.length).toBeGreaterThanOrEqual(15);
    expect(framesSent.at(-1)).toBeGreaterThan(framesSent[0] as number);
    expect(playheads.length).toBeGreaterThanOrEqual(15);
    expect(
      playheads.every((position, index) => index === 0 || position >= (playheads[index - 1] as number)),
    ).toBe(true);
    expect(beats.length).toBeGreaterThanOrEqual(1);
    for (const beat of beats) expect(test.daemon.session.show.beatGrid.beats).toContain(beat);
  });

  it('blacks out every prop within one frame and holds it until released', async () => {
    const answer = await request(client.socket, 'output:blackout', { on: true });
    expect(answer).toEqual({ ok: true });
    const at = shown.length;
    // The latch is on the link by the time the ack arrives.
    for (const propId of PROPS) expect(dark(preview.latest(propId)), propId).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = shown.slice(at);
    expect(during.length).toBeGreaterThan(PROPS.length);
    expect(during.every(dark)).toBe(true);
    expect(client.snapshot === null || test.daemon.controls.outputState().blackout).toBe(true);

    await request(client.socket, 'output:blackout', { on: false });
    await until(() => PROPS.every((propId) => !dark(preview.latest(propId))), 'the props to light again');
  });

  it('dims every prop by the master brightness', async () => {
    expect(await request(client.socket, 'transport:pause', {})).toEqual({ ok: true });
    // The pause is heard a moment after it is asked for; the still frame is the one at the final position.
    await until(() => {
      const position = test.daemon.clock.now();
      return preview.latest('poi-left')?.showAt === position && test.daemon.clock.now() === position;
    }, 'the playhead to stand still');
    const before = shown.length;
    expect(await request(client.socket, 'output:brightness', { level: 0.5 })).toEqual({ ok: true });
    const position = test.daemon.clock.now();
    const show = test.daemon.session.show;
    const full = renderFrame(show, frameIndexAt(position, show.frameRate));
    await until(
      () => PROPS.every((propId) => shown.slice(before).some((frame) => frame.propId === propId)),
      'the still frame re-rendered',
    );
    for (const { propId, pixels } of full.props) {
      const expected = Array.from(pixels, (value) => Math.round(value * 0.5));
      expect(Array.from(preview.latest(propId)?.pixels ?? []), propId).toEqual(expected);
    }
    await request(client.socket, 'output:brightness', { level: 1 });
  });

  it('shows an edit made while paused on the props at once', async () => {
    const position = test.daemon.clock.now();
    const answer = await request(client.socket, 'show:command', {
      command: {
        type: 'addSegment',
        propId: 'poi-right',
        start: Math.max(0, position - 1),
        end: position + 1,
        look: { kind: 'solid', color: [7, 8, 9] },
      },
    });
    expect(answer.ok).toBe(true);
    await until(() => preview.latest('poi-right')?.pixels[0] === 7, 'the paused edit on poi-right');
    expect(Array.from(preview.latest('poi-right')?.pixels.slice(0, 6) ?? [])).toEqual([7, 8, 9, 7, 8, 9]);
  });
});
