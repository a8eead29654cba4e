// Finding and adding a prop on a phone: the real daemon (smlive serve) hears a simulated LTX ball
// broadcasting on loopback; in chromium at phone size the technician opens Devices, taps "Add as prop" on
// the found ball, and its lane appears in the timeline while the ball gets live colour.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, TABLET, launchChromium, screenshotPath, touchContext } from './support/chromium.js';
import { ControllerPage } from './support/controller-page.js';
import { ensureControllerBuilt } from './support/controller-build.js';
import { regionProblems } from './support/layout-check.js';
import { startSmliveDaemon, type RunningDaemon } from './support/smlive-daemon.js';
import { LtxBallSimulator } from '../support/ltx-ball-simulator.js';
import { until } from '../support/wait.js';

// Loopback addresses of this file's own, so it runs beside other tests that use the LTX ports.
const HOST = '127.0.0.60';
const BALL = '127.0.0.61';
const PROP_ID = 'ball-127-0-0-61';
/** Smallest touch target we accept, CSS px (as the layout check). */
const MIN_TARGET_PX = 44;

let daemon: RunningDaemon;
let browser: Browser;
const ball = new LtxBallSimulator({ address: BALL });

beforeAll(async () => {
  ensureControllerBuilt();
  await ball.start();
  daemon = await startSmliveDaemon(['--ltx-listen', HOST]);
  ball.broadcastStatus({ address: HOST, port: 41412 }, Uint8Array.of(0x42, 1, 2, 3), 100);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await ball.stop();
});

describe('found devices on the phone controller', () => {
  it('taps "Add as prop" on a found ball: its lane appears, it shows as in the show, and it gets live colour', async () => {
    const context = await touchContext(browser, PHONE);
    const phone = new ControllerPage(await context.newPage(), daemon.url);
    await phone.open();
    await phone.pair(daemon.pairingCode, 'phone');
    await phone.tap(phone.byTestId('tab-devices'));

    const row = phone.page.locator(`[data-found-id="ltx:${BALL}"]`);
    await row.waitFor({ timeout: 10_000 });
    await expect(row.textContent()).resolves.toContain('Ball .61');
    const add = row.locator('[data-testid=found-add]');
    await add.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    // Nothing floats over it (the voice button sits at the bottom right of a phone).
    const uncovered = await add.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const top = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
      return top !== null && element.contains(top);
    });
    expect(uncovered, 'the add button is the topmost element at its centre').toBe(true);
    const box = await add.boundingBox();
    expect(box, 'the add button on screen').not.toBeNull();
    if (box !== null) {
      expect(box.height).toBeGreaterThanOrEqual(MIN_TARGET_PX);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await regionProblems(phone.page, PHONE), 'phone layout with the found list').toEqual([]);
    await phone.screenshot(screenshotPath('found-01-phone-found-ball'));

    expect(await phone.byTestId(`lane-${PROP_ID}`).count()).toBe(0);
    await phone.tap(add);
    await phone.byTestId(`lane-${PROP_ID}`).waitFor({ state: 'attached', timeout: 10_000 });
    await row.locator('[data-testid=found-in-show]').waitFor({ timeout: 10_000 });
    await expect(row.locator('[data-testid=found-in-show]').textContent()).resolves.toContain(PROP_ID);
    expect(await row.locator('[data-testid=found-add]').count()).toBe(0);
    await phone.screenshot(screenshotPath('found-02-phone-ball-added'));

    // Its link is up: playing sends the ball live colour.
    ball.datagrams.length = 0;
    await phone.tap(phone.byTestId('play'));
    await until(
      () => ball.datagrams.some((datagram) => datagram.bytes.length === 12 && datagram.bytes[8] === 0x0a),
      'live colour packets at the ball',
      10_000,
    );
    await phone.tap(phone.byTestId('play'));
    await context.close();
  });

  it('a second controller (a tablet) shows the ball as in the show, with no add button', async () => {
    const context = await touchContext(browser, TABLET);
    const tablet = new ControllerPage(await context.newPage(), daemon.url);
    await tablet.open();
    await tablet.pair(daemon.pairingCode, 'tablet');
    await tablet.tap(tablet.byTestId('tab-devices'));
    const inShow = tablet.page.locator(`[data-found-id="ltx:${BALL}"] [data-testid=found-in-show]`);
    await inShow.waitFor({ timeout: 10_000 });
    await expect(inShow.textContent()).resolves.toContain(PROP_ID);
    expect(await tablet.page.locator(`[data-found-id="ltx:${BALL}"] [data-testid=found-add]`).count()).toBe(
      0,
    );
    expect(await regionProblems(tablet.page, TABLET), 'tablet layout with the found list').toEqual([]);
    await tablet.screenshot(screenshotPath('found-03-tablet-ball-in-show'));
    await context.close();
  });
});
