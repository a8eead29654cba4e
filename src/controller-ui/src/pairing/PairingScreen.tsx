import { signal } from '@preact/signals';
import { connect } from '../session/controller-link.js';
import { pair, storeToken } from '../session/session-token.js';
import { linkProblem } from '../state/live-state.js';

const code = signal('');
const deviceName = signal('');
const error = signal<string | null>(null);
const pending = signal(false);

/** Trades a pairing code for a session token, stores it and opens the socket. */
export async function pairWithCode(value: string, name?: string): Promise<boolean> {
  pending.value = true;
  error.value = null;
  const answer = await pair(value.trim(), name?.trim() || undefined);
  pending.value = false;
  if (!answer.ok) {
    error.value = answer.error.message;
    return false;
  }
  storeToken(answer.sessionToken);
  connect(answer.sessionToken);
  return true;
}

/** First screen on a new device: enter the code the daemon printed (or scan its QR code). */
export function PairingScreen() {
  return (
    <main class="pairing">
      <form
        class="pairing-card"
        onSubmit={(event) => {
          event.preventDefault();
          if (code.value.trim()) void pairWithCode(code.value, deviceName.value);
        }}
      >
        <div class="brand">
          <span class="brand-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          Sequence Maker Live
        </div>
        <h1>Pair this controller</h1>
        <p class="muted">Enter the pairing code the daemon shows in its terminal, or scan its QR code.</p>
        <label class="field">
          <span>Pairing code</span>
          <input
            class="code-input"
            data-testid="pair-code"
            inputMode="text"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellcheck={false}
            value={code.value}
            onInput={(event) => (code.value = (event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label class="field">
          <span>This controller's name (optional)</span>
          <input
            data-testid="pair-name"
            placeholder="left tablet"
            maxLength={60}
            value={deviceName.value}
            onInput={(event) => (deviceName.value = (event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        {(error.value ?? linkProblem.value) && (
          <p class="pairing-error" role="alert" data-testid="pair-error">
            {error.value ?? linkProblem.value}
          </p>
        )}
        <button
          class="pair-button"
          type="submit"
          data-testid="pair-submit"
          disabled={pending.value || !code.value.trim()}
        >
          {pending.value ? 'Pairing…' : 'Pair'}
        </button>
      </form>
    </main>
  );
}
