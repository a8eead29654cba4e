import {
  AssistantSettingsSchema,
  Copilot,
  OllamaProvider,
  OpenAiProvider,
  SYSTEM_PROMPT,
  countTokens,
  toolSpecs,
} from '../../src/assistant/index.js';
import { VirtualLink } from '../../src/devices/virtual/virtual-link.js';
import { VirtualClock } from '../../src/engine/virtual-clock.js';
import { frameIndexAt, renderPropFrame, type Show } from '../../src/show/index.js';
import { bigShow } from '../support/big-show.js';
import { HistoryShowAccess } from '../support/history-show-access.js';
import { startAimock, startRawServer } from '../support/llm-servers.js';
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

/** A show access that, like the daemon's live loop, renders the next frame and hands it to a link after each commit. */
class RenderingShowAccess extends HistoryShowAccess {
  handedAt = 0;
  constructor(
    show: Show,
    private readonly link: VirtualLink,
  ) {
    super(show);
  }
  override async commit(...args: Parameters<HistoryShowAccess['commit']>) {
    const result = await super.commit(...args);
    const show = this.history.show;
    const frame = frameIndexAt(this.playhead, show.frameRate) + 1;
    for (const prop of show.props) {
      const pixels = new Uint8Array(prop.pixelCount * 3);
      renderPropFrame(prop, show.beatGrid, frame, show.frameRate, pixels);
      this.link.send({ propId: prop.id, showAt: frame / show.frameRate, pixels });
    }
    this.handedAt = performance.now();
    return result;
  }
}

const overhead: Benchmark = {
  name: 'assistant-overhead',
  description:
    'ms from the model reply’s last byte to the checkpoint committed and the next frames handed to a link, 10,000-segment show',
  async run() {
    const mock = await startAimock();
    const show = bigShow(4, 4, 2_500, 0.05);
    const clock = new VirtualClock({ duration: show.duration });
    const link = new VirtualLink({
      id: 'bench',
      props: show.props.map((prop) => ({ propId: prop.id, pixelCount: prop.pixelCount })),
      clock,
    });
    await link.connect();
    const samples: number[] = [];
    try {
      for (let run = 0; run < 60; run++) {
        const start = 10 + run;
        mock.onMessage(new RegExp(`run ${run}$`), {
          toolCalls: [
            {
              name: 'addEffect',
              arguments: JSON.stringify({
                propIds: ['ball1', 'ball2'],
                start,
                end: start + 1,
                effect: { kind: 'strobe', color: [255, 255, 255], rateHz: 8 },
              }),
            },
          ],
        });
        const access = new RenderingShowAccess(show, link);
        access.playhead = start - 2;
        const settings = AssistantSettingsSchema.parse({
          provider: 'openai',
          baseUrl: `${mock.url}/v1`,
          model: 'm',
          timeoutMs: 10_000,
        });
        const provider = new OpenAiProvider({ baseUrl: settings.baseUrl, model: 'm', timeoutMs: 10_000 });
        let lastByteAt = 0;
        const copilot = new Copilot({
          live: access,
          settings,
          provider: {
            kind: provider.kind,
            model: provider.model,
            health: (signal) => provider.health(signal),
            complete: async (request) => {
              const reply = await provider.complete(request);
              lastByteAt = performance.now();
              return reply;
            },
          },
        });
        const outcome = await copilot.prompt(`strobe run ${run}`);
        if (outcome.state !== 'applied') throw new Error(`run ${run}: ${outcome.message}`);
        samples.push(access.handedAt - lastByteAt);
      }
    } finally {
      await link.close();
      await mock.stop();
    }
    const measured = samples.slice(10);
    return {
      segments: 10_000,
      runs: measured.length,
      p50Ms: round(percentile(measured, 50), 2),
      p99Ms: round(percentile(measured, 99), 2),
      goal: 'p99 ≤ 20 ms',
    };
  },
};

export default [promptTokens, abort, overhead];
