// The co-pilot tab: type what should happen, watch it think, apply or reject what it proposes, stop it at
// any time. Settings (provider, model, confirm mode, key, health, usage) sit behind the second chip.
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AssistantStatusEvent } from '../../../contracts/index.js';
import { act, request } from '../session/controller-link.js';
import { isOperator } from '../state/live-state.js';
import { notify } from '../state/notices.js';
import { AssistantSettings } from './AssistantSettings.js';
import { assistantRequests, currentRequest } from './assistant-log.js';
import {
  STATE_LABELS,
  isOpen,
  isProblem,
  proposalQuestion,
  proposalSize,
  requestUsageLine,
} from './assistant-words.js';
import { describeEdits } from './proposal-edits.js';
import './assistant.css';

type View = 'ask' | 'settings';
const view = signal<View>('ask');
const draft = signal('');
const sending = signal(false);

async function send(): Promise<void> {
  const text = draft.value.trim();
  if (!text || sending.value) return;
  sending.value = true;
  try {
    const answer = await request('assistant:prompt', { text });
    if (answer.ok) draft.value = '';
    else notify('error', answer.error.message);
  } finally {
    sending.value = false;
  }
}

export function AssistantPanel() {
  useEffect(() => {
    // The panel (settings, health, usage) is sent on every change; ask once for where it stands now.
    if (isOperator.value) void request('assistant:panel', { check: false });
  }, []);
  return (
    <div class="panel-body assistant-panel" data-testid="assistant-panel">
      <div class="chips assistant-views" role="radiogroup">
        {(['ask', 'settings'] as const).map((id) => (
          <button
            key={id}
            class={`chip chip-small ${view.value === id ? 'is-active' : ''}`}
            role="radio"
            aria-checked={view.value === id}
            data-testid={`assistant-view-${id}`}
            onClick={() => {
              view.value = id;
            }}
          >
            {id === 'ask' ? 'Ask' : 'Settings'}
          </button>
        ))}
      </div>
      {view.value === 'ask' ? <AskView /> : <AssistantSettings />}
    </div>
  );
}

function AskView() {
  const operator = isOperator.value;
  const current = currentRequest.value;
  // From the request's own steps, not the panel's `busy`: the daemon sends the panel only when settings or
  // health change, so its `busy` goes stale as soon as the request ends.
  const working = current !== null && isOpen(current.state);
  const earlier = assistantRequests.value.slice(0, -1).reverse();
  return (
    <>
      <form
        class="assistant-prompt"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <textarea
          class="assistant-input"
          data-testid="assistant-input"
          rows={2}
          maxLength={2000}
          placeholder="e.g. balls white on every beat of the chorus"
          aria-label="What should the props do?"
          value={draft.value}
          disabled={!operator}
          onInput={(event) => {
            draft.value = (event.currentTarget as HTMLTextAreaElement).value;
          }}
          onKeyDown={(event) => {
            // Enter sends (as in a chat); Shift+Enter breaks the line.
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              void send();
            }
          }}
        />
        {working ? (
          <button
            type="button"
            class="assistant-send assistant-stop"
            data-testid="assistant-stop"
            disabled={!operator}
            onClick={() => void act('assistant:stop', {})}
          >
            Stop
          </button>
        ) : (
          <button
            type="submit"
            class="assistant-send"
            data-testid="assistant-send"
            disabled={!operator || sending.value || draft.value.trim() === ''}
          >
            Send
          </button>
        )}
      </form>
      {current ? (
        <StatusCard status={current} />
      ) : (
        <p class="hint">
          Say what the props should do; the change lands on the beat and appears in History, one tap to undo.
        </p>
      )}
      {earlier.length > 0 && (
        <>
          <h3>Earlier</h3>
          <ol class="assistant-history" data-testid="assistant-history">
            {earlier.map((entry) => (
              <li key={entry.requestId} class={`assistant-entry state-${entry.state}`}>
                <span class="assistant-entry-prompt">{entry.prompt}</span>
                <span class="assistant-entry-outcome">
                  <b>{STATE_LABELS[entry.state]}</b> · {entry.message}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

function StatusCard({ status }: { status: AssistantStatusEvent }) {
  const operator = isOperator.value;
  const { proposal } = status;
  const waiting = status.state === 'proposed' && proposal !== undefined;
  const decide = (decision: 'apply' | 'reject') =>
    void act('assistant:decide', { requestId: status.requestId, decision });
  return (
    <section
      class={`assistant-status state-${status.state} ${isProblem(status.state) ? 'is-problem' : ''}`}
      data-testid="assistant-status"
      data-state={status.state}
      data-request-id={status.requestId}
      role="status"
      aria-live="polite"
    >
      <header class="assistant-status-head">
        {status.state === 'thinking' && <span class="spinner spinner-small assistant-spinner" />}
        <span class="assistant-state" data-testid="assistant-state">
          {STATE_LABELS[status.state]}
        </span>
      </header>
      <p class="assistant-asked">“{status.prompt}”</p>
      {waiting ? (
        <>
          <p class="assistant-question" data-testid="assistant-message">
            {proposalQuestion(proposal)} <span class="muted">({proposalSize(proposal)})</span>
          </p>
          <ul class="assistant-edits" data-testid="assistant-edits">
            {describeEdits(proposal.edits).map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
          <div class="chips">
            {proposal.reason === 'preview' ? (
              <button
                class="chip"
                data-testid="assistant-reject"
                disabled={!operator}
                onClick={() => decide('reject')}
              >
                End preview
              </button>
            ) : (
              <>
                <button
                  class="chip is-active"
                  data-testid="assistant-apply"
                  disabled={!operator}
                  onClick={() => decide('apply')}
                >
                  Apply
                </button>
                <button
                  class="chip chip-danger"
                  data-testid="assistant-reject"
                  disabled={!operator}
                  onClick={() => decide('reject')}
                >
                  Reject
                </button>
              </>
            )}
          </div>
        </>
      ) : (
        <p class="assistant-message" data-testid="assistant-message">
          {status.message}
        </p>
      )}
      {status.usage && <p class="assistant-usage muted">{requestUsageLine(status.usage)}</p>}
    </section>
  );
}
