import { computed } from '@preact/signals';
import { act } from '../session/controller-link.js';
import {
  history,
  isOperator,
  isPlaying,
  linkPhase,
  linkProblem,
  rehearsal,
  show,
} from '../state/live-state.js';
import { playheadSeconds } from '../state/playhead.js';
import { formatShowTime } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { AnalysisPill } from './AnalysisPill.js';
import { BeatLight } from './BeatLight.js';
import { BlackoutButton } from './BlackoutButton.js';

const clock = computed(() => formatShowTime(playheadSeconds.value));
const total = computed(() => formatShowTime(show.value?.duration ?? 0));

function togglePlay(): void {
  void act(isPlaying.value ? 'transport:pause' : 'transport:play', {});
}

export function TransportBar() {
  const operator = isOperator.value;
  const playing = isPlaying.value;
  const live = linkPhase.value === 'live';
  return (
    <header class="transport" data-region="transport">
      <div class="transport-group">
        <button
          class={`control control-primary ${playing ? 'is-active' : ''}`}
          data-testid="play"
          aria-label={playing ? 'Pause' : 'Play'}
          aria-pressed={playing}
          disabled={!operator}
          onClick={togglePlay}
        >
          <Icon name={playing ? 'pause' : 'play'} size={30} />
        </button>
        <button
          class="control"
          data-testid="stop"
          aria-label="Stop"
          disabled={!operator}
          onClick={() => void act('transport:stop', {})}
        >
          <Icon name="stop" />
        </button>
        <BeatLight />
        <div class="clock" data-testid="clock" aria-live="off">
          <span class="clock-now">{clock}</span>
          <span class="clock-total">/ {total}</span>
        </div>
      </div>
      <div class="transport-group transport-edit">
        <button
          class="control"
          data-testid="undo"
          aria-label="Undo"
          disabled={!operator || !history.value.canUndo}
          onClick={() => void act('history:undo', {})}
        >
          <Icon name="undo" />
        </button>
        <button
          class="control"
          data-testid="redo"
          aria-label="Redo"
          disabled={!operator || !history.value.canRedo}
          onClick={() => void act('history:redo', {})}
        >
          <Icon name="redo" />
        </button>
      </div>
      <div class="transport-group transport-status">
        {rehearsal.value.active && <span class="pill pill-rehearsal">Rehearsal</span>}
        <AnalysisPill />
        <span
          class={`pill ${live ? 'pill-live' : 'pill-problem'}`}
          data-testid="link-status"
          title={linkProblem.value ?? 'connected to the daemon'}
        >
          {live ? 'Live' : (linkProblem.value ?? 'Connecting…')}
        </span>
        {!operator && live && <span class="pill">Viewer</span>}
      </div>
      <BlackoutButton />
    </header>
  );
}
