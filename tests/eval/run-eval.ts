// Runs the evaluation prompts through the real Copilot against a model server and scores each prompt on
// what it did to the show. The scripted server answers each prompt with its case's script; a real server
// (OLLAMA_HOST, or OPENAI_BASE_URL with OPENAI_MODEL) answers for itself.
import type { LLMock } from '@copilotkit/aimock';
import {
  AssistantSettingsSchema,
  Copilot,
  OllamaProvider,
  OpenAiProvider,
  type AssistantSettings,
  type ChatProvider,
} from '../../src/assistant/index.js';
import { HistoryShowAccess } from '../support/history-show-access.js';
import { startAimock } from '../support/llm-servers.js';
import type { EvalCase } from './eval-cases.js';
import { evalShow } from './eval-show.js';
import { checkExpectations } from './expectation.js';

export interface EvalResult {
  readonly id: string;
  readonly prompt: string;
  readonly passed: boolean;
  readonly state: string;
  readonly problem: string | null;
  readonly latencyMs: number;
}

export interface EvalTarget {
  readonly settings: AssistantSettings;
  readonly provider: ChatProvider;
  close(): Promise<void>;
}

function lastUserText(request: { messages: readonly { role: string; content?: unknown }[] }): string {
  const user = [...request.messages].reverse().find((message) => message.role === 'user');
  return typeof user?.content === 'string' ? user.content : '';
}

/** A loopback server that answers every case's prompt with the case's script. */
export async function scriptedTarget(cases: readonly EvalCase[]): Promise<EvalTarget> {
  const mock: LLMock = await startAimock();
  for (const evalCase of cases) {
    const response = evalCase.script.toolCalls
      ? {
          toolCalls: evalCase.script.toolCalls.map((call) => ({
            name: call.name,
            arguments: JSON.stringify(call.arguments),
          })),
        }
      : { content: evalCase.script.content ?? '' };
    mock.on(
      { predicate: (request) => lastUserText(request).endsWith(`Request: ${evalCase.prompt}`) },
      response,
    );
  }
  const settings = AssistantSettingsSchema.parse({
    provider: 'openai',
    baseUrl: `${mock.url}/v1`,
    model: 'scripted',
    timeoutMs: 10_000,
  });
  return {
    settings,
    provider: new OpenAiProvider({
      baseUrl: settings.baseUrl,
      model: settings.model,
      timeoutMs: settings.timeoutMs,
    }),
    close: () => mock.stop(),
  };
}

/** A real model server named by the environment, or null when none is. */
export function realTarget(env: NodeJS.ProcessEnv = process.env): EvalTarget | null {
  const timeoutMs = Number(env.LLM_TIMEOUT_MS ?? 120_000);
  if (env.OLLAMA_HOST) {
    const settings = AssistantSettingsSchema.parse({
      provider: 'ollama',
      baseUrl: env.OLLAMA_HOST,
      model: env.OLLAMA_MODEL ?? 'qwen2.5:7b-instruct',
      timeoutMs,
    });
    return { settings, provider: new OllamaProvider(settings), close: async () => undefined };
  }
  if (env.OPENAI_BASE_URL) {
    const settings = AssistantSettingsSchema.parse({
      provider: 'openai',
      baseUrl: env.OPENAI_BASE_URL,
      model: env.OPENAI_MODEL ?? 'default',
      timeoutMs,
    });
    return {
      settings,
      provider: new OpenAiProvider({ ...settings, apiKey: env.OPENAI_API_KEY }),
      close: async () => undefined,
    };
  }
  return null;
}

export async function runEval(cases: readonly EvalCase[], target: EvalTarget): Promise<EvalResult[]> {
  const results: EvalResult[] = [];
  for (const evalCase of cases) {
    const live = new HistoryShowAccess(evalShow(evalCase.setup));
    live.playhead = evalCase.playhead ?? 30;
    live.playing = evalCase.playing ?? false;
    live.lookahead = 0.1;
    const before = live.history.show;
    // Large changes ask first even in auto mode; the evaluation says yes, as an operator would.
    const copilot: Copilot = new Copilot({
      live,
      settings: target.settings,
      provider: target.provider,
      onStatus: (status) => {
        if (status.state === 'proposed') queueMicrotask(() => copilot.decide(status.requestId, 'apply'));
      },
    });
    const started = performance.now();
    const outcome = await copilot.prompt(evalCase.prompt);
    const problem = checkExpectations(evalCase.expect, before, live.history.show);
    results.push({
      id: evalCase.id,
      prompt: evalCase.prompt,
      passed: problem === null,
      state: outcome.state,
      problem: problem ?? null,
      latencyMs: Math.round(performance.now() - started),
    });
  }
  return results;
}
