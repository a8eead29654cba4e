// The embedded recognizer: Debian's pocketsphinx_batch as a child process, listening with a grammar made
// from the live show. The grammar and its dictionary are written once per show content (by hash) and
// reused until a name, section or prop changes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Show } from '../../show/index.js';
import { DEFAULT_DICTIONARY, PronouncingDictionary } from './pronouncing-dictionary.js';
import { showGrammar } from './show-grammar.js';
import { showVocabulary, type ShowVocabulary } from './show-vocabulary.js';
import { SpeechError } from './speech-error.js';
import type { SpeechToText, Transcript } from './speech-to-text.js';
import { trimDeadAir, withNoiseFloor } from './utterance-check.js';
import { encodeWav16, SPEECH_SAMPLE_RATE, toSpeechRate, type PcmAudio } from './wav.js';

export const DEFAULT_ACOUSTIC_MODEL = '/usr/share/pocketsphinx/model/en-us/en-us';
const INSTALL_HINT = 'install it with: apt-get install pocketsphinx pocketsphinx-en-us';

export interface PocketsphinxOptions {
  /** The show whose names the grammar is made of, read at each utterance. */
  readonly show: () => Show;
  readonly binary?: string;
  readonly acousticModel?: string;
  readonly dictionary?: string;
  /** Where grammars and utterances are written (a fresh temporary folder by default). */
  readonly workDir?: string;
  /** Longest a batch may take per utterance before the recognizer is killed. */
  readonly timeoutMsPerUtterance?: number;
  /** More pocketsphinx options (name, value pairs), for tuning on a rig. */
  readonly extraArguments?: readonly string[];
}

interface CompiledGrammar {
  readonly key: string;
  readonly vocabulary: ShowVocabulary;
  readonly grammarPath: string;
  readonly dictionaryPath: string;
  /** Grammar words the dictionary lacks (left out of the dictionary, so never heard). */
  readonly missingWords: readonly string[];
}

export class PocketsphinxRecognizer implements SpeechToText {
  readonly engine = 'pocketsphinx';
  private dictionary: Promise<PronouncingDictionary> | null = null;
  private compiled: CompiledGrammar | null = null;
  private workDir: Promise<string> | null = null;
  private batchNumber = 0;
  private readonly queue: {
    audio: PcmAudio;
    resolve: (text: string) => void;
    reject: (error: unknown) => void;
  }[] = [];

  constructor(private readonly options: PocketsphinxOptions) {}

  async vocabulary(): Promise<ShowVocabulary> {
    return (await this.grammar()).vocabulary;
  }

  /** The grammar for the show as it is now (regenerated when its spoken content changed). */
  async grammar(): Promise<CompiledGrammar> {
    const dictionary = await this.loadDictionary();
    const vocabulary = showVocabulary(this.options.show(), (word) => dictionary.has(word));
    const grammar = showGrammar(vocabulary);
    const subset = dictionary.subset(grammar.words);
    const key = createHash('sha256').update(grammar.jsgf).update(subset.text).digest('hex').slice(0, 16);
    if (this.compiled?.key === key) return this.compiled;
    const dir = join(await this.dir(), 'grammars');
    await mkdir(dir, { recursive: true });
    const grammarPath = join(dir, `${key}.gram`);
    const dictionaryPath = join(dir, `${key}.dict`);
    await writeFile(grammarPath, grammar.jsgf);
    await writeFile(dictionaryPath, subset.text);
    this.compiled = { key, vocabulary, grammarPath, dictionaryPath, missingWords: subset.missing };
    return this.compiled;
  }

  async transcribe(audio: PcmAudio, options: { readonly signal?: AbortSignal } = {}): Promise<Transcript> {
    const started = performance.now();
    options.signal?.throwIfAborted();
    // Utterances that arrive together (several controllers, a test set) share one recognizer run.
    const text = await new Promise<string>((resolve, reject) => {
      this.queue.push({ audio, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
    return { text, engine: this.engine, ms: performance.now() - started };
  }

  private flush(): void {
    const waiting = this.queue.splice(0);
    // Two runs at most at once (the machine has two cores), each loading the model once.
    const chunk = Math.max(1, Math.ceil(waiting.length / 2));
    for (let start = 0; start < waiting.length; start += chunk) {
      const part = waiting.slice(start, start + chunk);
      this.transcribeMany(part.map((item) => item.audio)).then(
        (texts) => part.forEach((item, index) => item.resolve(texts[index] ?? '')),
        (error: unknown) => part.forEach((item) => item.reject(error)),
      );
    }
  }

  /** Recognizes several utterances in one recognizer run (the model loads once). */
  async transcribeMany(
    audios: readonly PcmAudio[],
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<string[]> {
    const binary = this.options.binary ?? 'pocketsphinx_batch';
    const model = this.options.acousticModel ?? DEFAULT_ACOUSTIC_MODEL;
    if (!existsSync(model)) {
      throw new SpeechError(
        'recognizer-missing',
        `the pocketsphinx acoustic model ${model} is missing: ${INSTALL_HINT}`,
      );
    }
    const grammar = await this.grammar();
    const batchDir = join(await this.dir(), `batch-${process.pid}-${++this.batchNumber}`);
    await mkdir(batchDir, { recursive: true });
    try {
      const ids = audios.map((_, index) => `u${index}`);
      await Promise.all(
        audios.map((audio, index) =>
          writeFile(
            join(batchDir, `${ids[index]}.wav`),
            encodeWav16(withNoiseFloor(trimDeadAir(toSpeechRate(audio)))),
          ),
        ),
      );
      await writeFile(join(batchDir, 'list.ctl'), `${ids.join('\n')}\n`);
      const hypothesisPath = join(batchDir, 'hyp.txt');
      const logPath = join(batchDir, 'log.txt');
      const args = [
        ['-adcin', 'yes'],
        ['-adchdr', '44'],
        ['-samprate', String(SPEECH_SAMPLE_RATE)],
        // Digital silence (a browser's or a synthesizer's exact zeros) upsets cepstral mean normalisation.
        ['-dither', 'yes'],
        ['-cepdir', batchDir],
        ['-cepext', '.wav'],
        ['-ctl', join(batchDir, 'list.ctl')],
        ['-hyp', hypothesisPath],
        ['-jsgf', grammar.grammarPath],
        ['-dict', grammar.dictionaryPath],
        ['-hmm', model],
        ['-logfn', logPath],
      ].flat();
      args.push(...(this.options.extraArguments ?? []));
      const perUtterance = this.options.timeoutMsPerUtterance ?? 5000;
      await run(binary, args, 2000 + perUtterance * audios.length, options.signal, logPath);
      const text = existsSync(hypothesisPath) ? await readFile(hypothesisPath, 'utf8') : '';
      const byId = new Map<string, string>();
      for (const line of text.split('\n')) {
        const match = /^(.*?)\s*\((\S+)(?:\s+-?\d+)?\)\s*$/.exec(line);
        if (match) byId.set(match[2] as string, (match[1] as string).trim());
      }
      return ids.map((id) => byId.get(id) ?? '');
    } finally {
      await rm(batchDir, { recursive: true, force: true });
    }
  }

  private loadDictionary(): Promise<PronouncingDictionary> {
    const path = this.options.dictionary ?? DEFAULT_DICTIONARY;
    this.dictionary ??= PronouncingDictionary.load(path).catch((error: unknown) => {
      this.dictionary = null;
      throw new SpeechError(
        'recognizer-missing',
        `cannot read the pronouncing dictionary ${path} (${error instanceof Error ? error.message : String(error)}): ${INSTALL_HINT}`,
      );
    });
    return this.dictionary;
  }

  private dir(): Promise<string> {
    this.workDir ??= this.options.workDir
      ? mkdir(this.options.workDir, { recursive: true }).then(() => this.options.workDir as string)
      : mkdtemp(join(tmpdir(), 'smlive-speech-'));
    return this.workDir;
  }
}

function run(
  binary: string,
  args: string[],
  timeoutMs: number,
  signal: AbortSignal | undefined,
  logPath: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new SpeechError('timeout', `the recognizer took longer than ${timeoutMs} ms and was stopped`));
    }, timeoutMs);
    const abort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      reject(
        error.code === 'ENOENT'
          ? new SpeechError(
              'recognizer-missing',
              `the recognizer ${binary} is not installed: ${INSTALL_HINT}`,
            )
          : new SpeechError('recognizer-failed', `the recognizer could not start: ${error.message}`),
      );
    });
    child.once('close', (code, killedBy) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      if (code === 0) return resolve();
      void lastLines(logPath, stderr).then((detail) =>
        reject(
          new SpeechError(
            'recognizer-failed',
            `the recognizer ${killedBy ? `crashed (${killedBy})` : `failed (exit ${code})`}${detail ? `: ${detail}` : ''}`,
          ),
        ),
      );
    });
  });
}

async function lastLines(logPath: string, stderr: string): Promise<string> {
  const log = await readFile(logPath, 'utf8').catch(() => '');
  const lines = `${log}\n${stderr}`
    .split('\n')
    .filter((line) => /ERROR|FATAL|error/.test(line))
    .slice(-2);
  return lines.join(' / ').slice(0, 300);
}
