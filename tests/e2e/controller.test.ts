// The touch controller end to end: the real daemon (smlive serve --demo), Debian chromium with touch
// input, and only what a person does: pair, play, hold to delete, tap to add, undo, revert, blackout, a
// second controller, and phone and tablet layouts. Screenshots go to tests/.artifacts/e2e/.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, TABLET, launchChromium, screenshotPath, touchContext } from './support/chromium.js';
import { ControllerPage, centre, rgbClose, type Rgb } from './support/controller-page.js';
import { startSmliveDaemon, type RunningDaemon } from './support/smlive-daemon.js';
import { ensureControllerBuilt } from './support/controller-build.js';
import { regionProblems } from './support/layout-check.js';

const GREEN: Rgb = [0, 255, 40];
const BLACK: Rgb = [0, 0, 0];

let daemon: RunningDaemon;
let browser: Browser;
let tabletContext: BrowserContext;
let tablet: ControllerPage;
let phoneContext: BrowserContext | undefined;
let phone: ControllerPage | undefined;

/** The lane and segment the editing tests work on: set by the hold-to-delete test. */
/** Every URL the tablet's page fetched: all must be the daemon's own (no CDN at a venue). */
const requested: string[] = [];

let edited: { propId: string; removedId: string; point: { x: number; y: number } } | undefined;

beforeAll(async () => {
  ensureControllerBuilt();
  daemon = await startSmliveDaemon();
  console.log(`e2e: daemon at ${daemon.url}, pairing code ${daemon.pairingCode} (read from its stdout)`);
  browser = await launchChromium();
  tabletContext = await touchContext(browser, TABLET);
  tablet = new ControllerPage(await tabletContext.newPage(), daemon.url);
  tablet.page.on('request', (request) => requested.push(request.url()));
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
});

async function waitFor<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  return last;
}

describe('touch controller against the real daemon', () => {
  it('refuses a wrong code, then pairs with the code the daemon printed', async () => {
    await tablet.open();
    await tablet.screenshot(screenshotPath('01-pairing'));
    await tablet.page.fill('[data-testid=pair-code]', 'WRONG0');
    await tablet.tap(tablet.byTestId('pair-submit'));
    await expect(tablet.byTestId('pair-error').textContent()).resolves.toMatch(/code/i);
    await tablet.pair(daemon.pairingCode, 'tablet');
    await waitFor(
      () => tablet.byTestId('link-status').textContent(),
      (text) => text === 'Live',
      'the link to go live',
    );
    await tablet.screenshot(screenshotPath('02-paired-tablet'));
  });

  it('plays, and the playhead follows the music; pause holds it', async () => {
    const before = await tablet.playheadSeconds();
    const clockBefore = await tablet.byTestId('clock').textContent();
    await tablet.tap(tablet.byTestId('play'));
    await waitFor(
      () => tablet.playheadSeconds(),
      (seconds) => seconds > before + 0.8,
      'the playhead to move',
    );
    const clockWhilePlaying = await tablet.byTestId('clock').textContent();
    await tablet.screenshot(screenshotPath('03-playing'));
    await tablet.tap(tablet.byTestId('play'));
    await waitFor(
      () => tablet.byTestId('play').getAttribute('aria-pressed'),
      (pressed) => pressed === 'false',
      'pause',
    );
    await tablet.page.waitForTimeout(150);
    const paused = await tablet.playheadSeconds();
    await tablet.page.waitForTimeout(400);
    expect(await tablet.playheadSeconds()).toBeCloseTo(paused, 2);
    expect(clockWhilePlaying).not.toBe(clockBefore);
  });

  it('pinch zooms the timeline around the fingers', async () => {
    await tablet.tap(tablet.page.getByLabel('Show the whole song'));
    const propId = (await firstLanePropId()) as string;
    // The widest segment of the first lane, zoomed around its middle.
    const widest = await tablet.segments(propId).evaluateAll((nodes) => {
      const boxes = nodes.map((node) => ({
        id: (node as HTMLElement).dataset['segmentId'] ?? '',
        box: node.getBoundingClientRect(),
      }));
      boxes.sort((a, b) => b.box.width - a.box.width);
      const first = boxes[0];
      return first
        ? {
            id: first.id,
            x: first.box.left + first.box.width / 2,
            y: first.box.top + first.box.height / 2,
            width: first.box.width,
          }
        : null;
    });
    if (!widest) throw new Error(`${propId} has no segments on screen`);
    const lanes = await tablet.byTestId('lanes').boundingBox();
    if (!lanes) throw new Error('no lane area on screen');
    // Both fingers on the lane area, as near the segment as that allows.
    const x = Math.min(Math.max(widest.x, lanes.x + 50), lanes.x + lanes.width - 50);
    await tablet.pinch({ x, y: widest.y }, 60, 2.5);
    const after = (await tablet.page.locator(`[data-segment-id="${widest.id}"]`).boundingBox())?.width ?? 0;
    expect(after / widest.width).toBeGreaterThan(1.8);
    expect(after / widest.width).toBeLessThan(3.2);
  });

  it('holding a segment deletes it', async () => {
    const propId = (await firstLanePropId()) as string;
    const removed = await holdToDelete(tablet, propId);
    edited = { propId, ...removed };
  });

  it('a tap on the empty lane adds the chosen colour there, and the prop preview shows it at that time', async () => {
    if (!edited) throw new Error('needs the segment removed by the previous test');
    const { propId, point } = edited;
    // Seek to the tapped time first (tap the ruler above it): the prop shows its default colour there.
    const ruler = await tablet.byTestId('ruler').boundingBox();
    if (!ruler) throw new Error('no ruler on screen');
    await tablet.tap({ x: point.x, y: ruler.y + 10 });
    await waitFor(
      () => tablet.swatchColor(propId),
      (rgb) => rgbClose(rgb, BLACK),
      'the emptied stretch to show black',
    );
    const before = new Set((await tablet.segmentSpans(propId)).map((span) => span.id));

    await tablet.tap(tablet.byTestId('color-green'));
    await tablet.tap(tablet.byTestId('look-solid'));
    await tablet.tap(tablet.byTestId('place-playhead'));
    await tablet.tap(point);
    const spans = await waitFor(
      () => tablet.segmentSpans(propId),
      (list) => list.some((span) => !before.has(span.id)),
      'the new segment',
    );
    const added = spans.find((span) => !before.has(span.id));
    const playhead = await tablet.playheadSeconds();
    expect(added?.start).toBeCloseTo(playhead, 1);
    await waitFor(
      () => tablet.swatchColor(propId),
      (rgb) => rgbClose(rgb, GREEN),
      'the prop to show green',
    );
    await tablet.screenshot(screenshotPath('04-segment-added'));
  });

  it('undo takes the new segment away and the prop goes back to black; redo brings it back', async () => {
    if (!edited) throw new Error('needs the previous edits');
    await tablet.tap(tablet.byTestId('undo'));
    await waitFor(
      () => tablet.swatchColor(edited!.propId),
      (rgb) => rgbClose(rgb, BLACK),
      'undo to darken the prop',
    );
    await tablet.screenshot(screenshotPath('05-undone'));
    const color = () => tablet.swatchColor(edited!.propId);
    await tablet.tap(tablet.byTestId('redo'));
    await waitFor(color, (rgb) => rgbClose(rgb, GREEN), 'redo to bring the green back');
    await tablet.tap(tablet.byTestId('undo'));
    await waitFor(color, (rgb) => rgbClose(rgb, BLACK), 'undo again');
  });

  it('one tap in the history list goes back to the show as loaded', async () => {
    if (!edited) throw new Error('needs the previous edits');
    await tablet.tap(tablet.byTestId('tab-history'));
    const items = tablet.byTestId('checkpoints').locator('li');
    await waitFor(
      () => items.count(),
      (count) => count >= 3,
      'the checkpoints (delete, add, undo)',
    );
    await tablet.screenshot(screenshotPath('06-history'));
    await tablet.tap(tablet.byTestId('revert-0'));
    await waitFor(
      () => tablet.segmentSpans(edited!.propId),
      (spans) => spans.some((span) => span.id === edited!.removedId),
      'the deleted segment to come back',
    );
    const labels = await tablet.byTestId('checkpoints').locator('.checkpoint-label').allTextContents();
    expect(labels[0]).toMatch(/revert/i);
    await tablet.screenshot(screenshotPath('07-reverted'));
    await tablet.tap(tablet.byTestId('tab-edit'));
  });

  it('a tapped segment can be stretched by its edge and turned into a fade with the picker', async () => {
    if (!edited) throw new Error('needs the previous edits');
    const { propId, removedId } = edited;
    const segment = tablet.page.locator(`[data-segment-id="${removedId}"]`);
    await tablet.tap(segment);
    await tablet.byTestId('selection').waitFor();
    const before = (await tablet.segmentSpans(propId)).find((span) => span.id === removedId);
    if (!before) throw new Error(`${removedId} is not on ${propId}`);
    const handle = await centre(segment.locator('[data-testid=edge-end]'));
    const changes = await tablet.checkpointCount();
    await tablet.drag(handle, { x: handle.x + 50, y: handle.y });
    // The block follows the finger at once; wait for the daemon's checkpoint, not the local preview.
    await waitFor(
      () => tablet.checkpointCount(),
      (count) => count > changes,
      'the resize checkpoint',
    );
    const stretched = await waitFor(
      async () => (await tablet.segmentSpans(propId)).find((span) => span.id === removedId),
      (span) => span !== undefined && span.end > before.end + 0.2,
      'the end edge to move later',
    );
    expect(stretched?.start).toBe(before.start);

    const lookBefore = before.look === 'fade' ? 'solid' : 'fade';

    await tablet.tap(tablet.byTestId(`look-${lookBefore}`));
    await waitFor(
      async () => (await tablet.segmentSpans(propId)).find((span) => span.id === removedId)?.look,
      (look) => look === lookBefore,
      `the segment to become ${lookBefore}`,
    );
    await tablet.screenshot(screenshotPath('08-stretched-and-picked'));
    await tablet.tap(segment);
  });

  it('blackout darkens every prop until it is released', async () => {
    const lit = await tablet.previewPixels();
    expect(Object.values(lit).some((pixels) => /[1-9a-f]/.test(pixels))).toBe(true);
    await tablet.tap(tablet.byTestId('blackout'));
    const dark = await waitFor(
      () => tablet.previewPixels(),
      (all) => Object.values(all).every((pixels) => /^(000000 ?)+$/.test(pixels)),
      'every preview to go dark',
    );
    expect(Object.keys(dark).length).toBeGreaterThanOrEqual(4);
    for (const propId of Object.keys(dark))
      expect(rgbClose(await tablet.swatchColor(propId), BLACK)).toBe(true);
    await tablet.screenshot(screenshotPath('09-blackout'));
    await tablet.tap(tablet.byTestId('blackout'));
    await waitFor(
      () => tablet.previewPixels(),
      (all) => JSON.stringify(all) === JSON.stringify(lit),
      'the props to light again',
    );
  });

  it('a second controller (a phone) shows the same show and follows edits and blackout both ways', async () => {
    phoneContext = await touchContext(browser, PHONE);
    phone = new ControllerPage(await phoneContext.newPage(), daemon.url);
    await phone.open();
    await phone.pair(daemon.pairingCode, 'phone');
    const propId = (await firstLanePropId()) as string;
    const same = async () =>
      JSON.stringify(await tablet.segmentSpans(propId)) === JSON.stringify(await phone!.segmentSpans(propId));
    // Both show the whole song, so both render every segment.
    await tablet.tap(tablet.page.getByLabel('Show the whole song'));
    await phone.tap(phone.page.getByLabel('Show the whole song'));
    await waitFor(same, Boolean, 'both controllers to show the same segments');

    // An edit on the tablet reaches the phone.
    const phoneBefore = JSON.stringify(await phone.segmentSpans(propId));
    await tablet.tap(tablet.byTestId('undo'));
    await waitFor(
      async () => JSON.stringify(await phone!.segmentSpans(propId)),
      (spans) => spans !== phoneBefore,
      'the phone to see the undo',
    );
    await waitFor(same, Boolean, 'the same segments after the undo');

    // Blackout from the phone reaches the tablet.
    await phone.tap(phone.byTestId('blackout'));
    await waitFor(
      () => tablet.byTestId('blackout').getAttribute('aria-pressed'),
      (pressed) => pressed === 'true',
      'the tablet to see blackout',
    );
    await phone.screenshot(screenshotPath('10-phone-blackout'));
    await tablet.screenshot(screenshotPath('10-tablet-blackout'));
    await phone.tap(phone.byTestId('blackout'));
    await waitFor(
      () => tablet.byTestId('blackout').getAttribute('aria-pressed'),
      (pressed) => pressed === 'false',
      'the tablet to see the release',
    );
  });

  it('fetches nothing from outside the daemon and is installable (manifest, icons, service worker)', async () => {
    const origin = new URL(daemon.url).origin;
    const foreign = requested.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url));
    expect(foreign).toEqual([]);
    const worker = await tablet.page.evaluate(
      async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? null,
    );
    expect(worker).toBe(`${origin}/sw.js`);
    const manifest = (await (await tablet.page.request.get(`${origin}/manifest.webmanifest`)).json()) as {
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest.display).toBe('standalone');
    for (const icon of manifest.icons) {
      expect((await tablet.page.request.get(new URL(icon.src, `${origin}/`).href)).ok(), icon.src).toBe(true);
    }
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    // The service worker cached the built app, so it opens even while the daemon restarts.
    const cached = await tablet.page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys())
          urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toEqual(
      expect.arrayContaining(['/index.html', expect.stringMatching(/^\/assets\/.+\.js$/)]),
    );
  });

  it('the devices panel lists each link with its state and timing figures', async () => {
    await tablet.tap(tablet.byTestId('tab-devices'));
    const devices = tablet.byTestId('devices').locator('[data-device-id]');
    await waitFor(
      () => devices.count(),
      (count) => count >= 1,
      'at least one device link',
    );
    const first = await devices.first().textContent();
    expect(first).toMatch(/connected|connecting|disconnected|idle|closed/);
    expect(first).toMatch(/Clock offset.*RTT.*Late frames/s);
    await tablet.screenshot(screenshotPath('11-devices'));
    await tablet.tap(tablet.byTestId('tab-edit'));
  });

  it('phone (390×844) and tablet (1024×768) layouts fit the screen without overlap', async () => {
    if (!phone) throw new Error('needs the phone from the previous test');
    for (const [name, controller, viewport] of [
      ['phone', phone, PHONE],
      ['tablet', tablet, TABLET],
    ] as const) {
      const problems = await regionProblems(controller.page, viewport);
      expect(problems, `${name} layout`).toEqual([]);
      await controller.screenshot(screenshotPath(`12-layout-${name}`));
    }
    // On the phone, tapping the open tab folds the panel away and the timeline takes the room.
    const phonePage = phone.page;
    const timelineHeight = async () =>
      (await phonePage.locator('[data-region=timeline]').boundingBox())?.height ?? 0;
    const unfolded = await timelineHeight();
    await phone.tap(phone.byTestId('tab-edit'));
    await waitFor(timelineHeight, (height) => height > unfolded + 100, 'the timeline to grow');
    expect(await regionProblems(phone.page, PHONE), 'folded phone layout').toEqual([]);
    await phone.screenshot(screenshotPath('12-layout-phone-folded'));
    await phone.tap(phone.byTestId('tab-edit'));
    await waitFor(timelineHeight, (height) => Math.abs(height - unfolded) < 2, 'the panel to unfold');
  });

  it('rehearsal edits are discarded, or kept as one checkpoint', async () => {
    const propId = (await firstLanePropId()) as string;
    const rehearsing = () => tablet.page.locator('.pill-rehearsal').count();
    const ids = async () => (await tablet.segmentSpans(propId)).map((span) => span.id);

    await tablet.tap(tablet.byTestId('tab-show'));
    await tablet.tap(tablet.byTestId('rehearsal-start'));
    await waitFor(rehearsing, (count) => count === 1, 'rehearsal to start');
    const { removedId: discarded } = await holdToDelete(tablet, propId);
    await tablet.screenshot(screenshotPath('13-rehearsal-edit'));
    await tablet.tap(tablet.byTestId('rehearsal-discard'));
    await waitFor(rehearsing, (count) => count === 0, 'rehearsal to end');
    await waitFor(ids, (list) => list.includes(discarded), 'the discarded deletion to be undone');

    const changes = await tablet.checkpointCount();
    await tablet.tap(tablet.byTestId('rehearsal-start'));
    await waitFor(rehearsing, (count) => count === 1, 'rehearsal to start again');
    const { removedId: kept } = await holdToDelete(tablet, propId);
    await tablet.tap(tablet.byTestId('rehearsal-keep'));
    await waitFor(rehearsing, (count) => count === 0, 'rehearsal to end with keep');
    expect(await ids()).not.toContain(kept);
    await waitFor(
      () => tablet.checkpointCount(),
      (count) => count === changes + 1,
      'one checkpoint for the kept rehearsal',
    );
    await tablet.tap(tablet.byTestId('tab-edit'));
  });

  it('the audio delay for this rig is set with a tap and shows on every controller', async () => {
    await tablet.tap(tablet.byTestId('tab-show'));
    const field = tablet.byTestId('calibration-ms');
    await field.scrollIntoViewIfNeeded();
    const value = () => field.inputValue();
    const start = Number(await value());
    await tablet.tap(tablet.page.getByRole('button', { name: '5 ms more' }));
    await waitFor(value, (text) => Number(text) === start + 5, 'the delay to go up by 5 ms');
    await field.fill(String(start + 40));
    await field.press('Enter');
    await field.blur();
    await waitFor(value, (text) => Number(text) === start + 40, 'the typed delay to stick');
    await tablet.screenshot(screenshotPath('14-audio-delay'));
    // Back to where it was, so the other tests hear the show as before.
    await field.fill(String(start));
    await field.press('Enter');
    await field.blur();
    await waitFor(value, (text) => Number(text) === start, 'the delay back');
    await tablet.tap(tablet.byTestId('tab-edit'));
  });

  it('a viewer sees the show but every control that changes it is disabled', async () => {
    if (!daemon.viewerCode) throw new Error(`the daemon printed no viewer code:\n${daemon.output()}`);
    const context = await touchContext(browser, PHONE);
    const viewer = new ControllerPage(await context.newPage(), daemon.url);
    // As from the daemon's QR code: the code rides in the URL and the controller pairs by itself.
    await viewer.page.goto(`${daemon.url}?pair=${encodeURIComponent(daemon.viewerCode)}`);
    await viewer
      .byTestId('controller')
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        await viewer.screenshot(screenshotPath('14-viewer-failed'));
        throw new Error(
          `the viewer did not pair from the URL: ${String(error)}\n${await viewer.page.locator('body').innerText()}`,
        );
      });
    expect(new URL(viewer.page.url()).searchParams.has('pair')).toBe(false);
    await expect(viewer.page.locator('.pill', { hasText: 'Viewer' }).count()).resolves.toBe(1);
    for (const control of ['play', 'stop', 'blackout', 'undo']) {
      expect(await viewer.byTestId(control).isDisabled(), control).toBe(true);
    }
    expect(Object.keys(await viewer.previewPixels()).length).toBeGreaterThanOrEqual(4);
    await viewer.screenshot(screenshotPath('14-viewer-phone'));
    await context.close();
  });

  // Last: it stops the daemon.
  it('when the daemon goes away the controller says so, and still opens from its cache', async () => {
    await daemon.stop();
    await tablet.byTestId('link-banner').waitFor({ timeout: 15_000 });
    await tablet.screenshot(screenshotPath('15-daemon-gone'));
    await tablet.page.reload();
    await tablet.page.getByText('Connecting to the daemon').waitFor({ timeout: 15_000 });
  });
});

/** Holds a finger on a segment of `propId` wholly on screen until it is deleted; its id and where it was. */
async function holdToDelete(
  controller: ControllerPage,
  propId: string,
): Promise<{ removedId: string; point: { x: number; y: number } }> {
  const lanes = await controller.byTestId('lanes').boundingBox();
  if (!lanes) throw new Error('no lane area on screen');
  // A segment wholly on screen and wide enough for a thumb.
  const boxes = await controller.segments(propId).evaluateAll((nodes) =>
    nodes.map((node) => ({
      id: (node as HTMLElement).dataset['segmentId'] ?? '',
      box: node.getBoundingClientRect().toJSON() as DOMRect,
    })),
  );
  const target = boxes.find(
    ({ box }) => box.width >= 60 && box.left >= lanes.x + 4 && box.right <= lanes.x + lanes.width - 4,
  );
  if (!target) throw new Error(`no segment of ${propId} is wholly on screen: ${JSON.stringify(boxes)}`);
  const point = { x: target.box.left + target.box.width / 2, y: target.box.top + target.box.height / 2 };
  await controller.longPress(point);
  await waitFor(
    () => controller.segmentSpans(propId),
    (spans) => !spans.some((span) => span.id === target.id),
    'the segment to go',
  );
  return { removedId: target.id, point };
}

async function firstLanePropId(): Promise<string | undefined> {
  const lane = tablet.page.locator('[data-lane]').first();
  return (await lane.getAttribute('data-lane')) ?? undefined;
}
