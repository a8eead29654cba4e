// Where the co-pilot gets its answers: provider, URL, model, temperature, timeout and confirm mode, an API
// key that can be written but never read back, a connection check, and what the session has used so far.
import { signal } from '@preact/signals';
import type { AssistantPanel } from '../../../contracts/index.js';
import { act, request } from '../session/controller-link.js';
import { isOperator } from '../state/live-state.js';
import { notify } from '../state/notices.js';
import { formatClock } from '../ui/format.js';
import { assistantPanel } from './assistant-log.js';
import { averageLatency, formatCost, formatTokens } from './assistant-words.js';
import {
  CONFIRM_MODES,
  DEFAULT_URLS,
  PROVIDERS,
  checkForm,
  formFromSettings,
  type SettingsForm,
} from './settings-form.js';

/** The operator's unsaved edits; null shows the daemon's settings as they are. */
const edited = signal<SettingsForm | null>(null);
const formProblem = signal<{ field: keyof SettingsForm; message: string } | null>(null);
const keyDraft = signal('');
const checking = signal(false);

function change(form: SettingsForm, patch: Partial<SettingsForm>): void {
  edited.value = { ...form, ...patch };
  formProblem.value = null;
}

async function save(form: SettingsForm): Promise<void> {
  const checked = checkForm(form);
  if (!checked.ok) {
    formProblem.value = { field: checked.field, message: checked.message };
    return;
  }
  // Once saved, the form shows the daemon's settings again: the new values are the confirmation.
  if (await act('assistant:configure', { settings: { ...checked.changes } })) edited.value = null;
}

async function saveKey(apiKey: string | null): Promise<void> {
  if (await act('assistant:configure', { apiKey })) {
    keyDraft.value = '';
    notify('info', apiKey === null ? 'API key removed' : 'API key saved');
  }
}

async function checkConnection(): Promise<void> {
  checking.value = true;
  try {
    const answer = await request('assistant:panel', { check: true });
    // A slow server can outlast the request's own timeout; its verdict still arrives with the panel.
    if (!answer.ok && answer.error.code !== 'unavailable') notify('error', answer.error.message);
  } finally {
    checking.value = false;
  }
}

export function AssistantSettings() {
  const panel = assistantPanel.value;
  const operator = isOperator.value;
  if (!panel) {
    return (
      <p class="hint">
        {operator
          ? "Asking the daemon for the assistant's settings…"
          : "Only an operator sees the assistant's settings: pair with the operator code."}
      </p>
    );
  }
  const form = edited.value ?? formFromSettings(panel.settings);
  const problem = formProblem.value;
  const fieldClass = (field: keyof SettingsForm) => `field ${problem?.field === field ? 'is-invalid' : ''}`;
  return (
    <div class="assistant-settings" data-testid="assistant-settings">
      <h3>Provider</h3>
      <ChipChoice
        choices={PROVIDERS}
        chosen={form.provider}
        testId="assistant-provider"
        disabled={!operator}
        onChoose={(id) => {
          // A URL still at the other provider's usual address follows the switch.
          const usual = Object.values(DEFAULT_URLS).includes(form.baseUrl) || form.baseUrl === '';
          change(form, { provider: id, ...(usual ? { baseUrl: DEFAULT_URLS[id] } : {}) });
        }}
      />
      <div class="assistant-fields">
        <TextField
          label="Server URL"
          id="baseUrl"
          form={form}
          inputMode="url"
          class={fieldClass('baseUrl')}
          disabled={!operator}
        />
        <TextField label="Model" id="model" form={form} class={fieldClass('model')} disabled={!operator} />
        <div class="assistant-field-row">
          <TextField
            label="Temperature"
            id="temperature"
            form={form}
            inputMode="decimal"
            class={fieldClass('temperature')}
            disabled={!operator}
          />
          <TextField
            label="Timeout (s)"
            id="timeoutSeconds"
            form={form}
            inputMode="decimal"
            class={fieldClass('timeoutSeconds')}
            disabled={!operator}
          />
        </div>
      </div>
      <h3>Changes</h3>
      <ChipChoice
        choices={CONFIRM_MODES}
        chosen={form.confirmMode}
        testId="assistant-mode"
        disabled={!operator}
        onChoose={(id) => change(form, { confirmMode: id })}
      />
      <p class="hint">{CONFIRM_MODES.find((mode) => mode.id === form.confirmMode)?.hint}</p>
      {problem && (
        <p class="assistant-error" data-testid="assistant-settings-error" role="alert">
          {problem.message}
        </p>
      )}
      {edited.value && (
        <div class="chips">
          <button
            class="chip is-active"
            data-testid="assistant-settings-save"
            disabled={!operator}
            onClick={() => void save(form)}
          >
            Save settings
          </button>
          <button
            class="chip"
            onClick={() => {
              edited.value = null;
              formProblem.value = null;
            }}
          >
            Undo changes
          </button>
        </div>
      )}
      <h3>API key</h3>
      <form
        class="assistant-key"
        autocomplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          if (keyDraft.value.trim()) void saveKey(keyDraft.value.trim());
        }}
      >
        <input
          type="password"
          autocomplete="new-password"
          data-testid="assistant-key"
          aria-label="API key"
          placeholder={panel.hasApiKey ? 'type to replace' : 'paste a key'}
          value={keyDraft.value}
          disabled={!operator}
          onInput={(event) => {
            keyDraft.value = (event.currentTarget as HTMLInputElement).value;
          }}
        />
        <button
          type="submit"
          class="chip chip-small"
          data-testid="assistant-key-save"
          disabled={!operator || keyDraft.value.trim() === ''}
        >
          Save key
        </button>
      </form>
      <p class="hint" data-testid="assistant-key-state">
        {panel.hasApiKey ? 'Key set (stored on the daemon only).' : 'No key set (local servers need none).'}{' '}
        {panel.hasApiKey && (
          <button class="link-button" disabled={!operator} onClick={() => void saveKey(null)}>
            Remove key
          </button>
        )}
      </p>
      <h3>Connection</h3>
      <div class="assistant-health-row">
        <button
          class="chip chip-small"
          data-testid="assistant-check"
          disabled={!operator || checking.value}
          onClick={() => void checkConnection()}
        >
          {checking.value ? 'Checking…' : 'Check connection'}
        </button>
        <HealthLine health={panel.health} />
      </div>
      <h3>Usage this session</h3>
      <UsageTable usage={panel.usage} />
    </div>
  );
}

/** One choice out of a few, as a row of chips (a radio group for screen readers). */
function ChipChoice<Id extends string>(props: {
  choices: readonly { id: Id; label: string }[];
  chosen: Id;
  testId: string;
  disabled: boolean;
  onChoose: (id: Id) => void;
}) {
  return (
    <div class="chips" role="radiogroup">
      {props.choices.map(({ id, label }) => (
        <button
          key={id}
          class={`chip chip-small ${props.chosen === id ? 'is-active' : ''}`}
          role="radio"
          aria-checked={props.chosen === id}
          data-testid={`${props.testId}-${id}`}
          disabled={props.disabled}
          onClick={() => props.onChoose(id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function TextField(props: {
  label: string;
  id: 'baseUrl' | 'model' | 'temperature' | 'timeoutSeconds';
  form: SettingsForm;
  class: string;
  disabled: boolean;
  inputMode?: 'url' | 'decimal';
}) {
  const { label, id, form, disabled, inputMode } = props;
  return (
    <label class={props.class}>
      {label}
      <input
        data-testid={`assistant-${id}`}
        value={form[id]}
        inputMode={inputMode}
        spellcheck={false}
        autocapitalize="off"
        disabled={disabled}
        onInput={(event) => change(form, { [id]: (event.currentTarget as HTMLInputElement).value })}
      />
    </label>
  );
}

function HealthLine({ health }: { health: AssistantPanel['health'] }) {
  if (!health) return <span class="muted">not checked since the last change</span>;
  return (
    <span
      class={`assistant-health ${health.ok ? 'is-ok' : 'is-down'}`}
      data-testid="assistant-health"
      data-ok={String(health.ok)}
    >
      <span class="status-dot" />
      {health.ok ? 'Connected' : 'Not ready'}: {health.detail}{' '}
      <span class="muted">({formatClock(health.checkedAt)})</span>
    </span>
  );
}

function UsageTable({ usage }: { usage: AssistantPanel['usage'] }) {
  const rows: [string, string][] = [
    ['Requests', String(usage.requests)],
    ['Tokens in', formatTokens(usage.inputTokens)],
    ['Tokens out', formatTokens(usage.outputTokens)],
    ['Average latency', averageLatency(usage)],
    ['Cost', formatCost(usage.cost)],
  ];
  return (
    <dl class="assistant-usage-table" data-testid="assistant-usage">
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd data-usage={name}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
