// Paints every prop's pixels from the same renderer the devices get their frames from (src/show's
// renderFrame), so what the operator sees is what the props show. Canvases register here; the frame
// loop calls paint() once per display frame and only repaints when the show frame changes.
import type { OutputState } from '../../../contracts/index.js';
import { frameIndexAt, renderFrame, type Show } from '../../../show/index.js';
import { prepareCanvas } from '../ui/canvas-size.js';

export type PreviewStyle = 'card' | 'swatch';

interface Registered {
  readonly canvas: HTMLCanvasElement;
  readonly style: PreviewStyle;
}

const canvases = new Map<string, Set<Registered>>();
let painted: { show: Show; frame: number; output: OutputState; generation: number } | null = null;
let generation = 0;

export function registerPreview(propId: string, canvas: HTMLCanvasElement, style: PreviewStyle): () => void {
  const entry = { canvas, style };
  const set = canvases.get(propId) ?? new Set();
  set.add(entry);
  canvases.set(propId, set);
  generation++;
  return () => {
    set.delete(entry);
    if (set.size === 0) canvases.delete(propId);
  };
}

/** Scale for what reaches the props: 0 in blackout, else the master brightness. */
export function outputGain(output: OutputState): number {
  return output.blackout ? 0 : output.masterBrightness;
}

export function paint(show: Show, time: number, output: OutputState): void {
  const frame = frameIndexAt(time, show.frameRate);
  if (
    painted &&
    painted.show === show &&
    painted.frame === frame &&
    painted.output === output &&
    painted.generation === generation
  )
    return;
  painted = { show, frame, output, generation };
  const rendered = renderFrame(show, frame);
  const gain = outputGain(output);
  rendered.props.forEach((prop) => {
    const shown = shownColors(prop.pixels, gain);
    for (const target of canvases.get(prop.propId) ?? []) {
      // What is painted, as text: screen readers and tests read it; the canvas shows it.
      if (target.canvas.dataset['pixels'] !== shown) target.canvas.dataset['pixels'] = shown;
      if (target.style === 'card') paintCard(target.canvas, prop.pixels, gain);
      else paintSwatch(target.canvas, prop.pixels, gain);
    }
  });
}

/** Pixel colours after the output gain, as "rrggbb rrggbb …". */
function shownColors(pixels: Uint8Array, gain: number): string {
  const parts: string[] = [];
  for (let offset = 0; offset < pixels.length; offset += 3) {
    let hex = '';
    for (let index = 0; index < 3; index++)
      hex += channel(pixels, offset + index, gain)
        .toString(16)
        .padStart(2, '0');
    parts.push(hex);
  }
  return parts.join(' ');
}

function channel(pixels: Uint8Array, index: number, gain: number): number {
  return Math.round((pixels[index] ?? 0) * gain);
}

function pixelColor(pixels: Uint8Array, pixel: number, gain: number): string {
  const offset = pixel * 3;
  return `rgb(${channel(pixels, offset, gain)}, ${channel(pixels, offset + 1, gain)}, ${channel(pixels, offset + 2, gain)})`;
}

/** Balls and short strips as glowing dots; long strips as a bar of LEDs wrapped over rows. */
function paintCard(canvas: HTMLCanvasElement, pixels: Uint8Array, gain: number): void {
  const sized = prepareCanvas(canvas);
  if (!sized) return;
  const { context, width, height } = sized;
  const count = pixels.length / 3;
  if (count <= 8) {
    const radius = Math.min(height / 2 - 3, width / (count * 2) - 3);
    const gap = width / count;
    for (let pixel = 0; pixel < count; pixel++) {
      const x = gap * (pixel + 0.5);
      const y = height / 2;
      const color = pixelColor(pixels, pixel, gain);
      context.fillStyle = color;
      context.beginPath();
      context.arc(x, y, radius, 0, Math.PI * 2);
      context.fill();
      context.strokeStyle = 'rgba(255,255,255,0.16)';
      context.lineWidth = 1;
      context.stroke();
    }
    return;
  }
  const columns = Math.min(count, Math.max(8, Math.floor(width / 6)));
  const rows = Math.ceil(count / columns);
  const cell = Math.min(width / columns, height / rows);
  for (let pixel = 0; pixel < count; pixel++) {
    const column = pixel % columns;
    const row = Math.floor(pixel / columns);
    context.fillStyle = pixelColor(pixels, pixel, gain);
    context.fillRect(column * cell + 0.5, row * cell + (height - rows * cell) / 2 + 0.5, cell - 1, cell - 1);
  }
}

/** A lane header's dot: the prop's first pixel (its whole colour for a ball). */
function paintSwatch(canvas: HTMLCanvasElement, pixels: Uint8Array, gain: number): void {
  const sized = prepareCanvas(canvas);
  if (!sized) return;
  const { context, width, height } = sized;
  context.fillStyle = pixelColor(pixels, 0, gain);
  context.beginPath();
  context.arc(width / 2, height / 2, Math.min(width, height) / 2 - 1, 0, Math.PI * 2);
  context.fill();
}
