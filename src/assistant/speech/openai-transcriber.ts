// Speech-to-text through an OpenAI-compatible /v1/audio/transcriptions endpoint (whisper.cpp server,
// faster-whisper servers, LocalAI), for rigs that have one. The show's names go in the prompt so a
// general model spells them the way the fast path reads them.
import OpenAI, { toFile } from 'openai';
import type { Show } from '../../show/index.js';
import { showVocabulary, type ShowVocabulary } from './show-vocabulary.js';
import { SpeechError } from './speech-error.js';
import { numberWords } from './spoken-numbers.js';
import type { SpeechToText, Transcript } from './speech-to-text.js';
import { encodeWav16, toSpeechRate, type PcmAudio } from './wav.js';

export interface OpenAiTranscriberOptions {
  readonly show: () => Show;
  /** e.g. http://127.0.0.1:8080/v1 */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly timeoutMs?: number;
}

export class OpenAiTranscriber implements SpeechToText {
  readonly engine = 'openai-transcription';
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiTranscriberOptions) {
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey ?? 'not-needed',
      maxRetries: 0,
      timeout: options.timeoutMs ?? 15_000,
    });
  }

  async vocabulary(): Promise<ShowVocabulary> {
    return showVocabulary(this.options.show(), () => true);
  }

  async transcribe(audio: PcmAudio, options: { readonly signal?: AbortSignal } = {}): Promise<Transcript> {
    const started = performance.now();
    const vocabulary = await this.vocabulary();
    const hint = vocabulary.props.map((prop) => prop.words.join(' ')).join(', ');
    try {
      const result = await this.client.audio.transcriptions.create(
        {
          file: await toFile(encodeWav16(toSpeechRate(audio)), 'command.wav', { type: 'audio/wav' }),
          model: this.options.model,
          language: 'en',
          response_format: 'json',
          ...(hint ? { prompt: `Props: ${hint}.` } : {}),
        },
        options.signal ? { signal: options.signal } : {},
      );
      return { text: normalizeTranscript(result.text), engine: this.engine, ms: performance.now() - started };
    } catch (error) {
      if (error instanceof OpenAI.APIConnectionError) {
        throw new SpeechError(
          'recognizer-missing',
          `the transcription server at ${this.options.baseUrl} cannot be reached (${error.message})`,
        );
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new SpeechError('recognizer-failed', `the transcription server failed: ${message}`);
    }
  }
}

/** A general model writes "Ball 2, red!": the fast path reads lower-case words with numbers spelled out. */
export function normalizeTranscript(text: string): string {
  return text
    .toLowerCase()
    .replace(/-/g, ' ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => (/^\d+$/.test(word) ? numberWords(Number(word)) : [word]))
    .join(' ');
}
