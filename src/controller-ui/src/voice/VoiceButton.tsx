// Hold to talk: press and speak, release to send, slide off to cancel. The words the daemon heard show at
// once, then what came of them; in tap mode the words wait for a Send.
import { signal } from '@preact/signals';
import { FINAL_VOICE_STATES, type VoiceStatusLine } from '../../../contracts/voice.js';
import { isOperator } from '../state/live-state.js';
import { decideRecording, sendRecording } from './voice-upload.js';
import { VoiceRecorder } from './voice-recorder.js';
import './voice.css';

type Phase = 'idle' | 'recording' | 'sending' | 'heard' | 'done' | 'error';

interface VoiceView {
  readonly phase: Phase;
  readonly level: number;
  readonly text: string;
  readonly message: string;
  readonly waiting: number | null;
}

const view = signal<VoiceView>({ phase: 'idle', level: 0, text: '', message: '', waiting: null });
let recorder: VoiceRecorder | null = null;
/** How far past the button's edge a finger may stray before the recording is dropped. */
const SLIDE_OFF_PX = 24;

function update(change: Partial<VoiceView>): void {
  view.value = { ...view.value, ...change };
}

async function press(): Promise<void> {
  if (recorder) return;
  const current = new VoiceRecorder();
  recorder = current;
  update({ phase: 'recording', level: 0, text: '', message: 'listening…', waiting: null });
  try {
    await current.start((level) => {
      if (recorder === current) update({ level });
    });
  } catch (error) {
    recorder = null;
    await current.cancel();
    update({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

async function release(): Promise<void> {
  const current = recorder;
  if (!current) return;
  recorder = null;
  update({ phase: 'sending', level: 0, message: 'recognizing…' });
  try {
    const wav = await current.finish();
    await sendRecording(wav, show);
  } catch (error) {
    update({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

async function cancel(): Promise<void> {
  const current = recorder;
  if (!current) return;
  recorder = null;
  await current.cancel();
  update({ phase: 'idle', level: 0, message: 'cancelled', waiting: null });
}

function show(status: VoiceStatusLine): void {
  const final = FINAL_VOICE_STATES.has(status.state);
  update({
    phase: status.state === 'failed' ? 'error' : final ? 'done' : 'heard',
    text: status.text,
    message: status.message,
    waiting: status.state === 'waiting-for-tap' ? status.requestId : null,
  });
}

export function VoiceButton() {
  const { phase, level, text, message, waiting } = view.value;
  const recording = phase === 'recording';
  return (
    <div class={`voice ${recording ? 'is-recording' : ''}`} data-testid="voice">
      {(text || message) && phase !== 'idle' && (
        <div class={`voice-card voice-${phase}`} role="status" aria-live="polite">
          {text && (
            <p class="voice-heard" data-testid="voice-heard">
              “{text}”
            </p>
          )}
          {message && (
            <p class="voice-message" data-testid="voice-message">
              {message}
            </p>
          )}
          {waiting !== null && (
            <div class="voice-decide">
              <button data-testid="voice-send" onClick={() => void decideRecording(waiting, true)}>
                Send
              </button>
              <button data-testid="voice-cancel" onClick={() => void decideRecording(waiting, false)}>
                Cancel
              </button>
            </div>
          )}
        </div>
      )}
      <button
        class="voice-button"
        data-testid="voice-button"
        aria-label="Hold to talk"
        aria-pressed={recording}
        disabled={!isOperator.value || phase === 'sending'}
        onPointerDown={(event) => {
          event.preventDefault();
          void press();
        }}
        onPointerMove={(event) => {
          // A touch stays captured by the button it started on, so sliding off is read from where it is.
          const box = event.currentTarget.getBoundingClientRect();
          const outside =
            event.clientX < box.left - SLIDE_OFF_PX ||
            event.clientX > box.right + SLIDE_OFF_PX ||
            event.clientY < box.top - SLIDE_OFF_PX ||
            event.clientY > box.bottom + SLIDE_OFF_PX;
          if (outside) void cancel();
        }}
        onPointerUp={() => void release()}
        onPointerLeave={() => void cancel()}
        onPointerCancel={() => void cancel()}
        onContextMenu={(event) => event.preventDefault()}
      >
        <span
          class="voice-meter"
          data-testid="voice-level"
          style={{ transform: `scaleY(${Math.min(1, level * 6)})` }}
        />
        <span class="voice-label">{recording ? 'Release to send' : 'Hold to talk'}</span>
      </button>
    </div>
  );
}
