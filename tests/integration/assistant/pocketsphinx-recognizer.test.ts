// The embedded recognizer as a child process: its grammar follows the show, and a recognizer that is
// missing or breaks gives a clear error instead of words.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWav, PocketsphinxRecognizer, SpeechError } from '../../../src/assistant/speech/index.js';
import { ShowSchema, type Show } from '../../../src/show/index.js';
import { speakBytes } from '../../support/voice/speak.js';
import { voiceTestShow } from '../../support/voice/voice-show.js';

async function problemOf(promise: Promise<unknown>): Promise<{ problem: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SpeechError) return { problem: error.problem, message: error.message };
    throw error;
  }
  throw new Error('expected a SpeechError');
}

describe('pocketsphinx recognizer', () => {
  it('writes the grammar once per show content and again when a name changes', async () => {
    let show: Show = voiceTestShow();
    const recognizer = new PocketsphinxRecognizer({ show: () => show });
    const first = await recognizer.grammar();
    expect(await recognizer.grammar()).toBe(first);
    expect(readFileSync(first.grammarPath, 'utf8')).toContain('ball two');
    // The dictionary holds the grammar's words only (poi and outro come from the trade words).
    const dictionary = readFileSync(first.dictionaryPath, 'utf8');
    expect(dictionary).toMatch(/^poi P OY$/m);
    expect(dictionary.split('\n').length).toBeLessThan(200);
    expect(first.missingWords).toEqual([]);
    show = ShowSchema.parse({
      ...show,
      props: show.props.map((prop) => (prop.id === 'club' ? { ...prop, name: 'Hoop' } : prop)),
    });
    const second = await recognizer.grammar();
    expect(second.key).not.toBe(first.key);
    expect(readFileSync(second.grammarPath, 'utf8')).toContain('hoop');
    const heard = await recognizer.transcribe(
      parseWav(await speakBytes('hoop red for four beats', { voice: 'en-us' })),
    );
    expect(heard.text).toBe('hoop red for four beats');
  }, 60_000);

  it('a recognizer that is not installed: "recognizer-missing" naming the package', async () => {
    const recognizer = new PocketsphinxRecognizer({
      show: voiceTestShow,
      binary: 'pocketsphinx_batch_not_here',
    });
    const audio = parseWav(await speakBytes('undo', { voice: 'en-us' }));
    const failure = await problemOf(recognizer.transcribe(audio));
    expect(failure.problem).toBe('recognizer-missing');
    expect(failure.message).toMatch(/apt-get install pocketsphinx/);
  }, 30_000);

  it('a broken acoustic model makes the real recognizer fail: "recognizer-failed" with its reason', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'smlive-broken-model-'));
    const recognizer = new PocketsphinxRecognizer({ show: voiceTestShow, acousticModel: broken });
    const audio = parseWav(await speakBytes('undo', { voice: 'en-us' }));
    const failure = await problemOf(recognizer.transcribe(audio));
    expect(failure.problem).toBe('recognizer-failed');
    expect(failure.message).toMatch(/recognizer (failed|crashed)/);
  }, 30_000);

  it('a recognizer killed by a signal mid-run: "recognizer-failed (crashed)"', async () => {
    // A real process that dies the way a crashing recognizer does (SIGSEGV), in place of the binary.
    const script = join(mkdtempSync(join(tmpdir(), 'smlive-crash-')), 'crash.sh');
    writeFileSync(script, '#!/bin/sh\nkill -SEGV $$\n');
    chmodSync(script, 0o755);
    const recognizer = new PocketsphinxRecognizer({ show: voiceTestShow, binary: script });
    const failure = await problemOf(
      recognizer.transcribe(parseWav(await speakBytes('undo', { voice: 'en-us' }))),
    );
    expect(failure).toMatchObject({ problem: 'recognizer-failed' });
    expect(failure.message).toMatch(/crashed \(SIGSEGV\)/);
  }, 30_000);
});
