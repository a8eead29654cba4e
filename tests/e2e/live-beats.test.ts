// Live musicians, seen from a phone: the real daemon (smlive serve --live-input) hears a drum recording
// played in at real-time pace, and the transport bar shows the band's tempo as the beats come.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/server/demo/wav-encoder.js';
import { generateSong } from '../support/test-audio/generate-song.js';
import { songCatalogue } from '../support/test-audio/song-recipe.js';
import { PHONE, launchChromium, screenshotPath, touchContext } from './support/chromium.js';
import { ControllerPage } from './support/controller-page.js';
import { ensureControllerBuilt } from './support/controller-build.js';
import { regionProblems } from './support/layout-check.js';
import { startSmliveDaemon, type RunningDaemon } from './support/smlive-daemon.js';

let folder: string;
let daemon: RunningDaemon;
let browser: Browser;

beforeAll(async () => {
  ensureControllerBuilt();
  const recipe = songCatalogue(16).find((candidate) => candidate.name === 'drums-128');
  const song = await generateSong(recipe as NonNullable<typeof recipe>);
  folder = await mkdtemp(join(tmpdir(), 'smlive-e2e-band-'));
  const recording = join(folder, 'band.wav');
  await writeFile(recording, encodeWav(song.channels, song.sampleRate));
  daemon = await startSmliveDaemon(['--live-input', recording]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('live beats on the phone controller', () => {
  it('shows the tempo the daemon hears from the band, and the transport still fits the phone', async () => {
    const context = await touchContext(browser, PHONE);
    const phone = new ControllerPage(await context.newPage(), daemon.url);
    await phone.open();
    await phone.pair(daemon.pairingCode, 'phone');
    const tempo = phone.byTestId('heard-tempo');
    await tempo.waitFor({ timeout: 15_000 });
    await phone.page.waitForFunction(
      () => document.querySelector('[data-testid=heard-tempo]')?.textContent === '128',
      undefined,
      { timeout: 15_000 },
    );
    expect(await regionProblems(phone.page, PHONE), 'phone layout with the heard tempo').toEqual([]);
    await phone.screenshot(screenshotPath('live-beats-01-phone-heard-tempo'));

    // The Devices tab says what the daemon listens to, and what it hears.
    await phone.tap(phone.byTestId('tab-devices'));
    const card = phone.byTestId('live-input');
    await card.waitFor({ timeout: 10_000 });
    await expect(phone.byTestId('live-input-status').textContent()).resolves.toBe('listening');
    await expect(card.textContent()).resolves.toContain('Live input');
    await expect(card.textContent()).resolves.toContain('band.wav');
    // The name is not squeezed out by the source: it is wider than a few letters on a phone.
    const name = await card.locator('.device-name').boundingBox();
    expect(name?.width ?? 0).toBeGreaterThan(40);
    await phone.page.waitForFunction(
      () => /128 BPM, \d+ % sure/.test(document.querySelector('[data-testid=live-input]')?.textContent ?? ''),
      undefined,
      { timeout: 10_000 },
    );
    expect(await regionProblems(phone.page, PHONE), 'phone layout with the live input card').toEqual([]);
    await phone.screenshot(screenshotPath('live-beats-02-phone-live-input-card'));
    await context.close();
  }, 60_000);
});
