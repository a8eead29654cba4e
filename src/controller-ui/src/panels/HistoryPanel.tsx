import { act } from '../session/controller-link.js';
import { history, isOperator, revision } from '../state/live-state.js';
import { formatClock } from '../ui/format.js';

const AUTHOR_LABELS = { operator: 'Operator', assistant: 'Assistant', system: 'System' } as const;

function RestoreButton({ to, current }: { to: number; current: number }) {
  const here = to === current;
  return (
    <button
      class={`chip chip-small ${here ? 'is-current' : ''}`}
      data-testid={`revert-${to}`}
      disabled={!isOperator.value || here}
      title={
        here
          ? 'The show is at this version'
          : `Bring the show back to revision ${to} (as a new change you can undo)`
      }
      onClick={() => void act('history:revert', { revision: to })}
    >
      {here ? 'Now' : 'Go back here'}
    </button>
  );
}

/** Every change (who, what, when), newest first; one tap brings the show back to any version. */
export function HistoryPanel() {
  const checkpoints = [...history.value.checkpoints].reverse();
  const current = revision.value;
  const oldest = history.value.checkpoints[0];
  return (
    <div class="panel-body history-panel">
      {checkpoints.length === 0 && (
        <p class="hint">No changes yet. Every edit appears here and can be gone back to.</p>
      )}
      <ol class="checkpoints" data-testid="checkpoints">
        {checkpoints.map((checkpoint) => (
          <li
            key={checkpoint.id}
            class={`checkpoint kind-${checkpoint.kind}`}
            data-revision={checkpoint.revision}
          >
            <div class="checkpoint-text">
              <span class="checkpoint-label">{checkpoint.name ?? checkpoint.label}</span>
              <span class="checkpoint-meta">
                <span class={`author author-${checkpoint.author}`}>{AUTHOR_LABELS[checkpoint.author]}</span>
                {' · '}
                {formatClock(checkpoint.time)} · r{checkpoint.revision}
              </span>
            </div>
            <RestoreButton to={checkpoint.revision} current={current} />
          </li>
        ))}
        {oldest && oldest.revision === 1 && (
          <li class="checkpoint kind-origin" data-revision={0}>
            <div class="checkpoint-text">
              <span class="checkpoint-label">Show as loaded</span>
              <span class="checkpoint-meta">r0</span>
            </div>
            <RestoreButton to={0} current={current} />
          </li>
        )}
      </ol>
    </div>
  );
}
