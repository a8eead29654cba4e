import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AssistantSettingsSchema,
  Copilot,
  OllamaProvider,
  OpenAiProvider,
  type AssistantStatus,
  type ChatProvider,
} from '../../../src/assistant/index.js';
import { HistoryShowAccess } from '../../support/history-show-access.js';
import { startRawServer, type RawServer } from '../../support/llm-servers.js';
import { emptyShow } from '../../support/show-fixtures.js';

type Protocol = 'openai' | 'ollama';
let server: RawServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** The first bytes of a streamed reply that carries a tool call, in each protocol's framing. */
function startStream(protocol: Protocol, response: ServerResponse): void {
  if (protocol === 'openai') {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = {
      id: 'c1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [
        {
          index: 0,
          delta: {
            role: 'assistant',
            tool_calls: [
              {
                index: 0,
                id: 'call_1',
                type: 'function',
                function: { name: 'addSegment', arguments: '{"propId":"ball1","st' },
              },
            ],
          },
          finish_reason: null,
        },
      ],
    };
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  } else {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    response.write(
      `${JSON.stringify({ model: 'm', created_at: new Date().toISOString(), message: { role: 'assistant', content: 'Work' }, done: false })}\n`,
    );
  }
}

function setup(protocol: Protocol, baseUrl: string, timeoutMs = 5000) {
  const live = new HistoryShowAccess(emptyShow());
  const settings = AssistantSettingsSchema.parse({ provider: protocol, baseUrl, model: 'm', timeoutMs });
  const provider: ChatProvider =
    protocol === 'openai'
      ? new OpenAiProvider({ baseUrl: `${baseUrl}/v1`, model: 'm', timeoutMs })
      : new OllamaProvider({ baseUrl, model: 'm', timeoutMs });
  const statuses: AssistantStatus[] = [];
  const copilot = new Copilot({ live, settings, provider, onStatus: (status) => statuses.push(status) });
  return { live, copilot, statuses };
}

describe.each(['openai', 'ollama'] as const)('copilot failures over %s', (protocol) => {
  for (const moment of ['before the first byte', 'during streaming'] as const) {
    it(`stops ${moment} within 300 ms, closes the request and applies nothing`, async () => {
      let requestArrived = false;
      server = await startRawServer((_request, response) => {
        requestArrived = true;
        if (moment === 'during streaming') startStream(protocol, response);
        // …and then never another byte.
      });
      const { live, copilot } = setup(protocol, server.url);
      const pending = copilot.prompt('turn everything red');
      await expect.poll(() => requestArrived).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closed = server.closed();
      const stoppedAt = performance.now();
      copilot.stop();
      const outcome = await pending;
      const closedAt = await closed;
      expect(outcome).toMatchObject({ state: 'stopped', message: 'stopped; nothing changed' });
      expect(performance.now() - stoppedAt).toBeLessThan(300);
      expect(closedAt - stoppedAt).toBeLessThan(300);
      expect(live.history.revision).toBe(0);
      expect(copilot.busy).toBe(false);
    });
  }

  it('reports a server that drops the connection mid-stream, and changes nothing', async () => {
    server = await startRawServer((_request, response) => {
      startStream(protocol, response);
      setTimeout(() => response.socket?.destroy(), 50);
    });
    const { live, copilot } = setup(protocol, server.url);
    const outcome = await copilot.prompt('turn everything red');
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(/nothing changed/);
    expect(live.history.revision).toBe(0);
  });

  it('reports a server that is down', async () => {
    server = await startRawServer(() => undefined);
    const url = server.url;
    await server.stop();
    server = null;
    const { live, copilot } = setup(protocol, url);
    const outcome = await copilot.prompt('turn everything red');
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(/not reachable/);
    expect(live.history.revision).toBe(0);
  });

  it('gives up on a hung server after the timeout', async () => {
    server = await startRawServer(() => undefined);
    const { live, copilot } = setup(protocol, server.url, 1000);
    const outcome = await copilot.prompt('turn everything red');
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(/did not answer within 1 s/);
    expect(live.history.revision).toBe(0);
  });

  it('reports malformed output clearly', async () => {
    server = await startRawServer((_request, response) => {
      response.writeHead(200, {
        'content-type': protocol === 'openai' ? 'text/event-stream' : 'application/x-ndjson',
      });
      response.end(protocol === 'openai' ? 'data: {not json\n\n' : '{not json\n');
    });
    const { live, copilot } = setup(protocol, server.url);
    const outcome = await copilot.prompt('turn everything red');
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(/model server/);
    expect(live.history.revision).toBe(0);
  });
});
