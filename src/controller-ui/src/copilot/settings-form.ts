// The assistant settings the controller edits, as form text and back. The daemon checks every field again
// (its schema is the authority); this catches what a thumb mistypes before it travels, in the same words.

export type ProviderKind = 'ollama' | 'openai';
export type ConfirmMode = 'auto' | 'confirm' | 'preview';

export const PROVIDERS: readonly { id: ProviderKind; label: string }[] = [
  { id: 'ollama', label: 'Ollama' },
  { id: 'openai', label: 'OpenAI-compatible' },
];

export const CONFIRM_MODES: readonly { id: ConfirmMode; label: string; hint: string }[] = [
  { id: 'auto', label: 'Auto', hint: 'apply at once (big changes still ask)' },
  { id: 'confirm', label: 'Confirm', hint: 'every change waits for Apply' },
  { id: 'preview', label: 'Preview', hint: 'show on the virtual props only' },
];

/** What the inputs hold: text as typed, so a half-typed number is not lost on a re-render. */
export interface SettingsForm {
  readonly provider: ProviderKind;
  readonly baseUrl: string;
  readonly model: string;
  readonly temperature: string;
  readonly timeoutSeconds: string;
  readonly confirmMode: ConfirmMode;
}

/** The settings fields this form changes, in the daemon's names and units. */
export interface SettingsChanges {
  readonly provider: ProviderKind;
  readonly baseUrl: string;
  readonly model: string;
  readonly temperature: number;
  readonly timeoutMs: number;
  readonly confirmMode: ConfirmMode;
}

export type FormCheck =
  | { readonly ok: true; readonly changes: SettingsChanges }
  | { readonly ok: false; readonly field: keyof SettingsForm; readonly message: string };

/** Where each provider usually listens, offered when the operator switches provider. */
export const DEFAULT_URLS: Record<ProviderKind, string> = {
  ollama: 'http://127.0.0.1:11434',
  openai: 'http://127.0.0.1:8080/v1',
};

const TIMEOUT_SECONDS = { min: 1, max: 600 } as const;

function pick<T extends string>(value: unknown, choices: readonly T[], fallback: T): T {
  return choices.includes(value as T) ? (value as T) : fallback;
}

/** The form as the daemon's settings record fills it (a field it lacks or that is odd gets a blank). */
export function formFromSettings(settings: Record<string, unknown>): SettingsForm {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const number = (value: unknown, scale = 1) =>
    typeof value === 'number' && Number.isFinite(value)
      ? String(Math.round((value / scale) * 1000) / 1000)
      : '';
  return {
    provider: pick(settings['provider'], ['ollama', 'openai'], 'ollama'),
    baseUrl: text(settings['baseUrl']),
    model: text(settings['model']),
    temperature: number(settings['temperature']),
    timeoutSeconds: number(settings['timeoutMs'], 1000),
    confirmMode: pick(settings['confirmMode'], ['auto', 'confirm', 'preview'], 'auto'),
  };
}

function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The changes to send, or the first field that is wrong and why. */
export function checkForm(form: SettingsForm): FormCheck {
  const baseUrl = form.baseUrl.trim();
  let url: URL | null = null;
  try {
    url = new URL(baseUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return { ok: false, field: 'baseUrl', message: 'the URL must start with http:// or https://' };
  const model = form.model.trim();
  if (model === '') return { ok: false, field: 'model', message: 'name the model to use' };
  if (model.length > 200) return { ok: false, field: 'model', message: 'the model name is too long' };
  const temperature = parseNumber(form.temperature);
  if (temperature === null || temperature < 0 || temperature > 2)
    return { ok: false, field: 'temperature', message: 'temperature is a number from 0 to 2' };
  const timeout = parseNumber(form.timeoutSeconds);
  if (timeout === null || timeout < TIMEOUT_SECONDS.min || timeout > TIMEOUT_SECONDS.max)
    return {
      ok: false,
      field: 'timeoutSeconds',
      message: `the timeout is ${TIMEOUT_SECONDS.min} to ${TIMEOUT_SECONDS.max} seconds`,
    };
  return {
    ok: true,
    changes: {
      provider: form.provider,
      baseUrl,
      model,
      temperature,
      timeoutMs: Math.round(timeout * 1000),
      confirmMode: form.confirmMode,
    },
  };
}
