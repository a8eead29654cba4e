// BLACKOUT_NOW (host → prop): all outputs dark at once, every queued frame dropped, autonomous program
// playback stopped. Answered by STATUS with mode "blackout". A later FRAME resumes live output.

import type { DecodeResult } from '../errors.js';
import { ok } from '../errors.js';
import { wrongLength } from './layout.js';

export interface BlackoutMessage {
  readonly type: 'blackout';
}

export function encodeBlackout(_message: BlackoutMessage): Uint8Array {
  return new Uint8Array(0);
}

export function decodeBlackout(payload: Uint8Array): DecodeResult<BlackoutMessage> {
  if (payload.length !== 0) return wrongLength('BLACKOUT_NOW', '0', payload.length);
  return ok({ type: 'blackout' });
}
