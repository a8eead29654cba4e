// Seeking and cueing, with the playhead moved as soon as the daemon accepts: a tap on the ruler must
// answer at once, and while paused no playhead stream follows to correct it.
import { act } from '../session/controller-link.js';
import { transport } from '../state/live-state.js';

export async function seekTo(position: number): Promise<boolean> {
  const accepted = await act('transport:seek', { position });
  if (accepted) showJumpWhilePaused(position);
  return accepted;
}

export async function jumpToCue(cueId: string, time: number): Promise<boolean> {
  const accepted = await act('transport:cue', { cueId });
  if (accepted) showJumpWhilePaused(time);
  return accepted;
}

/**
 * The daemon's transport:state for a jump can arrive before the ack still carrying the position the audio
 * clock reported before the jump took effect; while paused nothing corrects it, so the accepted target
 * wins. While playing, the ≥ 20 Hz playhead stream is the truth.
 */
function showJumpWhilePaused(position: number): void {
  const reading = transport.value;
  if (reading && reading.state.status !== 'playing') {
    transport.value = { state: { ...reading.state, position }, receivedAt: performance.now() };
  }
}
