// What a person does on the controller, in the test's words: pair, tap, hold, read the previews.
import type { Locator, Page } from 'playwright-core';

export type Rgb = readonly [number, number, number];

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

  /** A real touch tap at the centre of an element (or at a point). */
  async tap(target: Locator | { x: number; y: number }): Promise<void> {
    const point = 'x' in target ? target : await centre(target);
    await this.page.touchscreen.tap(point.x, point.y);
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

  segments(propId: string): Locator {
    return this.page.locator(`[data-testid="lane-${propId}"] [data-segment-id]`);
  }

  async segmentSpans(propId: string): Promise<{ id: string; start: number; end: number }[]> {
    return this.segments(propId).evaluateAll((nodes) =>
      nodes.map((node) => ({
        id: (node as HTMLElement).dataset['segmentId'] ?? '',
        start: Number((node as HTMLElement).dataset['start']),
        end: Number((node as HTMLElement).dataset['end']),
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
