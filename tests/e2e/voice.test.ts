// Hold-to-talk end to end: Debian chromium with a fake microphone that plays an espeak-ng recording, the
// real daemon (smlive serve --demo), a finger on the voice button. The words appear on the controller and
// the show changes (read from the daemon by a second controller); sliding off the button changes nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controller, pair, type ControllerMirror } from '../support/controller-client.js';
import { speak } from '../support/voice/speak.js';
import { launchChromium, PHONE, screenshotPath } from './support/chromium.js';
import { ensureControllerBuilt } from './support/controller-build.js';
import { centre, ControllerPage } from './support/controller-page.js';
import { startSmliveDaemon, type RunningDaemon } from './support/smlive-daemon.js';

const COMMAND = 'ball two red for eight beats';

let daemon: RunningDaemon;
let browser: Browser;
let context: BrowserContext;
let phone: ControllerPage;
let mirror: ControllerMirror;
let speechSeconds = 0;

beforeAll(async () => {
  ensureControllerBuilt();
  // The fake microphone plays this file from its start each time it opens, then loops: the words, then
  // long enough a silence that a hold ends before they come round again.
  const spoken = await speak(COMMAND, { voice: 'en-us' });
  const dir = mkdtempSync(join(tmpdir(), 'smlive-e2e-voice-'));
  const microphone = join(dir, 'microphone.wav');
  execFileSync('sox', [spoken, '-r', '48000', '-c', '1', '-b', '16', microphone, 'pad', '0', '8']);
  speechSeconds = Number(execFileSync('soxi', ['-D', spoken]).toString());
  daemon = await startSmliveDaemon();
  browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${microphone}`,
    '--autoplay-policy=no-user-gesture-required',
  ]);
  context = await browser.newContext({ viewport: PHONE, hasTouch: true, permissions: ['microphone'] });
  phone = new ControllerPage(await context.newPage(), daemon.url);
  const { token } = await pair(daemon.url, daemon.pairingCode, 'e2e-mirror');
  mirror = await controller(daemon.url, token);
}, 120_000);

afterAll(async () => {
  mirror?.socket.close();
  await browser?.close();
  await daemon?.stop();
});

function ballTwoAt(time: number) {
  const prop = mirror.show.props.find((candidate) => candidate.id === 'ball-2');
  return prop?.segments.find((segment) => segment.start <= time && time < segment.end);
}

describe('voice on the phone controller', () => {
  it('hold to talk: the words show at once and the show changes', async () => {
    await phone.open();
    await phone.pair(daemon.pairingCode, 'e2e-phone');
    const button = phone.byTestId('voice-button');
    await button.waitFor();
    const revision = mirror.snapshot?.revision ?? 0;
    const point = await centre(button);
    const cdp = await context.newCDPSession(phone.page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...point, id: 1 }] });
    // The level meter moves while the words play.
    await phone.page.waitForFunction(
      () => {
        const meter = document.querySelector('[data-testid="voice-level"]') as HTMLElement | null;
        return meter !== null && /scaleY\((0\.[1-9]|1)/.test(meter.style.transform);
      },
      undefined,
      { timeout: 10_000 },
    );
    await phone.page.waitForTimeout(speechSeconds * 1000 + 300);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await phone.byTestId('voice-heard').waitFor({ timeout: 20_000 });
    expect(await phone.byTestId('voice-heard').textContent()).toContain(COMMAND);
    await mirror.until(() => (mirror.snapshot?.revision ?? 0) > revision, 'the voice change', 20_000);
    expect(ballTwoAt(ballTwoStart() + 0.01)?.look).toEqual({ kind: 'solid', color: [255, 0, 0] });
    expect(await phone.byTestId('voice-message').textContent()).toMatch(/revision/);
    await phone.page.screenshot({ path: screenshotPath('voice-phone') });
  }, 90_000);

  it('sliding off the button cancels: nothing is sent, nothing changes', async () => {
    const revision = mirror.snapshot?.revision ?? 0;
    const button = phone.byTestId('voice-button');
    const point = await centre(button);
    const cdp = await context.newCDPSession(phone.page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...point, id: 1 }] });
    await phone.page.waitForTimeout(800);
    for (let step = 1; step <= 6; step++) {
      const moved = { x: point.x - step * 40, y: point.y - step * 40, id: 1 };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [moved] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await phone.page.waitForTimeout(1500);
    const card = await phone.byTestId('voice').textContent();
    expect(card).not.toMatch(/recognizing|heard|revision/);
    expect(await phone.byTestId('voice-heard').count(), card ?? '').toBe(0);
    expect(mirror.snapshot?.revision).toBe(revision);
  }, 30_000);
});

/** Where the voice change starts: the segment on ball-2 that the test's command wrote. */
function ballTwoStart(): number {
  const prop = mirror.show.props.find((candidate) => candidate.id === 'ball-2');
  const written = prop?.segments.find(
    (segment) =>
      segment.look.kind === 'solid' && segment.look.color[0] === 255 && segment.look.color[1] === 0,
  );
  return written?.start ?? Number.NaN;
}
