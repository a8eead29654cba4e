import {
  AssistantSettingsSchema,
  Copilot,
  OllamaProvider,
  OpenAiProvider,
  SYSTEM_PROMPT,
  countTokens,
  toolSpecs,
} from '../../src/assistant/index.js';
import { HistoryShowAccess } from '../support/history-show-access.js';
import { startRawServer } from '../support/llm-servers.js';
import { emptyShow } from '../support/show-fixtures.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const promptTokens: Benchmark = {
  name: 'assistant-prompt-tokens',
  description:
    'tokens (cl100k) of the system prompt and the tool list as sent to an OpenAI-compatible server',
  async run() {
    const tools = JSON.stringify(
      toolSpecs.map((tool) => ({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.parameters },
      })),
    );
    const system = countTokens(SYSTEM_PROMPT);
    const toolTokens = countTokens(tools);
    return {
      systemPromptTokens: system,
      toolTokens,
      totalTokens: system + toolTokens,
      tools: toolSpecs.length,
      goal: '≤ 1500',
    };
  },
};

const abort: Benchmark = {
  name: 'assistant-abort',
  description:
    'ms from the operator’s stop to the model request closed at the server, mid-stream, both protocols',
  async run() {
    const figures: Record<string, unknown> = {};
    for (const protocol of ['openai', 'ollama'] as const) {
      const server = await startRawServer((_request, response) => {
        response.writeHead(200, {
          'content-type': protocol === 'openai' ? 'text/event-stream' : 'application/x-ndjson',
        });
        response.write(
          protocol === 'openai'
            ? 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Th"}}]}\n\n'
            : '{"model":"m","message":{"role":"assistant","content":"Th"},"done":false}\n',
        );
      });
      const samples: number[] = [];
      try {
        for (let run = 0; run < 20; run++) {
          const live = new HistoryShowAccess(emptyShow());
          const settings = AssistantSettingsSchema.parse({
            provider: protocol,
            baseUrl: server.url,
            model: 'm',
            timeoutMs: 10_000,
          });
          const provider =
            protocol === 'openai'
              ? new OpenAiProvider({ baseUrl: `${server.url}/v1`, model: 'm', timeoutMs: 10_000 })
              : new OllamaProvider({ baseUrl: server.url, model: 'm', timeoutMs: 10_000 });
          let streaming = false;
          const copilot = new Copilot({
            live,
            settings,
            provider: {
              kind: provider.kind,
              model: provider.model,
              health: (signal) => provider.health(signal),
              complete: (request) => provider.complete({ ...request, onProgress: () => (streaming = true) }),
            },
          });
          const pending = copilot.prompt('turn everything red');
          while (!streaming) await new Promise((resolve) => setTimeout(resolve, 5));
          const closed = server.closed();
          const stoppedAt = performance.now();
          copilot.stop();
          await pending;
          samples.push((await closed) - stoppedAt);
        }
      } finally {
        await server.stop();
      }
      figures[protocol] = {
        p50Ms: round(percentile(samples, 50), 2),
        p99Ms: round(percentile(samples, 99), 2),
        maxMs: round(Math.max(...samples), 2),
      };
    }
    return { ...figures, goal: '≤ 300 ms' };
  },
};

export default [promptTokens, abort];
