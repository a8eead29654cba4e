// Spoken show commands, synthesized by espeak-ng in three voices and once more with noise, go through the
// real pocketsphinx recognizer and the fast path; the show must change as each command says (checked on
// the show's segments, not on the recognized text), and every change is a checkpoint recording the words.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { PocketsphinxRecognizer } from '../../../src/assistant/speech/index.js';
import { VoicePrompter, VoiceSettingsSchema, type VoiceStatus } from '../../../src/assistant/voice/index.js';
import { HistoryVoiceAccess } from '../../support/voice/history-voice-access.js';
import { speak, VOICES } from '../../support/voice/speak.js';
import {
  LOOKAHEAD,
  PLAYHEAD,
  SPOKEN_CASES,
  showProblem,
  type SpokenCase,
} from '../../support/voice/spoken-commands.js';
import { voiceTestShow } from '../../support/voice/voice-show.js';

const SETS = [
  ...VOICES.map((voice) => ({ name: voice, voice, noise: 0 })),
  { name: 'en-us + pink noise', voice: 'en-us', noise: 0.05 },
];
const REQUIRED_SHARE = 0.85;

interface Outcome {
  readonly set: string;
  readonly spoken: SpokenCase;
  readonly status: VoiceStatus;
  readonly problem: string | null;
}

let outcomes: Outcome[] = [];

/** Undo and redo need something to undo or redo: one edit, or one edit undone. */
function prepared(spoken: SpokenCase): { access: HistoryVoiceAccess; expected: () => unknown } {
  const access = new HistoryVoiceAccess(voiceTestShow(), { playhead: PLAYHEAD, lookahead: LOOKAHEAD });
  const original = access.history.show;
  if (spoken.expect.kind === 'undo' || spoken.expect.kind === 'redo') {
    access.history.commit(
      { type: 'addSegment', propId: 'ball-1', start: 20, end: 30, look: { kind: 'solid', color: [9, 9, 9] } },
      { author: 'operator' },
    );
    const edited = access.history.show;
    if (spoken.expect.kind === 'redo') access.history.undo({ author: 'operator' });
    return { access, expected: () => (spoken.expect.kind === 'undo' ? original : edited) };
  }
  return { access, expected: () => null };
}

async function runOne(
  set: (typeof SETS)[number],
  spoken: SpokenCase,
  recognizer: PocketsphinxRecognizer,
): Promise<Outcome> {
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
  let problem: string | null = null;
  const expect = spoken.expect;
  if (status.state !== 'applied') problem = `${status.state}: ${status.message}`;
  else if (expect.kind === 'blackout')
    problem = access.blackout === expect.on ? null : `blackout is ${access.blackout}`;
  else if (expect.kind === 'undo' || expect.kind === 'redo') {
    problem =
      JSON.stringify(after) === JSON.stringify(expected()) ? null : `${expect.kind} did not restore the show`;
  } else problem = showProblem(expect, before, after);
  if (problem === null && expect.kind !== 'blackout') {
    // One checkpoint, and it says what was heard.
    const added = access.history.checkpoints().filter((checkpoint) => checkpoint.revision > revisionBefore);
    const meta = added[0]?.meta;
    if (added.length !== 1 || meta?.['source'] !== 'voice' || meta['heard'] !== status.text)
      problem = `expected one voice checkpoint with the words, got ${JSON.stringify(added.map((c) => c.meta))}`;
  }
  return { set: set.name, spoken, status, problem };
}

describe('spoken commands through the real recognizer', () => {
  beforeAll(async () => {
    const recognizer = new PocketsphinxRecognizer({ show: voiceTestShow });
    outcomes = await Promise.all(
      SETS.flatMap((set) => SPOKEN_CASES.map((spoken) => runOne(set, spoken, recognizer))),
    );
  }, 240_000);

  it('has at least 30 commands in at least 3 voices and a noisy set', () => {
    expect(SPOKEN_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(SETS.map((set) => set.voice)).size).toBeGreaterThanOrEqual(3);
    expect(outcomes).toHaveLength(SETS.length * SPOKEN_CASES.length);
  });

  for (const set of SETS) {
    it(`${set.name}: at least ${REQUIRED_SHARE * 100} % of the commands change the show as they say`, () => {
      const mine = outcomes.filter((outcome) => outcome.set === set.name);
      const failed = mine.filter((outcome) => outcome.problem !== null);
      const report = failed
        .map((o) => `"${o.spoken.text}" heard "${o.status.text}": ${o.problem}`)
        .join('\n');
      expect(mine.length - failed.length, report).toBeGreaterThanOrEqual(
        Math.ceil(mine.length * REQUIRED_SHARE),
      );
    });
  }

  it('every one of the 33 commands works in at least one voice', () => {
    for (const spoken of SPOKEN_CASES) {
      const passes = outcomes.filter((outcome) => outcome.spoken === spoken && outcome.problem === null);
      expect(passes.length, spoken.text).toBeGreaterThan(0);
    }
  });
});
