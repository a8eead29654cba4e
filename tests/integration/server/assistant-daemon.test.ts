import { stat, readFile } from 'node:fs/promises';
import type { LLMock } from '@copilotkit/aimock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssistantPanel, AssistantStatusEvent } from '../../../src/contracts/index.js';
import { apiKeyPath } from '../../../src/server/assistant/api-key-file.js';
import { controller, request, type ControllerMirror } from '../../support/controller-client.js';
import { startAimock } from '../../support/llm-servers.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';

const SECRET = 'sk-test-very-secret-4242';

let mock: LLMock;
let daemon: TestDaemon;
let operator: ControllerMirror;
const seen: string[] = [];
const statuses: AssistantStatusEvent[] = [];
const panels: AssistantPanel[] = [];

beforeAll(async () => {
  mock = await startAimock();
  daemon = await startTestDaemon();
  operator = await controller(daemon.baseUrl, TEST_TOKEN);
  operator.socket.onAny((event: string, ...args: unknown[]) => seen.push(`${event} ${JSON.stringify(args)}`));
  operator.socket.on('assistant:status', (status) => statuses.push(status));
  operator.socket.on('assistant:panel', (panel) => panels.push(panel));
});

afterAll(async () => {
  operator?.socket.disconnect();
  await daemon?.stop();
  await mock?.stop();
});

describe('the assistant in the daemon', () => {
  it('takes settings and a key from a controller, keeps the key in a 0600 file, and never sends it back', async () => {
    const ack = await request(operator.socket, 'assistant:configure', {
      settings: { provider: 'openai', baseUrl: `${mock.url}/v1`, model: 'show-model', timeoutMs: 5000 },
      apiKey: SECRET,
    });
    expect(ack).toEqual({ ok: true });
    const file = apiKeyPath(daemon.dataDir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(SECRET);
    await request(operator.socket, 'assistant:panel', { check: true });
    await expect.poll(() => seen.some((line) => line.startsWith('assistant:panel'))).toBe(true);
    const panel = seen.find((line) => line.startsWith('assistant:panel')) ?? '';
    expect(panel).toContain('"hasApiKey":true');
    expect(panel).toContain('show-model');
  });

  it('refuses bad settings with the field, and keeps the old ones', async () => {
    const ack = await request(operator.socket, 'assistant:configure', { settings: { temperature: 7 } });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', path: 'settings.temperature' },
    });
    expect(daemon.daemon.assistant.panel().settings.temperature).not.toBe(7);
  });

  it('turns a prompt into one checkpoint that every controller gets as a patch', async () => {
    mock.onMessage(/flash the first ball/, {
      toolCalls: [
        {
          name: 'addSegment',
          arguments: JSON.stringify({
            propId: daemon.daemon.session.show.props[0]!.id,
            start: 1,
            end: 2,
            look: { kind: 'solid', color: [255, 255, 255] },
          }),
        },
      ],
    });
    const before = operator.revision;
    expect(
      await request(operator.socket, 'assistant:prompt', {
        text: 'flash the first ball white at one second',
      }),
    ).toEqual({ ok: true });
    await operator.until(() => operator.revision === before + 1, 'the assistant patch');
    await expect.poll(() => statuses.at(-1)?.state).toBe('applied');
    await expect
      .poll(() => panels.at(-1))
      .toMatchObject({
        busy: false,
        current: { state: 'applied', prompt: 'flash the first ball white at one second' },
      });
    const checkpoint = operator.snapshot!.history.checkpoints.at(-1)!;
    expect(checkpoint.author).toBe('assistant');
    const prop = operator.show.props[0]!;
    expect(prop.segments.some((segment) => segment.start === 1 && segment.end === 2)).toBe(true);
  });

  it('says when there is no proposal to decide', async () => {
    expect(
      await request(operator.socket, 'assistant:decide', { requestId: 999, decision: 'apply' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('never let the key out: not in any event, not in the health answer, not in the log', async () => {
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((line) => line.includes(SECRET))).toEqual([]);
    const health = await (await fetch(new URL('/api/health', daemon.baseUrl))).text();
    expect(health).not.toContain(SECRET);
    expect(daemon.log.filter((line) => line.includes(SECRET))).toEqual([]);
  });
});
