// Checks that the main regions of the controller are on screen, do not overlap, and that the always-on
// controls (play, blackout) are visible and big enough for a thumb.
import type { Page } from 'playwright-core';

const REGIONS = ['transport', 'preview', 'timeline', 'panel'] as const;
/** Smallest touch target we accept, CSS px (Apple and Google both say about 44–48). */
const MIN_TARGET_PX = 44;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export async function regionProblems(
  page: Page,
  viewport: { width: number; height: number },
): Promise<string[]> {
  const problems: string[] = [];
  const boxes = new Map<string, Box>();
  for (const region of REGIONS) {
    const box = await page.locator(`[data-region=${region}]`).boundingBox();
    if (!box || box.width < 1 || box.height < 1) problems.push(`${region} is not on screen`);
    else boxes.set(region, box);
  }
  for (const [name, box] of boxes) {
    if (
      box.x < -0.5 ||
      box.y < -0.5 ||
      box.x + box.width > viewport.width + 0.5 ||
      box.y + box.height > viewport.height + 0.5
    ) {
      problems.push(
        `${name} overflows the ${viewport.width}×${viewport.height} screen: ${JSON.stringify(box)}`,
      );
    }
  }
  const entries = [...boxes];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [nameA, a] = entries[i] as [string, Box];
      const [nameB, b] = entries[j] as [string, Box];
      const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (overlapX > 1 && overlapY > 1)
        problems.push(`${nameA} and ${nameB} overlap by ${overlapX.toFixed(0)}×${overlapY.toFixed(0)} px`);
    }
  }
  const transport = boxes.get('transport');
  for (const control of ['blackout', 'play', 'stop', 'undo', 'redo']) {
    const box = await page.locator(`[data-testid=${control}]`).boundingBox();
    if (!box) {
      problems.push(`${control} is not on screen`);
      continue;
    }
    if (box.height < MIN_TARGET_PX - 4 || box.width < MIN_TARGET_PX - 4)
      problems.push(`${control} is only ${box.width}×${box.height} px`);
    if (
      transport &&
      (box.x < transport.x - 0.5 ||
        box.x + box.width > transport.x + transport.width + 0.5 ||
        box.y + box.height > transport.y + transport.height + 0.5)
    ) {
      problems.push(`${control} sticks out of the transport bar`);
    }
  }
  // Controls inside the transport bar must not sit on top of each other.
  const controls = await page
    .locator('[data-region=transport] button, [data-region=transport] .clock')
    .evaluateAll((nodes) =>
      nodes.map((node) => ({
        name: node.getAttribute('data-testid') ?? node.className,
        box: node.getBoundingClientRect().toJSON() as DOMRect,
      })),
    );
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i]!.box;
      const b = controls[j]!.box;
      const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (overlapX > 1 && overlapY > 1)
        problems.push(`${controls[i]!.name} and ${controls[j]!.name} overlap in the transport bar`);
    }
  }
  // A floating control (the voice button) must not sit on a tab or a transport control.
  const floating = await page
    .locator('[data-testid=voice] button')
    .first()
    .boundingBox()
    .catch(() => null);
  if (floating) {
    const targets = await page.locator('[role=tab], [data-region=transport] button').evaluateAll((nodes) =>
      nodes.map((node) => ({
        name: node.getAttribute('data-testid') ?? node.textContent ?? '?',
        box: node.getBoundingClientRect().toJSON() as DOMRect,
      })),
    );
    for (const { name, box } of targets) {
      const overlapX = Math.min(box.right, floating.x + floating.width) - Math.max(box.left, floating.x);
      const overlapY = Math.min(box.bottom, floating.y + floating.height) - Math.max(box.top, floating.y);
      if (overlapX > 1 && overlapY > 1) problems.push(`the voice button covers ${name}`);
    }
  }
  return problems;
}
