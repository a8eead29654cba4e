import type { Show } from '../model/show.js';
import { frameIndexAt, frameStartTime, type FrameIndex, type FrameRate, type Seconds } from '../time.js';
import { renderPropFrame } from './render-prop.js';

/** One prop's pixels in a frame: pixelCount × 3 bytes, R G B per pixel, in the prop's pixel order. */
export interface PropPixels {
  readonly propId: string;
  readonly pixels: Uint8Array;
}

export interface RenderedFrame {
  readonly frame: FrameIndex;
  /** Show time at which the frame is to be seen. */
  readonly time: Seconds;
  readonly props: readonly PropPixels[];
}

/** Every pixel of every prop for one frame. Pure; the same function feeds devices, previews and exporters. */
export function renderFrame(show: Show, frame: FrameIndex, rate: FrameRate = show.frameRate): RenderedFrame {
  const props = show.props.map((prop) => {
    const pixels = new Uint8Array(prop.pixelCount * 3);
    renderPropFrame(prop, show.beatGrid, frame, rate, pixels);
    return { propId: prop.id, pixels };
  });
  return { frame, time: frameStartTime(frame, rate), props };
}

/** Every pixel of every prop at show time t: the frame (at the show's rate) that is on show at t. */
export function render(show: Show, time: Seconds): RenderedFrame {
  return renderFrame(show, frameIndexAt(time, show.frameRate), show.frameRate);
}
