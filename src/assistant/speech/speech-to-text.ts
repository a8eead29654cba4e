import type { ShowVocabulary } from './show-vocabulary.js';
import type { PcmAudio } from './wav.js';

export interface Transcript {
  /** Lower-case words as heard, empty when nothing was recognized. */
  readonly text: string;
  readonly engine: string;
  readonly ms: number;
}

/**
 * Turns one spoken command (16 kHz mono) into words. Implementations throw a SpeechError naming what went
 * wrong; they never guess.
 */
export interface SpeechToText {
  readonly engine: string;
  transcribe(audio: PcmAudio, options?: { readonly signal?: AbortSignal }): Promise<Transcript>;
  /** The vocabulary the parser should read the words with (the show's, for a grammar-bound recognizer). */
  vocabulary(): Promise<ShowVocabulary>;
}
