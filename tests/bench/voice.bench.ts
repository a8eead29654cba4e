// Voice prompting figures. voice-accuracy: word accuracy and command accuracy (the show changed as said)
// of the espeak-ng set through pocketsphinx. voice-latency: ms from the end of the recording (its upload)
// to the change applied, on the fast path through the daemon's route and on the LLM path with a scripted
// model.
import { readFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { AssistantSettingsSchema, Copilot, OpenAiProvider } from '../../src/assistant/index.js';
import { OpenAiTranscriber, PocketsphinxRecognizer } from '../../src/assistant/speech/index.js';
import { VoicePrompter, VoiceSettingsSchema } from '../../src/assistant/voice/index.js';
import { HistoryShowAccess } from '../support/history-show-access.js';
import { startAimock } from '../support/llm-servers.js';
import { startTestDaemon, TEST_TOKEN } from '../support/test-daemon.js';
import { HistoryVoiceAccess } from '../support/voice/history-voice-access.js';
import { speak } from '../support/voice/speak.js';
import { SPOKEN_CASES } from '../support/voice/spoken-commands.js';
import { runSpokenCase, SPEECH_SETS, wordErrors } from '../support/voice/spoken-set.js';
import { voiceTestShow } from '../support/voice/voice-show.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const accuracy: Benchmark = {
  name: 'voice-accuracy',
  description:
    'word accuracy and command accuracy (show checked) of 33 spoken commands × 3 espeak-ng voices + a noisy set, through pocketsphinx',
  async run() {
    const recognizer = new PocketsphinxRecognizer({ show: voiceTestShow });
    const started = performance.now();
    const outcomes = await Promise.all(
      SPEECH_SETS.flatMap((set) => SPOKEN_CASES.map((spoken) => runSpokenCase(set, spoken, recognizer))),
    );
    const wallMs = performance.now() - started;
    const figures = (subset: typeof outcomes) => {
      let errors = 0;
      let words = 0;
      for (const outcome of subset) {
        const counted = wordErrors(outcome.spoken.text, outcome.status.text);
        errors += counted.errors;
        words += counted.words;
      }
      return {
        wordAccuracy: round(1 - errors / words, 3),
        commandAccuracy: round(
          subset.filter((outcome) => outcome.problem === null).length / subset.length,
          3,
        ),
      };
    };
    const bySet = Object.fromEntries(
      SPEECH_SETS.map((set) => [set.name, figures(outcomes.filter((outcome) => outcome.set === set.name))]),
    );
    return {
      utterances: outcomes.length,
      ...figures(outcomes),
      bySet,
      msPerUtteranceWall: round(wallMs / outcomes.length, 1),
      goal: 'word accuracy ≥ 0.90, command accuracy ≥ 0.85',
    };
  },
};

const FAST_COMMANDS = [
  'ball two red for eight beats',
  'flash ball one blue',
  'all balls white for two bars',
  'pulse everything green until the drop',
  'undo',
  'redo',
  'strobe poi left white for four beats',
  'ball one purple for sixteen beats',
  'fade poi right to orange for two bars',
  'rainbow all balls for four bars',
];

function postTimed(
  url: string,
  body: Uint8Array,
): Promise<{ applied: number; heardMs: number; state: string }> {
  return new Promise((resolve, reject) => {
    const sent = performance.now();
    const request = httpsRequest(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TEST_TOKEN}`,
          'content-type': 'audio/wav',
          'content-length': body.length,
        },
        rejectUnauthorized: false,
      },
      (response) => {
        let text = '';
        let heardAt = 0;
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (heardAt === 0 && text.includes('\n')) heardAt = performance.now();
        });
        response.on('end', () => {
          const last = JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as { state?: string };
          resolve({ applied: performance.now() - sent, heardMs: heardAt - sent, state: last.state ?? '?' });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const latency: Benchmark = {
  name: 'voice-latency',
  description:
    'ms from the end of the recording to the change applied: fast path through the daemon (HTTPS, pocketsphinx, checkpoint on disk) and LLM path (transcription server + scripted model on loopback)',
  async run() {
    const wavs = await Promise.all(
      FAST_COMMANDS.map(
        async (text) => new Uint8Array(await readFile(await speak(text, { voice: 'en-us' }))),
      ),
    );
    const daemon = await startTestDaemon();
    const fast: number[] = [];
    const heard: number[] = [];
    let refused = 0;
    try {
      for (let round_ = 0; round_ < 5; round_++) {
        for (const wav of wavs) {
          const result = await postTimed(new URL('/api/voice', daemon.daemon.httpsUrl).href, wav);
          if (result.state !== 'applied') refused++;
          else {
            fast.push(result.applied);
            heard.push(result.heardMs);
          }
        }
      }
    } finally {
      await daemon.stop();
    }
    const mock = await startAimock();
    const llm: number[] = [];
    try {
      mock.onMessage(/warmer\.?$/, {
        toolCalls: [
          {
            name: 'addSegment',
            arguments: JSON.stringify({
              propId: 'ball-1',
              start: 48,
              end: 56,
              look: { kind: 'solid', color: [255, 120, 0] },
            }),
          },
        ],
      });
      // After the chat fixture: a fixture with no match of its own would answer the chat request too.
      mock.onTranscription({ transcription: { text: 'Make the chorus feel warmer.' } });
      const settings = AssistantSettingsSchema.parse({
        provider: 'openai',
        baseUrl: `${mock.url}/v1`,
        model: 'scripted',
        timeoutMs: 10_000,
      });
      for (let run = 0; run < 30; run++) {
        const assistantAccess = new HistoryShowAccess(voiceTestShow());
        const copilot = new Copilot({
          live: assistantAccess,
          settings,
          provider: new OpenAiProvider({ baseUrl: settings.baseUrl, model: 'scripted', timeoutMs: 10_000 }),
        });
        const prompter = new VoicePrompter({
          recognizer: () =>
            new OpenAiTranscriber({ show: voiceTestShow, baseUrl: `${mock.url}/v1`, model: 'whisper-1' }),
          show: new HistoryVoiceAccess(voiceTestShow(), { playhead: 10, lookahead: 0.1 }),
          assistant: () => copilot,
          settings: () => VoiceSettingsSchema.parse({ engine: 'openai' }),
        });
        const started = performance.now();
        const outcome = await prompter.handle(wavs[0] as Uint8Array).outcome;
        if (outcome.state !== 'applied') throw new Error(`LLM path: ${outcome.state}: ${outcome.message}`);
        llm.push(performance.now() - started);
      }
    } finally {
      await mock.stop();
    }
    return {
      fastPath: {
        runs: fast.length,
        refused,
        wordsShownP50Ms: round(percentile(heard, 50), 1),
        p50Ms: round(percentile(fast, 50), 1),
        p99Ms: round(percentile(fast, 99), 1),
      },
      llmPath: {
        runs: llm.length,
        p50Ms: round(percentile(llm, 50), 1),
        p99Ms: round(percentile(llm, 99), 1),
      },
      goal: 'fast path p99 ≤ 500 ms',
    };
  },
};

export default [accuracy, latency];
