// Nothing stubbed: the real daemon plays the demo show, a controller adds a prop on a serial port while it
// plays, and the real firmware in simavr behind a socat pty latches that prop's frames. The virtual props
// play on without a gap; removing the prop blacks it out and lets go of the port.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualLink, type ShownFrame } from '../../../src/devices/index.js';
import { controller, request, type ControllerMirror } from '../../support/controller-client.js';
import { buildFirmware, EmulatedProp, readPinBursts } from '../../support/emulated-prop.js';
import { PtyPair } from '../../support/pty-pair.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';
import { sleep, until } from '../../support/wait.js';

const COLOUR = [40, 80, 120] as const;

describe('device links follow the props while the show plays', () => {
  let pty: PtyPair;
  let prop: EmulatedProp;
  let test: TestDaemon;
  let client: ControllerMirror;

  beforeAll(async () => {
    await buildFirmware();
    pty = new PtyPair('roster');
    await pty.start();
    prop = new EmulatedProp(pty.devicePath, join(pty.dir, 'club.edges'));
    await prop.start();
    test = await startTestDaemon();
    client = await controller(test.baseUrl, TEST_TOKEN);
  });

  afterAll(async () => {
    client?.socket.close();
    await test?.stop();
    await prop?.stop();
    await pty?.dispose();
  });

  const serialLink = () => test.daemon.links.find((link) => link.id === `serial:${pty.hostPath}`);

  it('a prop added on a serial port gets its link at once, and removing it blacks it out and closes the port', async () => {
    const shown: ShownFrame[] = [];
    const watchPreview = () => {
      const preview = test.daemon.links.find((link) => link instanceof VirtualLink);
      if (!(preview instanceof VirtualLink)) throw new Error('the demo props play on a virtual link');
      preview.onFrame((frame) => shown.push(frame));
    };
    watchPreview();
    expect(await request(client.socket, 'transport:play', { from: 0 })).toEqual({ ok: true });
    await until(() => shown.length > 20, 'the demo props playing');
    expect(serialLink()).toBeUndefined();

    const added = await request(client.socket, 'show:command', {
      command: {
        type: 'addProp',
        prop: {
          id: 'club-1',
          name: 'Club 1',
          pixelCount: 4,
          defaultColor: [...COLOUR],
          link: { kind: 'serial', address: pty.hostPath },
        },
      },
    });
    expect(added.ok).toBe(true);
    await until(
      () => serialLink()?.status() === 'connected',
      'the new prop’s serial link to connect',
      5000,
    ).catch((error: unknown) => {
      throw new Error(
        `${String(error)}; links ${JSON.stringify(test.daemon.devices.states())}; log ${test.log.join(' | ')}`,
      );
    });
    // Once connected and in sync, its frames go out, and in time: a clock sync gone wrong would make nearly
    // all of them late. The bound is loose on purpose — a machine loaded by the other tests can stall the
    // host for a few frames (device-latch measures the timing).
    const counters = () => test.daemon.devices.states().find((state) => state.kind === 'serial');
    await sleep(500);
    const settled = counters();
    await sleep(1000);
    const later = counters();
    const sent = (later?.framesSent ?? 0) - (settled?.framesSent ?? 0);
    const late = (later?.framesLate ?? 0) - (settled?.framesLate ?? 0);
    expect(sent).toBeGreaterThan(50);
    expect(late).toBeLessThan(sent / 2);
    const colourLatched = () =>
      readPinBursts(prop.edgesPath).some((burst) =>
        // The prop's colour order is rgb: the bytes go out as given.
        COLOUR.every((value, index) => burst.bytes[index] === value),
      );
    await until(colourLatched, 'the new prop’s colour on the emulated pin', 5000).catch((error: unknown) => {
      const bursts = readPinBursts(prop.edgesPath).slice(-3);
      throw new Error(
        `${String(error)}: last bursts ${bursts.map((burst) => burst.bytes.slice(0, 12).join(',')).join(' ')}; ${JSON.stringify(test.daemon.devices.states())}`,
      );
    });

    // The virtual props were never interrupted: frames kept coming, one every frame period.
    const firstShown = shown.length;
    await sleep(300);
    expect(shown.length).toBeGreaterThan(firstShown);
    const times = shown.map((frame) => frame.showAt);
    const gaps = times.slice(1).map((time, index) => time - (times[index] as number));
    expect(Math.max(...gaps.filter((gap) => gap > 0))).toBeLessThan(0.25);

    const removed = await request(client.socket, 'show:command', {
      command: { type: 'removeProp', propId: 'club-1' },
    });
    expect(removed.ok).toBe(true);
    await until(() => serialLink() === undefined, 'the serial link to be let go', 5000);
    // Dark before the port closed: the last thing on the pin is all zeros.
    await sleep(200);
    const last = readPinBursts(prop.edgesPath).at(-1);
    expect(last?.bytes.every((value) => value === 0)).toBe(true);
    expect(test.log.join('\n')).toMatch(/stopped serial:/);
  });

  it('a prop whose serial address cannot be used is named in the log and the others play on', async () => {
    const answer = await request(client.socket, 'show:command', {
      command: {
        type: 'addProp',
        prop: { id: 'club-2', name: 'Club 2', pixelCount: 4, link: { kind: 'serial', address: 'COM3' } },
      },
    });
    expect(answer.ok).toBe(true);
    await until(
      () => test.log.some((line) => /prop club-2: "COM3" is not an absolute device path/.test(line)),
      'the problem in the log',
    );
    expect(test.daemon.links.some((link) => link.props.some((linked) => linked.propId === 'club-2'))).toBe(
      false,
    );
    expect(
      test.daemon.links.some((link) => link instanceof VirtualLink && link.status() === 'connected'),
    ).toBe(true);
  });
});
