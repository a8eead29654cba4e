// Finding props and adding them from a controller: the real daemon hears a simulated LTX ball broadcasting
// its status on loopback, every controller is told, and an operator's ordinary addProp gives the ball a
// link at once, whose live colour reaches the simulator. A viewer cannot add; a bad add changes nothing.
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoundDevicesSchema, type FoundDevices } from '../../../src/contracts/index.js';
import { liveColourPacket } from '../../../src/devices/index.js';
import { connectSocket, pair, request, type ControllerSocket } from '../../support/controller-client.js';
import { LtxBallSimulator } from '../../support/ltx-ball-simulator.js';
import { PtyPair } from '../../support/pty-pair.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';
import { sleep, until } from '../../support/wait.js';

// Loopback addresses of this file's own, so it runs beside other tests that use the LTX ports.
const HOST = '127.0.0.50';
const BALL = '127.0.0.51';
const BALL_ID = 'ltx:127.0.0.51';
// Another controller on the network, sending live colour: not a ball.
const OTHER_CONTROLLER = '127.0.0.52';
// The name udev gives a USB serial adapter under /dev/serial/by-id.
const DONGLE_NAME = 'usb-SMLive_Dongle_T123-if00-port0';

/** A controller that keeps the latest `devices:found` it was sent, checked against the contract. */
async function watcher(test: TestDaemon, token: string) {
  const seen: { latest: FoundDevices | null } = { latest: null };
  const socket = await connectSocket(
    test.baseUrl,
    { token },
    {
      listen: (link) =>
        link.on('devices:found', (found) => {
          seen.latest = FoundDevicesSchema.parse(found);
        }),
    },
  );
  const ball = () => seen.latest?.devices.find((device) => device.id === BALL_ID);
  return { socket, seen, ball };
}

describe('devices found by the daemon, added from a controller', () => {
  let test: TestDaemon;
  const ball = new LtxBallSimulator({ address: BALL });
  const sockets: ControllerSocket[] = [];
  // A dongle plugged in: a real pty, and a by-id folder naming it as udev would.
  const dongle = new PtyPair('found-dongle');
  const byIdDir = mkdtempSync(join(tmpdir(), 'smlive-by-id-'));

  beforeAll(async () => {
    await ball.start();
    await dongle.start();
    symlinkSync(dongle.hostPath, join(byIdDir, DONGLE_NAME));
    test = await startTestDaemon({
      discovery: { ltxAddress: HOST, rescanMs: 200, serialByIdDir: byIdDir },
    });
    ball.broadcastStatus({ address: HOST, port: 41412 }, Uint8Array.of(0x42, 1, 2, 3), 50);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await test?.stop();
    await ball.stop();
    await dongle.stop();
    rmSync(byIdDir, { recursive: true, force: true });
  });

  it('tells a viewer about the ball, but only an operator may add it; a bad add changes nothing', async () => {
    const other = createSocket('udp4');
    await new Promise<void>((resolve) => other.bind({ address: OTHER_CONTROLLER, port: 0 }, resolve));
    const colour = liveColourPacket(1, 2, 3);
    const sending = setInterval(() => other.send(colour, 41412, HOST), 20);
    const viewerSession = await pair(test.baseUrl, test.daemon.pairing.viewerCode);
    const viewer = await watcher(test, viewerSession.token);
    sockets.push(viewer.socket);
    await until(() => viewer.ball() !== undefined, 'the viewer to hear of the ball');
    await sleep(300);
    clearInterval(sending);
    other.close();
    expect(viewer.seen.latest?.devices.map((device) => device.address)).not.toContain(OTHER_CONTROLLER);
    expect(viewer.ball()).toMatchObject({ kind: 'ltx', address: BALL, label: 'Ball .51', usedBy: [] });

    const revision = test.daemon.session.revision;
    const addBall = {
      type: 'addProp',
      prop: { id: 'ball-127-0-0-51', name: 'Ball .51', pixelCount: 1, link: { kind: 'ltx', address: BALL } },
    };
    const refused = await request(viewer.socket, 'show:command', { command: addBall });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const operator = await watcher(test, TEST_TOKEN);
    sockets.push(operator.socket);
    const malformed = await request(operator.socket, 'show:command', {
      command: { ...addBall, prop: { ...addBall.prop, link: { kind: 'ltx', address: BALL, port: 41412 } } },
    });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'refused' } });
    if (!malformed.ok) expect(malformed.error.path).toMatch(/link/);
    const noPixels = await request(operator.socket, 'show:command', {
      command: { ...addBall, prop: { ...addBall.prop, pixelCount: 0 } },
    });
    expect(noPixels).toMatchObject({ ok: false, error: { code: 'refused' } });

    expect(test.daemon.session.revision).toBe(revision);
    expect(test.daemon.session.show.props.some((prop) => prop.link.address === BALL)).toBe(false);
    expect(test.daemon.links.some((link) => link.kind === 'ltx-wifi')).toBe(false);
    expect(operator.ball()?.usedBy).toEqual([]);
  });

  it('adds the found ball as a prop in one checkpoint: it gets a link, its live colour reaches the ball, and it shows as in the show', async () => {
    const operator = await watcher(test, TEST_TOKEN);
    sockets.push(operator.socket);
    await until(() => operator.ball() !== undefined, 'the operator to hear of the ball');
    const found = operator.ball();
    if (found === undefined) throw new Error('no ball');

    const revision = test.daemon.session.revision;
    const added = await request(operator.socket, 'show:command', {
      command: {
        type: 'addProp',
        prop: {
          id: 'ball-127-0-0-51',
          name: found.label,
          pixelCount: found.pixelCount ?? 1,
          link: { kind: found.kind, address: found.address },
          // A colour to show where the timeline is empty, so the ball gets live colour at once.
          defaultColor: [0, 0, 255],
        },
      },
    });
    expect(added).toMatchObject({ ok: true, revision: revision + 1 });

    await until(
      () =>
        test.daemon.links.some(
          (link) => link.kind === 'ltx-wifi' && link.props.some((p) => p.propId === 'ball-127-0-0-51'),
        ),
      'an LTX link for the new prop',
    );
    await until(
      () => operator.ball()?.usedBy.includes('ball-127-0-0-51') === true,
      'the ball to show as in the show',
    );

    ball.datagrams.length = 0;
    expect(await request(operator.socket, 'transport:play', {})).toMatchObject({ ok: true });
    await until(
      () => ball.datagrams.some((datagram) => datagram.bytes.length === 12 && datagram.bytes[8] === 0x0a),
      'live colour packets at the ball',
    );
    const colour = ball.datagrams.find((datagram) => datagram.bytes[8] === 0x0a)?.bytes;
    expect([...(colour ?? []).slice(9)]).toEqual([0, 0, 255]);
    await request(operator.socket, 'transport:pause', {});

    // One tap undoes it: the prop goes, and with it the ball's link.
    const undone = await request(operator.socket, 'history:undo', {});
    expect(undone).toMatchObject({ ok: true });
    await until(() => operator.ball()?.usedBy.length === 0, 'the ball to be free again');
    await until(() => !test.daemon.links.some((link) => link.kind === 'ltx-wifi'), 'the LTX link to close');
  });

  it('lists a plugged-in serial dongle by its stable name, and adding it starts a serial link on that name', async () => {
    const operator = await watcher(test, TEST_TOKEN);
    sockets.push(operator.socket);
    const byId = join(byIdDir, DONGLE_NAME);
    const port = () => operator.seen.latest?.devices.find((device) => device.address === byId);
    await until(() => port() !== undefined, 'the dongle in the found list');
    expect(port()).toMatchObject({ kind: 'serial', label: DONGLE_NAME, usedBy: [] });

    const added = await request(operator.socket, 'show:command', {
      command: {
        type: 'addProp',
        prop: {
          id: 'dongle-t123',
          name: 'Dongle T123',
          pixelCount: 4,
          link: { kind: 'serial', address: byId },
        },
      },
    });
    expect(added).toMatchObject({ ok: true });
    await until(
      () => test.daemon.links.some((link) => link.id === `serial:${byId}`),
      'a serial link on the dongle',
    );
    await until(() => port()?.usedBy.includes('dongle-t123') === true, 'the dongle to show as in the show');
  });
});
