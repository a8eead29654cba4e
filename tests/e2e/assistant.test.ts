// The Assistant tab end to end: the real daemon (smlive serve --demo), Debian chromium with touch input,
// and a real OpenAI-protocol server on loopback (@copilotkit/aimock) that answers with tool calls. The
// operator points the assistant at it in the settings form, checks the connection, types prompts, and sees
// them applied (a new checkpoint in History, the show as a second controller receives it); in confirm mode
// Apply applies and Reject changes nothing. The API key is write-only. Screenshots: tests/.artifacts/e2e/.
import type { LLMock } from '@copilotkit/aimock';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../src/show/index.js';
import { controller, pair, type ControllerMirror } from '../support/controller-client.js';
import { startAimock } from '../support/llm-servers.js';
import { PHONE, TABLET, launchChromium, screenshotPath, touchContext } from './support/chromium.js';
import { ensureControllerBuilt } from './support/controller-build.js';
import { ControllerPage } from './support/controller-page.js';
import { startSmliveDaemon, type RunningDaemon } from './support/smlive-daemon.js';

const API_KEY = 'sk-e2e-write-only-7731';
/** Smallest touch target in the panel, CSS px (the rest of the controller holds 44; chips-small are 40). */
const MIN_TARGET_PX = 40;

let mock: LLMock;
let daemon: RunningDaemon;
let browser: Browser;
let context: BrowserContext;
let tablet: ControllerPage;
let mirror: ControllerMirror;
let propId: string;

beforeAll(async () => {
  ensureControllerBuilt();
  [mock, daemon, browser] = await Promise.all([startAimock(), startSmliveDaemon(), launchChromium()]);
  const { token } = await pair(daemon.url, daemon.pairingCode, 'e2e-mirror');
  mirror = await controller(daemon.url, token);
  propId = mirror.show.props[0]?.id ?? '';
  if (!propId) throw new Error('the demo show has no props');
  context = await touchContext(browser, TABLET);
  tablet = new ControllerPage(await context.newPage(), daemon.url);
  // A missing element fails in seconds, not after playwright's 30 s default.
  tablet.page.setDefaultTimeout(8000);
}, 90_000);

afterAll(async () => {
  mirror?.socket.close();
  await browser?.close();
  await daemon?.stop();
  await mock?.stop();
});

/** The model's answer to a prompt matching `pattern`: one solid segment on the first prop. */
function answerWithSegment(pattern: RegExp, start: number, end: number, color: [number, number, number]) {
  mock.onMessage(pattern, {
    toolCalls: [
      {
        name: 'addSegment',
        arguments: JSON.stringify({ propId, start, end, look: { kind: 'solid', color } }),
      },
    ],
  });
}

function segmentAt(start: number, end: number): Segment | undefined {
  const prop = mirror.show.props.find((candidate) => candidate.id === propId);
  return prop?.segments.find((segment) => segment.start === start && segment.end === end);
}

async function statusState(): Promise<string | null> {
  return tablet.byTestId('assistant-status').getAttribute('data-state');
}

/** A tap on a control of the panel, scrolled into view first as a finger would (the panel scrolls). */
async function tapControl(page: ControllerPage, testId: string): Promise<void> {
  const control = page.byTestId(testId);
  await control.scrollIntoViewIfNeeded();
  await page.tap(control);
}

/** Types and sends a prompt, and returns once the panel shows this new request (not the last one's end). */
async function prompt(text: string): Promise<void> {
  const status = tablet.byTestId('assistant-status');
  const before = (await status.count()) === 0 ? null : await status.getAttribute('data-request-id');
  await tablet.page.fill('[data-testid=assistant-input]', text);
  await tapControl(tablet, 'assistant-send');
  await expect
    .poll(async () => ((await status.count()) === 0 ? null : status.getAttribute('data-request-id')))
    .not.toBe(before);
}

async function waitForState(state: string, what: string): Promise<void> {
  await expect
    .poll(statusState, { timeout: 10_000, interval: 50, message: `the request to be ${what}` })
    .toBe(state);
}

describe('the assistant tab against a real model-protocol server', () => {
  it('points the assistant at the server through the settings form and checks the connection', async () => {
    await tablet.open();
    await tablet.pair(daemon.pairingCode, 'tablet');
    await tablet.tap(tablet.byTestId('tab-assistant'));
    await tapControl(tablet, 'assistant-view-settings');
    await tablet.byTestId('assistant-settings').waitFor();
    await tapControl(tablet, 'assistant-provider-openai');
    await tablet.page.fill('[data-testid=assistant-baseUrl]', `${mock.url}/v1`);
    await tablet.page.fill('[data-testid=assistant-model]', 'show-model');
    // A thumb's typo is caught in words before anything travels.
    await tablet.page.fill('[data-testid=assistant-temperature]', '5');
    await tapControl(tablet, 'assistant-settings-save');
    await expect(tablet.byTestId('assistant-settings-error').textContent()).resolves.toMatch(/0 to 2/);
    await tablet.page.fill('[data-testid=assistant-temperature]', '0.1');
    await tapControl(tablet, 'assistant-settings-save');
    await tablet.byTestId('assistant-settings-save').waitFor({ state: 'detached' });
    // The fields now show what the daemon holds.
    await expect(tablet.byTestId('assistant-baseUrl').inputValue()).resolves.toBe(`${mock.url}/v1`);
    await expect(tablet.byTestId('assistant-temperature').inputValue()).resolves.toBe('0.1');

    await tablet.page.fill('[data-testid=assistant-key]', API_KEY);
    await tapControl(tablet, 'assistant-key-save');
    await expect.poll(() => tablet.byTestId('assistant-key-state').textContent()).toMatch(/^Key set/);
    await expect(tablet.byTestId('assistant-key').inputValue()).resolves.toBe('');

    // The server answers but lists no "show-model": said as not ready, with the reason.
    await tapControl(tablet, 'assistant-check');
    await expect.poll(() => tablet.byTestId('assistant-health').getAttribute('data-ok')).toBe('false');
    await expect(tablet.byTestId('assistant-health').textContent()).resolves.toContain(
      'no model "show-model"',
    );
    await tablet.page.fill('[data-testid=assistant-model]', 'gpt-4o');
    await tapControl(tablet, 'assistant-settings-save');
    await tablet.byTestId('assistant-settings-save').waitFor({ state: 'detached' });
    await tapControl(tablet, 'assistant-check');
    await expect.poll(() => tablet.byTestId('assistant-health').getAttribute('data-ok')).toBe('true');
    await expect(tablet.byTestId('assistant-health').textContent()).resolves.toContain(mock.url);
    await tablet.screenshot(screenshotPath('assistant-01-settings'));
  });

  it('a typed prompt is applied: a new assistant checkpoint, and the show has the segment', async () => {
    answerWithSegment(/turn the first prop green/, 20, 24, [0, 255, 0]);
    const checkpointsBefore = await tablet.checkpointCount();
    await tapControl(tablet, 'assistant-view-ask');
    await prompt('turn the first prop green from twenty to twenty-four seconds');
    await waitForState('applied', 'applied');
    await expect(tablet.byTestId('assistant-message').textContent()).resolves.toMatch(/applied as revision/);
    await expect(tablet.byTestId('assistant-input').inputValue()).resolves.toBe('');
    await mirror.until(() => segmentAt(20, 24) !== undefined, 'the applied segment');
    expect(segmentAt(20, 24)?.look).toEqual({ kind: 'solid', color: [0, 255, 0] });
    await expect.poll(() => tablet.checkpointCount()).toBe(checkpointsBefore + 1);
    await tablet.screenshot(screenshotPath('assistant-02-applied'));
    await tablet.tap(tablet.byTestId('tab-history'));
    const newest = tablet.page.locator('[data-testid=checkpoints] li').first();
    await expect(newest.textContent()).resolves.toMatch(/Assistant/);
    await expect(newest.textContent()).resolves.toMatch(/turn the first prop green/);
    await tablet.tap(tablet.byTestId('tab-assistant'));
  });

  it('in confirm mode a proposal waits: Apply applies it, Reject leaves the show as it was', async () => {
    await tapControl(tablet, 'assistant-view-settings');
    await tapControl(tablet, 'assistant-mode-confirm');
    await tapControl(tablet, 'assistant-settings-save');
    await tablet.byTestId('assistant-settings-save').waitFor({ state: 'detached' });
    await tapControl(tablet, 'assistant-view-ask');

    answerWithSegment(/make it blue/, 30, 32, [0, 0, 255]);
    const revisionBefore = mirror.revision;
    await prompt('make it blue at thirty seconds');
    await waitForState('proposed', 'waiting for the operator');
    // The proposal is described in the show's words, and nothing has changed yet.
    await expect(tablet.byTestId('assistant-edits').textContent()).resolves.toContain(propId);
    await expect(tablet.byTestId('tab-assistant').textContent()).resolves.toContain('!');
    expect(mirror.revision).toBe(revisionBefore);
    await tablet.screenshot(screenshotPath('assistant-03-proposed'));
    await tapControl(tablet, 'assistant-apply');
    await waitForState('applied', 'applied after Apply');
    await mirror.until(() => segmentAt(30, 32) !== undefined, 'the confirmed segment');
    expect(mirror.revision).toBe(revisionBefore + 1);

    answerWithSegment(/paint it red/, 36, 38, [255, 0, 0]);
    await prompt('paint it red at thirty-six seconds');
    await waitForState('proposed', 'waiting for the operator');
    await tapControl(tablet, 'assistant-reject');
    await waitForState('rejected', 'rejected');
    await expect(tablet.byTestId('assistant-message').textContent()).resolves.toMatch(/nothing changed/);
    expect(mirror.revision).toBe(revisionBefore + 1);
    expect(segmentAt(36, 38)).toBeUndefined();
    // The earlier prompts and their outcomes are listed under the current one.
    const history = await tablet.byTestId('assistant-history').textContent();
    expect(history).toContain('make it blue');
    expect(history).toContain('turn the first prop green');
    await tablet.screenshot(screenshotPath('assistant-04-rejected'));
  });

  it('a failing model server is said in plain words and the show is untouched', async () => {
    const revisionBefore = mirror.revision;
    mock.onMessage(/dance wildly/, {
      error: { message: 'model overloaded', type: 'server_error' },
      status: 503,
    });
    // Typed on a keyboard this time and sent with Enter: its spaces must not reach the play shortcut.
    const input = tablet.byTestId('assistant-input');
    await input.focus();
    await tablet.page.keyboard.type('dance wildly please');
    await tablet.page.keyboard.press('Enter');
    await waitForState('failed', 'failed');
    const message = await tablet.byTestId('assistant-message').textContent();
    console.log(`e2e: the operator read "${message}"`);
    expect(message).toMatch(/nothing changed/);
    await expect(input.inputValue()).resolves.toBe('');
    await expect(tablet.byTestId('play').getAttribute('aria-pressed')).resolves.toBe('false');
    expect(mirror.revision).toBe(revisionBefore);
  });

  it('Stop while the model is still answering ends the request and changes nothing', async () => {
    const revisionBefore = mirror.revision;
    mock.onMessage(
      /slowly sparkle/,
      {
        toolCalls: [
          {
            name: 'addSegment',
            arguments: JSON.stringify({
              propId,
              start: 10,
              end: 12,
              look: { kind: 'solid', color: [9, 9, 9] },
            }),
          },
        ],
      },
      { latency: 2000 },
    );
    await prompt('slowly sparkle everything');
    await waitForState('thinking', 'thinking');
    await expect(tablet.byTestId('tab-assistant').textContent()).resolves.toContain('…');
    await tapControl(tablet, 'assistant-stop');
    await waitForState('stopped', 'stopped');
    await expect(tablet.byTestId('assistant-message').textContent()).resolves.toMatch(/nothing changed/);
    await tablet.byTestId('assistant-send').waitFor();
    expect(mirror.revision).toBe(revisionBefore);
    expect(segmentAt(10, 12)).toBeUndefined();
  });

  it('in preview mode the prop previews show the proposal and ending it leaves the show as it was', async () => {
    await tapControl(tablet, 'assistant-view-settings');
    await tapControl(tablet, 'assistant-mode-preview');
    await tapControl(tablet, 'assistant-settings-save');
    await tablet.byTestId('assistant-settings-save').waitFor({ state: 'detached' });
    await tapControl(tablet, 'assistant-view-ask');
    const revisionBefore = mirror.revision;
    const pixels = async () => (await tablet.previewPixels())[propId] ?? '';
    expect(await pixels()).not.toContain('ff00ff');
    // Over the playhead (0 s, paused), so the preview strip shows it at once.
    answerWithSegment(/try magenta/, 0, 4, [255, 0, 255]);
    await prompt('try magenta at the start');
    await waitForState('proposed', 'previewed');
    await expect.poll(pixels).toContain('ff00ff');
    expect(mirror.revision).toBe(revisionBefore);
    await tablet.screenshot(screenshotPath('assistant-05-preview'));
    await tapControl(tablet, 'assistant-reject');
    await waitForState('rejected', 'ended');
    await expect.poll(pixels).not.toContain('ff00ff');
    expect(mirror.revision).toBe(revisionBefore);
  });

  it('on a phone the tab fits, its targets are thumb-sized, and the key is never on the page', async () => {
    const phoneContext = await touchContext(browser, PHONE);
    const phone = new ControllerPage(await phoneContext.newPage(), daemon.url);
    await phone.open();
    await phone.pair(daemon.pairingCode, 'phone');
    await phone.tap(phone.byTestId('tab-assistant'));
    await tapControl(phone, 'assistant-view-settings');
    await expect.poll(() => phone.byTestId('assistant-key-state').textContent()).toMatch(/^Key set/);
    expect(await phone.page.content()).not.toContain(API_KEY);
    const small = await phone.byTestId('assistant-panel').evaluate((panel, min) => {
      return [...panel.querySelectorAll('button, input, textarea')]
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.height < min || box.width < min))
        .map(
          ({ element, box }) =>
            `${element.textContent || element.getAttribute('data-testid')} ${box.width}×${box.height}`,
        );
    }, MIN_TARGET_PX);
    expect(small).toEqual([]);
    const panelBox = await phone.byTestId('assistant-panel').boundingBox();
    expect(panelBox?.width ?? 0).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot(screenshotPath('assistant-06-phone-settings'));
    await tapControl(phone, 'assistant-view-ask');
    await phone.screenshot(screenshotPath('assistant-07-phone-ask'));
    await phoneContext.close();
  });
});
