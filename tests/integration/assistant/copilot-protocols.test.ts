import type { LLMock } from '@copilotkit/aimock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AssistantSettingsSchema,
  Copilot,
  OllamaProvider,
  OpenAiProvider,
  type AssistantStatus,
  type ChatProvider,
} from '../../../src/assistant/index.js';
import { HistoryShowAccess } from '../../support/history-show-access.js';
import { startAimock } from '../../support/llm-servers.js';
import { emptyShow, steadyBeats } from '../../support/show-fixtures.js';

let mock: LLMock;
beforeAll(async () => {
  mock = await startAimock();
});
afterAll(async () => {
  await mock.stop();
});
beforeEach(() => {
  mock.reset();
});

const white = [255, 255, 255];
const flash = (propId: string, start: number, end: number) => ({
  name: 'addSegment',
  arguments: JSON.stringify({ propId, start, end, look: { kind: 'solid', color: white } }),
});

function setup(provider: 'openai' | 'ollama', overrides: Record<string, unknown> = {}) {
  const live = new HistoryShowAccess(emptyShow({ props: 3, duration: 120, beats: steadyBeats(120, 120) }));
  const settings = AssistantSettingsSchema.parse({
    provider,
    baseUrl: provider === 'openai' ? `${mock.url}/v1` : mock.url,
    model: 'test-model',
    timeoutMs: 5000,
    ...overrides,
  });
  const chat: ChatProvider =
    provider === 'openai'
      ? new OpenAiProvider({
          baseUrl: settings.baseUrl,
          model: settings.model,
          timeoutMs: settings.timeoutMs,
          apiKey: 'sk-test',
        })
      : new OllamaProvider({
          baseUrl: settings.baseUrl,
          model: settings.model,
          timeoutMs: settings.timeoutMs,
        });
  const statuses: AssistantStatus[] = [];
  const copilot = new Copilot({
    live,
    settings,
    provider: chat,
    onStatus: (status) => statuses.push(status),
  });
  return { live, copilot, statuses };
}

describe.each(['openai', 'ollama'] as const)('copilot over %s', (provider) => {
  it('applies single and parallel tool calls as one checkpoint', async () => {
    mock.onMessage(/flash balls one and two/, {
      toolCalls: [flash('ball1', 10, 11), flash('ball2', 10, 11)],
    });
    const { live, copilot, statuses } = setup(provider);
    const outcome = await copilot.prompt('flash balls one and two white at ten seconds');
    expect(outcome.state, outcome.message).toBe('applied');
    expect(live.history.revision).toBe(1);
    const checkpoint = live.history.checkpoints()[0]!;
    expect(checkpoint.author).toBe('assistant');
    expect(checkpoint.meta).toMatchObject({
      prompt: 'flash balls one and two white at ten seconds',
      provider,
      model: 'test-model',
    });
    expect((checkpoint.meta?.toolCalls as unknown[]).length).toBe(2);
    for (const propId of ['ball1', 'ball2']) {
      const segments = live.history.show.props.find((prop) => prop.id === propId)!.segments;
      expect(segments.map((segment) => [segment.start, segment.end, segment.look])).toEqual([
        [10, 11, { kind: 'solid', color: white }],
      ]);
    }
    expect(statuses.map((status) => status.state)).toEqual(['thinking', 'applied']);
  });

  it('gives invalid arguments back in one repair turn, then applies the fixed call', async () => {
    mock.on(
      { predicate: (request) => !request.messages.some((message) => message.role === 'tool') },
      {
        toolCalls: [
          {
            name: 'addSegment',
            arguments: JSON.stringify({
              propId: 'ball1',
              start: 5,
              end: 6,
              look: { kind: 'solid', color: [300, 0, 0] },
            }),
          },
        ],
      },
    );
    mock.on(
      {
        predicate: (request) =>
          request.messages.some(
            (message) => message.role === 'tool' && String(message.content).includes('look.color.0'),
          ),
      },
      {
        toolCalls: [
          {
            name: 'addSegment',
            arguments: JSON.stringify({
              propId: 'ball1',
              start: 5,
              end: 6,
              look: { kind: 'solid', color: [255, 0, 0] },
            }),
          },
        ],
      },
    );
    const { live, copilot } = setup(provider);
    const outcome = await copilot.prompt('make ball one red at five seconds');
    expect(outcome.state, outcome.message).toBe('applied');
    expect(live.history.show.props[0]!.segments[0]!.look).toEqual({ kind: 'solid', color: [255, 0, 0] });
    expect(live.history.revision).toBe(1);
  });

  it('rejects clearly after a failed repair and applies nothing, not even the valid calls', async () => {
    mock.onMessage(/nonsense/, {
      toolCalls: [flash('ball1', 1, 2), { name: 'addSegment', arguments: '{"propId": "ball9", "start": 1' }],
    });
    const { live, copilot } = setup(provider);
    const outcome = await copilot.prompt('do nonsense');
    expect(outcome.state).toBe('rejected');
    expect(outcome.message).toMatch(/not valid/);
    expect(live.history.revision).toBe(0);
    expect(live.history.show.props.every((prop) => prop.segments.length === 0)).toBe(true);
  });

  it('answers in words when the model calls no tool, and changes nothing', async () => {
    mock.onMessage(/what can you do/, { content: 'I can change colours on the beat.' });
    const { live, copilot } = setup(provider);
    const outcome = await copilot.prompt('what can you do?');
    expect(outcome).toMatchObject({ state: 'answered', message: 'I can change colours on the beat.' });
    expect(live.history.revision).toBe(0);
  });

  it('lets the model read the beat grid before it edits', async () => {
    mock.on(
      { predicate: (request) => !request.messages.some((message) => message.role === 'tool') },
      {
        toolCalls: [{ name: 'beats_in_range', arguments: JSON.stringify({ start: 20, end: 22 }) }],
      },
    );
    mock.on(
      {
        predicate: (request) =>
          request.messages.some(
            (message) => message.role === 'tool' && String(message.content).includes('"beats"'),
          ),
      },
      {
        toolCalls: [flash('ball3', 20.5, 21)],
      },
    );
    const { live, copilot } = setup(provider);
    const outcome = await copilot.prompt('flash ball three on the second beat after twenty seconds');
    expect(outcome.state, outcome.message).toBe('applied');
    expect(live.history.show.props[2]!.segments[0]!.start).toBe(20.5);
  });

  it('moves an edit that reaches into the lookahead to the next beat', async () => {
    mock.onMessage(/right now/, { toolCalls: [flash('ball1', 30, 34)] });
    const { live, copilot } = setup(provider);
    live.playing = true;
    live.playhead = 30.02;
    live.lookahead = 0.1;
    const outcome = await copilot.prompt('ball one white right now');
    expect(outcome.state, outcome.message).toBe('applied');
    // 120 BPM: beats every 0.5 s; the props already have frames up to 30.12 s, so it starts on the 30.5 s beat.
    expect(live.history.show.props[0]!.segments.map((segment) => [segment.start, segment.end])).toEqual([
      [30.5, 34],
    ]);
    expect(live.history.checkpoints()[0]!.meta?.movedToNext).toBe('beat');
  });

  it('waits for the operator in confirm mode, and applies only on their word', async () => {
    mock.onMessage(/confirm me/, { toolCalls: [flash('ball2', 40, 41)] });
    const { live, copilot, statuses } = setup(provider, { confirmMode: 'confirm' });
    const outcome = copilot.prompt('confirm me');
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 5000 }).toBe('proposed');
    expect(live.history.revision).toBe(0);
    const proposal = statuses.at(-1)!;
    expect(proposal.proposal).toMatchObject({ reason: 'confirm', segments: 1 });
    expect(copilot.decide(proposal.requestId, 'apply')).toBe(true);
    expect((await outcome).state).toBe('applied');
    expect(live.history.revision).toBe(1);

    mock.onMessage(/reject me/, { toolCalls: [flash('ball2', 50, 51)] });
    const rejected = copilot.prompt('reject me');
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 5000 }).toBe('proposed');
    copilot.decide(statuses.at(-1)!.requestId, 'reject');
    expect((await rejected).state).toBe('rejected');
    expect(live.history.revision).toBe(1);
  });

  it('rebases onto edits made while the model was thinking, and asks when they touch the same place', async () => {
    mock.onMessage(/elsewhere/, { toolCalls: [flash('ball1', 60, 61)] }, { latency: 40 });
    const { live, copilot, statuses } = setup(provider);
    const pending = copilot.prompt('flash elsewhere');
    await expect.poll(() => statuses.length).toBe(1);
    live.history.commit(
      { type: 'addSegment', propId: 'ball2', start: 0, end: 5, look: { kind: 'solid', color: [1, 2, 3] } },
      { author: 'operator' },
    );
    const outcome = await pending;
    expect(outcome.state, outcome.message).toBe('applied');
    expect(live.history.checkpoints()[1]!.meta?.rebasedFrom).toBe(0);

    mock.onMessage(/same place/, { toolCalls: [flash('ball1', 70, 72)] }, { latency: 40 });
    const conflicting = copilot.prompt('flash the same place');
    await expect.poll(() => statuses.at(-1)?.state).toBe('thinking');
    live.history.commit(
      { type: 'addSegment', propId: 'ball1', start: 71, end: 73, look: { kind: 'solid', color: [9, 9, 9] } },
      { author: 'operator' },
    );
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 5000 }).toBe('proposed');
    expect(statuses.at(-1)!.proposal?.reason).toBe('conflict');
    copilot.decide(statuses.at(-1)!.requestId, 'reject');
    expect((await conflicting).state).toBe('rejected');
    expect(live.history.show.props[0]!.segments.at(-1)!.look).toEqual({ kind: 'solid', color: [9, 9, 9] });
  });
});
