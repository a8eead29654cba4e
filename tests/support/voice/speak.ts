// Real speech for the voice tests: espeak-ng says a command, sox pads it like a hold-to-talk recording
// (a breath of silence before and after) and, for the noisy set, mixes in pink noise.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const VOICES = ['en-us', 'en-gb', 'en-us+f3'] as const;

export interface SpeakOptions {
  readonly voice: string;
  /** Pink noise amplitude mixed in (0: none). */
  readonly noise?: number;
  readonly dir?: string;
}

let counter = 0;
const defaultDir = mkdtempSync(join(tmpdir(), 'smlive-speak-'));

/** Says `text` and returns the WAV file's path. */
export async function speak(text: string, options: SpeakOptions): Promise<string> {
  const dir = options.dir ?? defaultDir;
  const id = `${process.pid}-${++counter}`;
  const raw = join(dir, `${id}-raw.wav`);
  const out = join(dir, `${id}.wav`);
  try {
    await run('espeak-ng', ['-v', options.voice, '-s', '150', '-w', raw, text]);
  } catch (error) {
    throw new Error(`espeak-ng failed (install it: apt-get install espeak-ng): ${String(error)}`);
  }
  if (options.noise) {
    const padded = join(dir, `${id}-pad.wav`);
    await run('sox', [raw, padded, 'pad', '0.3', '0.4']);
    const noise = join(dir, `${id}-noise.wav`);
    // -R: a fixed seed, so the noisy set sounds the same on every run.
    await run('sox', ['-R', padded, noise, 'synth', 'pinknoise', 'vol', String(options.noise)]);
    await run('sox', ['-m', padded, noise, out]);
  } else {
    await run('sox', [raw, out, 'pad', '0.3', '0.4']);
  }
  return out;
}

export async function speakBytes(text: string, options: SpeakOptions): Promise<Uint8Array> {
  return new Uint8Array(readFileSync(await speak(text, options)));
}
