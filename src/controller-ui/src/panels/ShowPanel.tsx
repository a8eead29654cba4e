import { computed } from '@preact/signals';
import { act } from '../session/controller-link.js';
import { branch, history, isOperator, output, rehearsal, show, transport } from '../state/live-state.js';
import { jumpToCue } from '../transport/seek.js';
import { formatShowTime } from '../ui/format.js';
import { playheadSeconds } from '../state/playhead.js';
import { Icon } from '../ui/icons.js';

const RATES = [0.5, 0.75, 1, 1.25] as const;

// Only what this panel shows, so the 20 Hz playhead stream does not re-render it.
const rate = computed(() => transport.value?.state.rate ?? 1);
const loopRange = computed(() => transport.value?.state.loop ?? null);
const duration = computed(() => transport.value?.state.duration ?? 0);
/** Seconds a quick loop spans from the playhead. */
const QUICK_LOOP_SECONDS = 8;
/** One tap of − or + on the audio delay, ms: finer than a frame at 100 fps is not seen. */
const CALIBRATION_STEP_MS = 5;
const MAX_CALIBRATION_MS = 500;

function calibrate(ms: number): void {
  if (!Number.isFinite(ms)) return;
  const clamped = Math.max(-MAX_CALIBRATION_MS, Math.min(MAX_CALIBRATION_MS, Math.round(ms)));
  void act('output:calibration', { ms: clamped });
}

/** Transport extras, master brightness and rehearsal. */
export function ShowPanel() {
  const operator = isOperator.value;
  const loop = loopRange.value;
  const rehearsing = rehearsal.value.active;
  // The snapshot's history is the branch's own while rehearsing, so its length counts the branch's edits.
  const rehearsalEdits = Math.max(
    rehearsal.value.edits,
    branch.value === 'rehearsal' ? history.value.checkpoints.length : 0,
  );
  return (
    <div class="panel-body show-panel">
      {(show.value?.cues.length ?? 0) > 0 && (
        <>
          <h3>Cues</h3>
          <div class="chips">
            {show.value?.cues.map((cue) => (
              <button
                key={cue.id}
                class="chip"
                disabled={!operator}
                onClick={() => void jumpToCue(cue.id, cue.time)}
              >
                {cue.name || cue.id}
                <span class="muted">{formatShowTime(cue.time)}</span>
              </button>
            ))}
          </div>
        </>
      )}
      <h3>Speed</h3>
      <div class="chips" role="radiogroup">
        {RATES.map((choice) => (
          <button
            key={choice}
            class={`chip chip-small ${rate.value === choice ? 'is-active' : ''}`}
            role="radio"
            aria-checked={rate.value === choice}
            disabled={!operator}
            onClick={() => void act('transport:rate', { rate: choice })}
          >
            {choice}×
          </button>
        ))}
      </div>
      <h3>Loop</h3>
      <div class="chips">
        <button
          class={`chip ${loop ? 'is-active' : ''}`}
          disabled={!operator}
          onClick={() => {
            const start = Math.round(playheadSeconds.value * 100) / 100;
            const end = Math.min(start + QUICK_LOOP_SECONDS, duration.value || start + QUICK_LOOP_SECONDS);
            void act('transport:loop', { range: loop || end <= start ? null : { start, end } });
          }}
        >
          <Icon name="loop" size={18} />{' '}
          {loop
            ? `Looping ${loop.start.toFixed(1)}–${loop.end.toFixed(1)} s`
            : `Loop ${QUICK_LOOP_SECONDS} s from here`}
        </button>
      </div>
      <h3>Master brightness</h3>
      <input
        class="slider"
        type="range"
        min={0}
        max={100}
        value={Math.round(output.value.masterBrightness * 100)}
        disabled={!operator}
        aria-label="Master brightness"
        onChange={(event) =>
          void act('output:brightness', {
            level: Number((event.currentTarget as HTMLInputElement).value) / 100,
          })
        }
      />
      <h3>Rehearsal</h3>
      {rehearsing ? (
        <div class="rehearsal-box">
          <p>
            Rehearsing:{' '}
            {rehearsal.value.output === 'virtual-only' ? 'real props are dark' : 'real props are dimmed'};{' '}
            {rehearsalEdits} {rehearsalEdits === 1 ? 'edit' : 'edits'} on the rehearsal branch.
          </p>
          <div class="chips">
            <button
              class="chip is-active"
              data-testid="rehearsal-keep"
              disabled={!operator}
              onClick={() => void act('rehearsal:keep', {})}
            >
              Keep edits
            </button>
            <button
              class="chip chip-danger"
              data-testid="rehearsal-discard"
              disabled={!operator}
              onClick={() => void act('rehearsal:discard', {})}
            >
              Discard edits
            </button>
          </div>
        </div>
      ) : (
        <div class="chips">
          <button
            class="chip"
            data-testid="rehearsal-start"
            disabled={!operator}
            onClick={() => void act('rehearsal:start', { output: 'virtual-only' })}
          >
            Rehearse (virtual props only)
          </button>
          <button
            class="chip"
            disabled={!operator}
            onClick={() => void act('rehearsal:start', { output: 'dimmed', dim: 0.2 })}
          >
            Rehearse (real props dimmed)
          </button>
        </div>
      )}
      {/* Set once per rig, so below what is used during a show. */}
      <h3>Audio delay</h3>
      <p class="hint">
        How much later the audience hears the music than this machine plays it (a PA, wireless speakers):
        measure once per rig, e.g. film a click track with a prop flashing on each click.
      </p>
      <div class="chips calibration-row">
        <button
          class="chip"
          disabled={!operator}
          aria-label={`${CALIBRATION_STEP_MS} ms less`}
          onClick={() => calibrate(output.value.calibrationMs - CALIBRATION_STEP_MS)}
        >
          −{CALIBRATION_STEP_MS}
        </button>
        <label class="calibration-value">
          <input
            type="number"
            inputMode="numeric"
            step={1}
            min={-MAX_CALIBRATION_MS}
            max={MAX_CALIBRATION_MS}
            value={output.value.calibrationMs}
            disabled={!operator}
            data-testid="calibration-ms"
            aria-label="Audio delay in milliseconds"
            onChange={(event) => calibrate(Number((event.currentTarget as HTMLInputElement).value))}
          />{' '}
          ms
        </label>
        <button
          class="chip"
          disabled={!operator}
          aria-label={`${CALIBRATION_STEP_MS} ms more`}
          onClick={() => calibrate(output.value.calibrationMs + CALIBRATION_STEP_MS)}
        >
          +{CALIBRATION_STEP_MS}
        </button>
      </div>
    </div>
  );
}
