import { lastBeat, liveInput } from '../state/live-state.js';

// The card reuses the device list's status colours: listening reads as a connected link.
const STATUS_CLASSES = { listening: 'connected', ended: 'idle', failed: 'disconnected' } as const;

/** A capture card by its ALSA name; a recording played in by its file name (the full path is the title). */
function sourceLabel(source: string): string {
  return source.startsWith('alsa') ? source : (source.split('/').at(-1) ?? source);
}

/** The live input the beats are heard from: is it listening, the tempo heard, or why it stopped. */
export function LiveInputCard() {
  const state = liveInput.value;
  if (state === null) return null;
  const statusClass = STATUS_CLASSES[state.status];
  // The tempo moves with every heard beat; the state only says when the status changes.
  const heard =
    lastBeat.value?.heard ??
    (state.bpm === null ? null : { bpm: state.bpm, confidence: state.confidence ?? 0 });
  return (
    <div class={`device status-${statusClass}`} data-testid="live-input">
      <div class="device-head">
        <span class={`status-dot status-${statusClass}`} aria-hidden="true" />
        <span class="device-name">Live input</span>
        <span class="muted device-source" title={state.source}>
          {sourceLabel(state.source)}
        </span>
        <span class="device-status" data-testid="live-input-status">
          {state.status}
        </span>
      </div>
      {state.status === 'listening' && (
        <p class="muted">
          {heard === null
            ? 'No beat heard yet'
            : `${Math.round(heard.bpm)} BPM, ${Math.round(heard.confidence * 100)} % sure`}
        </p>
      )}
      {state.problem && <p class="device-error">{state.problem} — the show goes on without live beats.</p>}
    </div>
  );
}
