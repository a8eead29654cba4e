import { useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { playheadSeconds } from '../state/playhead.js';
import { pixelsPerSecond, viewStart, viewWidth } from './timeline-view.js';

/** The playhead as a line; moved by a transform each frame, without re-rendering anything else. */
export function PlayheadLine({ testId }: { testId?: string }) {
  const line = useRef<HTMLDivElement>(null);
  useSignalEffect(() => {
    const x = (playheadSeconds.value - viewStart.value) * pixelsPerSecond.value;
    const element = line.current;
    if (!element) return;
    element.style.transform = `translateX(${x.toFixed(1)}px)`;
    element.style.visibility = x < -2 || x > viewWidth.value + 2 ? 'hidden' : 'visible';
    element.dataset['seconds'] = playheadSeconds.value.toFixed(3);
  });
  return <div ref={line} class="playhead" data-testid={testId} aria-hidden="true" />;
}
