// What a person does on the controller, in the test's words: pair, tap, hold, read the previews.
import type { Locator, Page } from 'playwright-core';

export type Rgb = readonly [number, number, number];

const TAP_HOLD_MS = 60;
const AFTER_DRAG_MS = 400;

export class ControllerPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.url);
  }

  async pair(code: string, name = 'e2e'): Promise<void> {
    await this.page.fill('[data-testid=pair-code]', code);
    await this.page.fill('[data-testid=pair-name]', name);
    await this.tap(this.page.locator('[data-testid=pair-submit]'));
    await this.page.waitForSelector('[data-testid=controller]', { timeout: 15_000 });
  }

  byTestId(id: string): Locator {
    return this.page.locator(`[data-testid="${id}"]`);
  }

  /**
   * A touch tap at the centre of an element (or at a point), held as long as a finger is (~60 ms):
   * chromium drops the click of a zero-length synthetic tap that follows a drag.
   */
  async tap(target: Locator | { x: number; y: number }): Promise<void> {
    const point = 'x' in target ? target : await centre(target);
    await this.longPress(point, TAP_HOLD_MS);
  }

  /** Holds a finger still at a point for `ms` (touch events through the DevTools protocol). */
  async longPress(point: { x: number; y: number }, ms = 800): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    const touchPoints = [{ x: point.x, y: point.y, id: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints });
    await this.page.waitForTimeout(ms);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }

  /** One finger pressing at `from`, sliding to `to`, and lifting. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }, steps = 10): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...from, id: 1 }] });
    for (let step = 1; step <= steps; step++) {
      const point = {
        x: from.x + ((to.x - from.x) * step) / steps,
        y: from.y + ((to.y - from.y) * step) / steps,
      };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...point, id: 1 }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    // Chromium's gesture detector sometimes swallows the click of a tap that comes right after a drag
    // (its fling/double-tap window); a person's next tap never comes that soon.
    await this.page.waitForTimeout(AFTER_DRAG_MS);
  }

  /** Two fingers moving apart (factor > 1) or together around a point. */
  async pinch(
    centrePoint: { x: number; y: number },
    startGap: number,
    factor: number,
    steps = 8,
  ): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    const at = (gap: number) => [
      { x: centrePoint.x - gap / 2, y: centrePoint.y, id: 1 },
      { x: centrePoint.x + gap / 2, y: centrePoint.y, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(startGap) });
    for (let step = 1; step <= steps; step++) {
      const gap = startGap * (1 + ((factor - 1) * step) / steps);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(gap) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await this.page.waitForTimeout(AFTER_DRAG_MS);
  }

  async playheadSeconds(): Promise<number> {
    return Number(await this.byTestId('playhead').getAttribute('data-seconds'));
  }

  /** The colour drawn at the centre of a prop's lane swatch (its first pixel), read off the canvas. */
  async swatchColor(propId: string): Promise<Rgb> {
    return this.page.evaluate((id) => {
      const canvas = document.querySelector<HTMLCanvasElement>(
        `canvas[data-preview=swatch][data-preview-prop="${id}"]`,
      );
      if (!canvas) throw new Error(`no swatch for ${id}`);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      const data = context.getImageData(
        Math.floor(canvas.width / 2),
        Math.floor(canvas.height / 2),
        1,
        1,
      ).data;
      return [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0] as const;
    }, propId);
  }

  /** Every prop preview's pixels as painted (after blackout and brightness): propId → "rrggbb …". */
  async previewPixels(): Promise<Record<string, string>> {
    return this.page.evaluate(() => {
      const out: Record<string, string> = {};
      document.querySelectorAll<HTMLCanvasElement>('canvas[data-preview=card]').forEach((canvas) => {
        out[canvas.dataset['previewProp'] ?? '?'] = canvas.dataset['pixels'] ?? '';
      });
      return out;
    });
  }

  /** Checkpoints the controller lists (the History tab's badge). */
  async checkpointCount(): Promise<number> {
    const badge = this.page.locator('[data-testid=tab-history] .badge');
    return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
  }

  segments(propId: string): Locator {
    return this.page.locator(`[data-testid="lane-${propId}"] [data-segment-id]`);
  }

  async segmentSpans(propId: string): Promise<{ id: string; start: number; end: number; look: string }[]> {
    return this.segments(propId).evaluateAll((nodes) =>
      nodes.map((node) => ({
        id: (node as HTMLElement).dataset['segmentId'] ?? '',
        start: Number((node as HTMLElement).dataset['start']),
        end: Number((node as HTMLElement).dataset['end']),
        look: (node as HTMLElement).dataset['look'] ?? '',
      })),
    );
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}

export async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export function rgbClose(actual: Rgb, expected: Rgb, tolerance = 3): boolean {
  return actual.every((value, index) => Math.abs(value - (expected[index] as number)) <= tolerance);
}
