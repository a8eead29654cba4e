import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceManager } from '../../../src/devices/device-manager.js';
import { FirmataLink } from '../../../src/devices/firmata/firmata-link.js';
import { LtxWifiLink } from '../../../src/devices/ltx/ltx-wifi-link.js';
import { fixedPort } from '../../../src/devices/port-locator.js';
import { monotonicShowClock, type ShowClock } from '../../../src/devices/show-clock.js';
import { VirtualLink, type ShownFrame } from '../../../src/devices/virtual/virtual-link.js';
import { frameIndexAt } from '../../../src/show/time.js';
import { FirmataResponder } from '../../support/firmata-responder.js';
import { LtxBallSimulator } from '../../support/ltx-ball-simulator.js';
import { PtyPair } from '../../support/pty-pair.js';
import { until } from '../../support/wait.js';

const HOST = '127.0.0.30';
const BALL = '127.0.0.31';
const FPS = 50;

/** Each prop's colour encodes the frame index, so a receiver can tell which frame it got. */
function renderIndex(showTime: number): Map<string, Uint8Array> {
  const index = frameIndexAt(showTime, FPS) % 250;
  return new Map([
    ['preview', Uint8Array.of(index, 1, 2)],
    ['ball', Uint8Array.of(index, 3, 4)],
    ['club', Uint8Array.of(index + 1, 5, 6)],
  ]);
}

describe('device manager over a virtual, an LTX and a Firmata link', () => {
  let clock: ShowClock;
  let ball: LtxBallSimulator;
  let pty: PtyPair;
  let board: FirmataResponder;
  let manager: DeviceManager;
  let virtual: VirtualLink;

  beforeEach(async () => {
    clock = monotonicShowClock(0);
    ball = new LtxBallSimulator({ address: BALL });
    await ball.start();
    pty = new PtyPair('manager');
    await pty.start();
    board = new FirmataResponder(pty.devicePath);
    await board.start();
    manager = new DeviceManager({ clock });
    virtual = new VirtualLink({ id: 'virtual', clock, props: [{ propId: 'preview', pixelCount: 1 }] });
    manager.addLink(virtual);
    manager.addLink(
      new LtxWifiLink({
        id: 'ltx',
        clock,
        localAddress: HOST,
        balls: [{ propId: 'ball', pixelCount: 1, address: BALL }],
      }),
    );
    manager.addLink(
      new FirmataLink({
        id: 'arduino',
        clock,
        port: fixedPort(pty.hostPath),
        reportVersionTimeoutMs: 50,
        retryDelayMs: 100,
        props: [{ propId: 'club', pins: { red: 3, green: 5, blue: 6 } }],
      }),
    );
  });

  afterEach(async () => {
    await manager.shutdown();
    await board.stop();
    await pty.dispose();
    await ball.stop();
  });

  it('feeds every link from one render loop, reports their states, and blacks out all before closing', async () => {
    const faults: string[] = [];
    manager.on('fault', (message) => faults.push(message));
    manager.start();
    await until(() => manager.states().every((state) => state.status === 'connected'), 'all links connected');

    const shown: ShownFrame[] = [];
    virtual.onFrame((frame) => shown.push(frame));
    manager.play(renderIndex, FPS);
    await until(
      () => shown.length >= 15 && ball.datagrams.length >= 15,
      '15 frames on the preview and the ball',
    );
    manager.pause();

    // Every frame shown carries the colour rendered for its own show time.
    for (const frame of shown) expect(frame.pixels[0]).toBe(frameIndexAt(frame.showAt, FPS) % 250);
    // The ball latches on arrival, so a stalled timer sends only the newest due frame: in order, no repeats.
    const ballIndices = ball.datagrams.map((datagram) => datagram.bytes[9] as number);
    for (let index = 1; index < ballIndices.length; index += 1) {
      expect(ballIndices[index]).not.toBe(ballIndices[index - 1]);
    }
    await until(() => board.writes.some((write) => write.pin === 3 && write.value > 1), 'the club lit');

    const states = manager.states();
    expect(states.map((state) => [state.id, state.kind, state.status])).toEqual([
      ['virtual', 'virtual', 'connected'],
      ['ltx', 'ltx-wifi', 'connected'],
      ['arduino', 'firmata', 'connected'],
    ]);
    for (const state of states) expect(state.framesSent).toBeGreaterThan(0);
    expect(faults).toEqual([]);

    await manager.shutdown();
    expect([...(virtual.latest('preview')?.pixels ?? [])]).toEqual([0, 0, 0]);
    const black = [0x42, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0, 0, 0].join();
    await until(() => ball.datagrams.at(-1)?.bytes.join() === black, 'black on the ball');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ball.datagrams.at(-1)?.bytes.join()).toBe(black);
    await until(() => board.pwm(3) === 0 && board.pwm(5) === 0 && board.pwm(6) === 0, 'the club dark');
    expect(manager.states().every((state) => state.status === 'closed')).toBe(true);
  });

  it('a failing render, a wrong-sized frame or a prop with no device never stops the other props', async () => {
    const faults: string[] = [];
    manager.on('fault', (message) => faults.push(message));
    manager.start();
    await until(() => virtual.status() === 'connected', 'the virtual link');
    const shown: ShownFrame[] = [];
    virtual.onFrame((frame) => shown.push(frame));
    let calls = 0;
    manager.play((showTime) => {
      calls += 1;
      if (calls === 3) throw new Error('renderer bug');
      const frames = renderIndex(showTime);
      frames.set('ball', new Uint8Array(7));
      frames.set('nobody', Uint8Array.of(1, 2, 3));
      return frames;
    }, FPS);
    await until(() => shown.length >= 10, '10 preview frames');
    manager.pause();
    expect(faults.some((fault) => /render at .* renderer bug/.test(fault))).toBe(true);
    expect(faults.some((fault) => /frame for ball .* a frame is 3 bytes, not 7/.test(fault))).toBe(true);
    expect(manager.unrouted).toBeGreaterThan(0);
  });

  it('refuses to drive one prop from two links', () => {
    expect(() =>
      manager.addLink(new VirtualLink({ id: 'other', clock, props: [{ propId: 'ball', pixelCount: 1 }] })),
    ).toThrow(/prop ball is already driven by link ltx/);
    expect(() => manager.addLink(virtual)).toThrow(/already managed/);
  });
});
