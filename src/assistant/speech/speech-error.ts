/**
 * Why a recording produced no words. Each reason is one line the operator can act on; whatever the reason,
 * nothing in the show changes.
 */
export type SpeechProblem =
  | 'empty'
  | 'unsupported-format'
  | 'too-long'
  | 'too-short'
  | 'silence'
  | 'clipped'
  | 'no-speech'
  | 'not-understood'
  | 'recognizer-missing'
  | 'recognizer-failed'
  | 'timeout';

export class SpeechError extends Error {
  constructor(
    readonly problem: SpeechProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SpeechError';
  }
}
