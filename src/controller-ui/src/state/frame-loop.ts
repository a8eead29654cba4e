// The display loop: once per animation frame, advance the playhead, keep it in view and repaint previews.
import { proposalPreview } from '../copilot/proposal-preview.js';
import { paint } from '../preview/preview-painter.js';
import { keepInView } from '../timeline/timeline-view.js';
import { output, show, transport } from './live-state.js';
import { playheadAt, playheadSeconds } from './playhead.js';

export function startFrameLoop(): void {
  let lastReading = transport.value;
  const tick = () => {
    const reading = transport.value;
    const time = playheadAt(reading, performance.now());
    if (time !== playheadSeconds.value) playheadSeconds.value = time;
    // Follow while playing, and after any jump (a snapshot, a seek or cue from any controller, stop).
    const jumped = reading !== lastReading && reading?.state.status !== 'playing';
    lastReading = reading;
    if (reading?.state.status === 'playing' || jumped) keepInView(time);
    // An assistant proposal in preview mode shows on the prop previews until it is decided.
    const current = proposalPreview.value ?? show.value;
    if (current) paint(current, time, output.value);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
