// Debian's chromium driven by playwright-core (no browser download here). launch() gives every run a
// fresh temporary profile (user-data dir) that playwright deletes on close.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', '.artifacts', 'e2e');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** `extraArgs`: more chromium switches, e.g. a fake microphone playing a file. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: apt-get install chromium (npm test's pretest does this as root)`,
    );
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
  });
}

export const TABLET = { width: 1024, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** A touch device of the given size: taps are real touch events, as on a tablet. */
export function touchContext(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return browser.newContext({ viewport, hasTouch: true, isMobile: false, deviceScaleFactor: 1 });
}

export function screenshotPath(name: string): string {
  return join(ARTIFACTS_DIR, `${name}.png`);
}
