// Speech-to-text for spoken show commands: one interface, an embedded recognizer and a transcription client.
export * from './speech-error.js';
export * from './speech-to-text.js';
export * from './wav.js';
export * from './utterance-check.js';
export * from './show-vocabulary.js';
export * from './show-grammar.js';
export * from './spoken-numbers.js';
export { PronouncingDictionary, DEFAULT_DICTIONARY } from './pronouncing-dictionary.js';
export {
  PocketsphinxRecognizer,
  DEFAULT_ACOUSTIC_MODEL,
  type PocketsphinxOptions,
} from './pocketsphinx-recognizer.js';
export {
  OpenAiTranscriber,
  normalizeTranscript,
  type OpenAiTranscriberOptions,
} from './openai-transcriber.js';
