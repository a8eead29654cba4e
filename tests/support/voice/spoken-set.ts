// One spoken command through the whole voice path on its own copy of the test show: espeak-ng speech →
// the recognizer → the fast path → a real ShowHistory; then the show is checked against what was said.
// Shared by the real-speech test and the voice-accuracy benchmark.
import { readFile } from 'node:fs/promises';
import type { SpeechToText } from '../../../src/assistant/speech/index.js';
import { VoicePrompter, VoiceSettingsSchema, type VoiceStatus } from '../../../src/assistant/voice/index.js';
import { HistoryVoiceAccess } from './history-voice-access.js';
import { speak, VOICES } from './speak.js';
import { LOOKAHEAD, PLAYHEAD, showProblem, type SpokenCase } from './spoken-commands.js';
import { voiceTestShow } from './voice-show.js';

export interface SpeechSet {
  readonly name: string;
  readonly voice: string;
  readonly noise: number;
}

export const SPEECH_SETS: readonly SpeechSet[] = [
  ...VOICES.map((voice) => ({ name: voice, voice, noise: 0 })),
  { name: 'en-us + pink noise', voice: 'en-us', noise: 0.05 },
];

export interface SpokenOutcome {
  readonly set: string;
  readonly spoken: SpokenCase;
  readonly status: VoiceStatus;
  /** What is wrong with the show afterwards, or null when it changed as the words say. */
  readonly problem: string | null;
}

/** Undo and redo need something to undo or redo: one edit, or one edit undone. */
function prepared(spoken: SpokenCase): { access: HistoryVoiceAccess; expected: unknown } {
  const access = new HistoryVoiceAccess(voiceTestShow(), { playhead: PLAYHEAD, lookahead: LOOKAHEAD });
  const original = access.history.show;
  if (spoken.expect.kind !== 'undo' && spoken.expect.kind !== 'redo') return { access, expected: null };
  access.history.commit(
    { type: 'addSegment', propId: 'ball-1', start: 20, end: 30, look: { kind: 'solid', color: [9, 9, 9] } },
    { author: 'operator' },
  );
  const edited = access.history.show;
  if (spoken.expect.kind === 'redo') access.history.undo({ author: 'operator' });
  return { access, expected: spoken.expect.kind === 'undo' ? original : edited };
}

export async function runSpokenCase(
  set: SpeechSet,
  spoken: SpokenCase,
  recognizer: SpeechToText,
): Promise<SpokenOutcome> {
  const wav = new Uint8Array(
    await readFile(await speak(spoken.text, { voice: set.voice, noise: set.noise })),
  );
  const { access, expected } = prepared(spoken);
  const before = access.history.show;
  const revisionBefore = access.history.revision;
  const prompter = new VoicePrompter({
    recognizer: () => recognizer,
    show: access,
    settings: () => VoiceSettingsSchema.parse({}),
  });
  const status = await prompter.handle(wav).outcome;
  const after = access.history.show;
  const expect = spoken.expect;
  let problem: string | null;
  if (status.state !== 'applied') problem = `${status.state}: ${status.message}`;
  else if (expect.kind === 'blackout')
    problem = access.blackout === expect.on ? null : `blackout is ${access.blackout}`;
  else if (expect.kind === 'undo' || expect.kind === 'redo')
    problem =
      JSON.stringify(after) === JSON.stringify(expected) ? null : `${expect.kind} did not restore the show`;
  else problem = showProblem(expect, before, after);
  if (problem === null && expect.kind !== 'blackout') {
    // One checkpoint, and it says what was heard.
    const added = access.history.checkpoints().filter((checkpoint) => checkpoint.revision > revisionBefore);
    const meta = added[0]?.meta;
    if (added.length !== 1 || meta?.['source'] !== 'voice' || meta['heard'] !== status.text)
      problem = `expected one voice checkpoint with the words, got ${JSON.stringify(added.map((c) => c.meta))}`;
  }
  return { set: set.name, spoken, status, problem };
}

/** Word errors (substitutions, deletions, insertions) between what was said and what was heard. */
export function wordErrors(said: string, heard: string): { errors: number; words: number } {
  const a = said.split(/\s+/).filter(Boolean);
  const b = heard.split(/\s+/).filter(Boolean);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return { errors: previous[b.length] as number, words: a.length };
}
