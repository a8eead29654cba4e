import { useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { lastBeat } from '../state/live-state.js';

/**
 * Flashes on every beat the daemon reports (brighter on the bar's downbeat): the show is in time. Beats the
 * live tracker hears also show the band's tempo, dimmed while the tracker is unsure of it.
 */
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
  const heard = lastBeat.value?.heard;
  return (
    <span class="beat-indicator">
      <span ref={light} class="beat-light" aria-hidden="true" data-testid="beat-light" />
      {heard && (
        // Under the light, digits only: a phone's transport bar has no room for more.
        <span
          class={`heard-tempo${heard.confidence < 0.5 ? ' unsure' : ''}`}
          data-testid="heard-tempo"
          title={`${Math.round(heard.bpm)} BPM heard live, ${Math.round(heard.confidence * 100)} % sure`}
        >
          {Math.round(heard.bpm)}
        </span>
      )}
    </span>
  );
}
