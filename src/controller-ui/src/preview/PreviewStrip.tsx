import { output, show } from '../state/live-state.js';
import { WhereReadout } from '../transport/WhereReadout.js';
import { PropCanvas } from './PropCanvas.js';

/** Every prop's pixels right now, as the props show them (dark during a blackout). */
export function PreviewStrip() {
  const props = show.value?.props ?? [];
  const dark = output.value.blackout;
  return (
    <section
      class={`preview ${dark ? 'is-blackout' : ''}`}
      data-region="preview"
      aria-label="Live preview of the props"
    >
      {props.map((prop) => (
        <figure class="preview-card" key={prop.id} data-testid={`preview-${prop.id}`}>
          <PropCanvas propId={prop.id} style="card" class="preview-pixels" />
          <figcaption>{prop.name}</figcaption>
        </figure>
      ))}
      <WhereReadout />
    </section>
  );
}
