// The playhead between server reports: the server sends its position at ≥ 20 Hz; in between, the UI
// advances it on the local clock so the timeline and previews move at the display's frame rate.
import { signal } from '@preact/signals';
import type { TransportReading } from './live-state.js';

export type Clock = () => number;

/** Show seconds at local time `now` (ms, same clock as `receivedAt`). */
export function playheadAt(reading: TransportReading | null, now: number): number {
  if (!reading) return 0;
  const { state, receivedAt } = reading;
  if (state.status !== 'playing') return state.position;
  let position = state.position + ((now - receivedAt) / 1000) * state.rate;
  // Never run past where the server will wrap or stop: a late report would make the playhead jump back.
  if (state.loop && position >= state.loop.end) position = state.loop.end;
  return Math.min(Math.max(position, 0), state.duration);
}

/** Updated once per animation frame while the page is visible; read by the timeline and previews. */
export const playheadSeconds = signal(0);
