import type { SpeechProblem } from '../speech/speech-error.js';

/**
 * recognizing → heard → (waiting-for-tap →) applied | assistant | cancelled; or failed (nothing heard or
 * the recognizer broke) / rejected (heard, but the show refused it). Whatever the end, nothing else changes.
 */
export type VoiceState =
  'recognizing' | 'heard' | 'waiting-for-tap' | 'applied' | 'assistant' | 'cancelled' | 'failed' | 'rejected';

export interface VoiceStatus {
  readonly requestId: number;
  readonly state: VoiceState;
  /** The words heard ('' before recognition or when none were). */
  readonly text: string;
  /** fast: a command the show grammar parsed; assistant: sent to the co-pilot as a prompt. */
  readonly route: 'fast' | 'assistant' | null;
  readonly message: string;
  readonly problem?: SpeechProblem;
  readonly revision?: number;
  readonly checkpointId?: string;
  readonly recognizeMs?: number;
}
