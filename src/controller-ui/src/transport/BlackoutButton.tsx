import { act } from '../session/controller-link.js';
import { isOperator, output } from '../state/live-state.js';

/** Always on screen: one tap darkens every prop within a frame and holds until tapped again. */
export function BlackoutButton() {
  const on = output.value.blackout;
  return (
    <button
      class={`blackout ${on ? 'is-on' : ''}`}
      data-testid="blackout"
      data-region="blackout"
      aria-pressed={on}
      disabled={!isOperator.value}
      onClick={() => void act('output:blackout', { on: !on })}
    >
      {on ? 'Release' : 'Blackout'}
    </button>
  );
}
