// Spoken show commands, synthesized by espeak-ng in three voices and once more with noise, go through the
// real pocketsphinx recognizer and the fast path; the show must change as each command says (checked on
// the show's segments, not on the recognized text), and every change is a checkpoint recording the words.
import { beforeAll, describe, expect, it } from 'vitest';
import { PocketsphinxRecognizer } from '../../../src/assistant/speech/index.js';
import { SPOKEN_CASES } from '../../support/voice/spoken-commands.js';
import { runSpokenCase, SPEECH_SETS, type SpokenOutcome } from '../../support/voice/spoken-set.js';
import { voiceTestShow } from '../../support/voice/voice-show.js';

/** Each voice on its own; all of them together must reach the 85 %. */
const REQUIRED_PER_SET = 0.8;
const REQUIRED_OVERALL = 0.85;

let outcomes: SpokenOutcome[] = [];

const report = (failed: readonly SpokenOutcome[]) =>
  failed.map((o) => `[${o.set}] "${o.spoken.text}" heard "${o.status.text}": ${o.problem}`).join('\n');

describe('spoken commands through the real recognizer', () => {
  beforeAll(async () => {
    // One recognizer for all: utterances that arrive together share a recognizer run.
    const recognizer = new PocketsphinxRecognizer({ show: voiceTestShow });
    outcomes = await Promise.all(
      SPEECH_SETS.flatMap((set) => SPOKEN_CASES.map((spoken) => runSpokenCase(set, spoken, recognizer))),
    );
  }, 240_000);

  it('has at least 30 commands in at least 3 voices and a noisy set', () => {
    expect(SPOKEN_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(SPEECH_SETS.map((set) => set.voice)).size).toBeGreaterThanOrEqual(3);
    expect(outcomes).toHaveLength(SPEECH_SETS.length * SPOKEN_CASES.length);
  });

  for (const set of SPEECH_SETS) {
    it(`${set.name}: at least ${REQUIRED_PER_SET * 100} % of the commands change the show as they say`, () => {
      const mine = outcomes.filter((outcome) => outcome.set === set.name);
      const failed = mine.filter((outcome) => outcome.problem !== null);
      expect(mine.length - failed.length, report(failed)).toBeGreaterThanOrEqual(
        Math.ceil(mine.length * REQUIRED_PER_SET),
      );
    });
  }

  it(`all sets together: at least ${REQUIRED_OVERALL * 100} % right`, () => {
    const failed = outcomes.filter((outcome) => outcome.problem !== null);
    expect(outcomes.length - failed.length, report(failed)).toBeGreaterThanOrEqual(
      Math.ceil(outcomes.length * REQUIRED_OVERALL),
    );
  });

  it('every command works in at least one voice', () => {
    for (const spoken of SPOKEN_CASES) {
      const passes = outcomes.filter((outcome) => outcome.spoken === spoken && outcome.problem === null);
      expect(passes.length, spoken.text).toBeGreaterThan(0);
    }
  });
});
