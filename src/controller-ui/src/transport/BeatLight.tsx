import { useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { lastBeat } from '../state/live-state.js';

/** Flashes on every beat the daemon reports (brighter on the bar's downbeat): the show is in time. */
export function BeatLight() {
  const light = useRef<HTMLSpanElement>(null);
  useSignalEffect(() => {
    const beat = lastBeat.value;
    const element = light.current;
    if (!beat || !element) return;
    element.classList.remove('flash', 'flash-bar');
    // Reading layout restarts the CSS animation on the same element.
    void element.offsetWidth;
    element.classList.add(beat.downbeat ? 'flash-bar' : 'flash');
  });
  return <span ref={light} class="beat-light" aria-hidden="true" data-testid="beat-light" />;
}
