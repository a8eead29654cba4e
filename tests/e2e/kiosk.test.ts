// The Raspberry Pi kiosk: the daemon runs with a fixed --token and the Pi's own screen opens
// http://localhost:PORT/#token=T (deploy/raspberry-pi/smlive-kiosk). The controller must be live without
// a pairing code, take the token out of the address bar, never send it in a URL, and fit the Pi's
// 800×480 touch screen; a wrong token must end on the pairing screen saying why.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath, touchContext } from './support/chromium.js';
import { ControllerPage } from './support/controller-page.js';
import { ensureControllerBuilt } from './support/controller-build.js';
import { regionProblems } from './support/layout-check.js';
import { startSmliveDaemon, type RunningDaemon } from './support/smlive-daemon.js';

const KIOSK_TOKEN = 'kiosk-e2e-3f9c1a7d52b04e68';
/** The official Raspberry Pi 7" touch display, and a common HDMI touch screen. */
const PI_TOUCH_DISPLAY = { width: 800, height: 480 } as const;
const HDMI_720P = { width: 1280, height: 720 } as const;

let daemon: RunningDaemon;
let browser: Browser;

beforeAll(async () => {
  ensureControllerBuilt();
  daemon = await startSmliveDaemon(['--token', KIOSK_TOKEN]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
});

/** Every URL the page asked for, to prove the token never left the browser in one. */
function requestedUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('websocket', (socket) => urls.push(socket.url()));
  return urls;
}

describe('kiosk pairing with #token= in the address', () => {
  for (const [label, screen] of [
    ['the Pi touch display', PI_TOUCH_DISPLAY],
    ['a 720p screen', HDMI_720P],
  ] as const) {
    it(`on ${label} (${screen.width}×${screen.height}) the controller is live without pairing and plays`, async () => {
      const context = await touchContext(browser, screen);
      const kiosk = new ControllerPage(await context.newPage(), `${daemon.url}#token=${KIOSK_TOKEN}`);
      const urls = requestedUrls(kiosk.page);
      await kiosk.open();
      await kiosk.page.waitForSelector('[data-testid=controller]', { timeout: 15_000 });
      await expect.poll(() => kiosk.byTestId('link-status').textContent(), { timeout: 8000 }).toBe('Live');
      expect(await kiosk.page.locator('.pairing').count(), 'no pairing screen').toBe(0);

      const address = kiosk.page.url();
      expect(address, 'the token is gone from the address bar').not.toContain(KIOSK_TOKEN);
      expect(address).not.toContain('#');
      expect(urls.length, 'the page loaded something').toBeGreaterThan(0);
      expect(
        urls.filter((url) => url.includes(KIOSK_TOKEN)),
        'no request carried the token in its URL',
      ).toEqual([]);

      if (screen === PI_TOUCH_DISPLAY) {
        expect(await regionProblems(kiosk.page, screen), '800×480 layout').toEqual([]);
        // A short landscape screen keeps the panel beside the timeline, so the lanes stay in view.
        const lanesInView = await kiosk.page.evaluate((height) => {
          // Inside the timeline's own box (it clips its lanes) and on the screen.
          const timeline = document.querySelector('.timeline')?.getBoundingClientRect();
          if (!timeline) return 0;
          const bottom = Math.min(height, timeline.bottom);
          const lanes = [...document.querySelectorAll('[data-testid^="lane-"]')];
          return lanes.filter((lane) => {
            const box = lane.getBoundingClientRect();
            return box.height > 0 && box.top >= timeline.top && box.bottom <= bottom;
          }).length;
        }, screen.height);
        expect(lanesInView, 'whole lanes on the 800×480 screen').toBeGreaterThanOrEqual(3);
      }
      await kiosk.screenshot(screenshotPath(`kiosk-${screen.width}x${screen.height}`));

      // Operator rights: play moves the playhead, pause stops it.
      const before = await kiosk.playheadSeconds();
      await kiosk.tap(kiosk.byTestId('play'));
      await expect
        .poll(() => kiosk.playheadSeconds(), { timeout: 8000, message: 'the playhead moves' })
        .toBeGreaterThan(before + 0.5);
      await kiosk.tap(kiosk.byTestId('play'));
      await expect
        .poll(() => kiosk.byTestId('play').getAttribute('aria-pressed'), { timeout: 8000 })
        .toBe('false');

      // Kept like a paired token: a reload of the bare address stays connected.
      await kiosk.page.reload();
      await expect.poll(() => kiosk.byTestId('link-status').textContent(), { timeout: 8000 }).toBe('Live');
      await context.close();
    });
  }

  it('a wrong token ends on the pairing screen with a message saying the token was refused', async () => {
    const context = await touchContext(browser, PI_TOUCH_DISPLAY);
    const kiosk = new ControllerPage(await context.newPage(), `${daemon.url}#token=not-the-kiosk-token`);
    await kiosk.open();
    const message = kiosk.byTestId('pair-error');
    await message.waitFor({ timeout: 15_000 });
    await expect(message.textContent()).resolves.toMatch(/refused the token in this page’s address/);
    expect(await kiosk.byTestId('pair-code').isVisible(), 'the code field is there to pair instead').toBe(
      true,
    );
    expect(kiosk.page.url()).not.toContain('not-the-kiosk-token');
    expect(
      await kiosk.page.evaluate(() => localStorage.getItem('smlive.sessionToken')),
      'the refused token is not kept',
    ).toBeNull();
    await kiosk.screenshot(screenshotPath('kiosk-wrong-token'));

    // The code the daemon printed still pairs this screen.
    await kiosk.pair(daemon.pairingCode, 'kiosk');
    await context.close();
  });
});
