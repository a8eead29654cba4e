// The display loop: once per animation frame, advance the playhead, keep it in view and repaint previews.
import { paint } from '../preview/preview-painter.js';
import { keepInView } from '../timeline/timeline-view.js';
import { output, show, transport } from './live-state.js';
import { playheadAt, playheadSeconds } from './playhead.js';

export function startFrameLoop(): void {
  const tick = () => {
    const time = playheadAt(transport.value, performance.now());
    if (time !== playheadSeconds.value) playheadSeconds.value = time;
    if (transport.value?.state.status === 'playing') keepInView(time);
    const current = show.value;
    if (current) paint(current, time, output.value);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
