import five from 'johnny-five';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FirmataLink, type FirmataLinkOptions } from '../../../src/devices/firmata/firmata-link.js';
import { fixedPort } from '../../../src/devices/port-locator.js';
import type { LinkStatus } from '../../../src/devices/prop-link.js';
import { monotonicShowClock } from '../../../src/devices/show-clock.js';
import { FirmataResponder } from '../../support/firmata-responder.js';
import { PtyPair } from '../../support/pty-pair.js';
import { until } from '../../support/wait.js';

const CLUB = { propId: 'club', pins: { red: 3, green: 5, blue: 6 } };
const FAST = { reportVersionTimeoutMs: 50, handshakeTimeoutMs: 3000, retryDelayMs: 100 };

describe('Firmata link: johnny-five on a pty to a JS Firmata board', () => {
  let pty: PtyPair;
  let board: FirmataResponder;
  let link: FirmataLink | null = null;

  beforeEach(async () => {
    pty = new PtyPair('firmata');
    await pty.start();
    board = new FirmataResponder(pty.devicePath);
    await board.start();
  });

  function makeLink(options: Partial<FirmataLinkOptions> = {}): FirmataLink {
    return new FirmataLink({
      id: 'arduino',
      port: fixedPort(pty.hostPath),
      clock: monotonicShowClock(0),
      props: [CLUB],
      ...FAST,
      ...options,
    });
  }

  afterEach(async () => {
    await link?.close();
    link = null;
    await board.stop();
    await pty.dispose();
  });

  it('handshakes, sets the pins to PWM and writes each frame as the RGB duty cycles', async () => {
    const clock = monotonicShowClock(0);
    link = makeLink({
      clock,
      props: [CLUB, { propId: 'anode', pins: { red: 9, green: 10, blue: 11 }, commonAnode: true }],
    });
    await link.connect();
    expect(link.status()).toBe('connected');
    const pwmPins = [3, 5, 6, 9, 10, 11];
    await until(() => pwmPins.every((pin) => board.modes.get(pin) === 3), 'the pins in PWM mode');

    const showAt = clock.now() + 0.05;
    link.send({ propId: 'club', showAt, pixels: Uint8Array.of(200, 100, 7) });
    link.send({ propId: 'anode', showAt, pixels: Uint8Array.of(255, 0, 55) });
    await until(() => board.pwm(6) === 7 && board.pwm(11) === 200, 'the frame on the pins');
    expect([board.pwm(3), board.pwm(5), board.pwm(6)]).toEqual([200, 100, 7]);
    expect([board.pwm(9), board.pwm(10), board.pwm(11)]).toEqual([0, 255, 200]);

    await link.blackout();
    await until(() => board.pwm(3) === 0 && board.pwm(5) === 0 && board.pwm(6) === 0, 'blackout');
    await expect(link.uploadProgram('club', Uint8Array.of(1), 'x.prg')).rejects.toThrow(
      /cannot store a program/,
    );
  });

  it('survives an unplug and comes back by itself when the board is plugged in again', async () => {
    const clock = monotonicShowClock(0);
    link = makeLink({ clock });
    const statuses: LinkStatus[] = [];
    link.on('status', (status) => statuses.push(status));
    await link.connect();

    await board.stop();
    await pty.stop();
    await until(() => link?.status() === 'disconnected', 'the link to notice the unplug');
    // Frames sent while unplugged are dropped, not queued up to burst out later.
    link.send({ propId: 'club', showAt: clock.now() + 0.02, pixels: Uint8Array.of(1, 1, 1) });
    await until(() => (link?.state().framesDropped ?? 0) >= 1, 'the frame to be dropped');

    await pty.start();
    board = new FirmataResponder(pty.devicePath);
    await board.start();
    await until(() => link?.status() === 'connected', 'the link to reconnect', 10_000);
    link.send({ propId: 'club', showAt: clock.now() + 0.02, pixels: Uint8Array.of(9, 8, 7) });
    await until(() => board.pwm(6) === 7, 'a frame after the replug');
    expect(board.pwm(3)).toBe(9);
    expect(statuses).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    expect(link.state().reconnects).toBe(1);
    // The board of the first session is forgotten by johnny-five too: replugs do not pile boards up.
    expect(five.Board.cache).toHaveLength(1);
  });

  it('treats a board that stops answering as gone', async () => {
    link = makeLink({ heartbeatMs: 100 });
    await link.connect();
    board.answering = false;
    await until(() => link?.status() !== 'connected', 'the heartbeat to notice');
    expect(link.state().lastError).toMatch(/stopped answering/);
  });
});
