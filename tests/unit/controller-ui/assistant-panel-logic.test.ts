// The pure parts of the controller's Assistant tab: the request log, the words, the settings form and the
// description of a proposal's edits.
import { describe, expect, it } from 'vitest';
import {
  AssistantPanelSchema,
  AssistantStatusSchema,
  type AssistantStatusEvent,
} from '../../../src/contracts/index.js';
import { withStatus } from '../../../src/controller-ui/src/copilot/assistant-log.js';
import {
  averageLatency,
  formatCost,
  formatTokens,
  isOpen,
  isProblem,
  proposalSize,
  requestUsageLine,
} from '../../../src/controller-ui/src/copilot/assistant-words.js';
import { describeEdit, describeEdits } from '../../../src/controller-ui/src/copilot/proposal-edits.js';
import { checkForm, formFromSettings } from '../../../src/controller-ui/src/copilot/settings-form.js';

function status(requestId: number, state: AssistantStatusEvent['state'], prompt = `p${requestId}`) {
  // Through the contract's schema, so the fixtures are events the daemon could really send.
  return AssistantStatusSchema.parse({ requestId, state, prompt, message: state });
}

describe('the request log', () => {
  it('replaces a request in place as it moves on, and adds a new one last', () => {
    let log = withStatus([], status(1, 'thinking'));
    log = withStatus(log, status(2, 'thinking'));
    log = withStatus(log, status(1, 'applied'));
    expect(log.map((entry) => `${entry.requestId}:${entry.state}`)).toEqual(['1:applied', '2:thinking']);
  });

  it('keeps only the newest requests past the limit', () => {
    let log: readonly AssistantStatusEvent[] = [];
    for (let id = 1; id <= 5; id++) log = withStatus(log, status(id, 'answered'), 3);
    expect(log.map((entry) => entry.requestId)).toEqual([3, 4, 5]);
  });

  it('does not change the log it was given', () => {
    const log = [status(1, 'thinking')];
    withStatus(log, status(1, 'applied'));
    expect(log[0]?.state).toBe('thinking');
  });
});

describe('the words', () => {
  it('a request can be stopped while thinking or waiting, and only a failure is shown as a problem', () => {
    expect(['thinking', 'proposed'].every((state) => isOpen(state as 'thinking'))).toBe(true);
    expect(isOpen('applied')).toBe(false);
    expect(isProblem('failed')).toBe(true);
    expect(isProblem('rejected')).toBe(false);
  });

  it('formats tokens, latency and cost for a phone', () => {
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(12_345)).toBe('12k');
    expect(formatTokens(1234)).toBe('1.2k');
    expect(formatTokens(4_100_000)).toBe('4.1M');
    expect(formatCost(0)).toBe('free');
    expect(formatCost(0.004)).toBe('<0.01');
    expect(formatCost(1.234)).toBe('1.23');
    expect(
      requestUsageLine({
        provider: 'openai',
        model: 'm',
        inputTokens: 412,
        outputTokens: 38,
        latencyMs: 1200,
        tokensPerSecond: 31.4,
        cost: 0,
      }),
    ).toBe('412 in · 38 out · 1.2 s · 31 tok/s');
  });

  it('averages the session latency over its requests, and shows a dash before the first', () => {
    const usage = AssistantPanelSchema.shape.usage.parse({
      requests: 4,
      inputTokens: 0,
      outputTokens: 0,
      latencyMs: 2000,
      cost: 0,
    });
    expect(averageLatency(usage)).toBe('500 ms');
    expect(averageLatency({ ...usage, requests: 0 })).toBe('–');
  });

  it('sizes a proposal in segments and seconds', () => {
    expect(proposalSize({ label: 'x', edits: [], segments: 1, seconds: 2.25, reason: 'confirm' })).toBe(
      '1 segment over 2.3 s',
    );
    expect(proposalSize({ label: 'x', edits: [], segments: 12, seconds: 64, reason: 'large' })).toBe(
      '12 segments over 64 s',
    );
  });
});

describe('the settings form', () => {
  const daemonDefaults = {
    provider: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'qwen2.5:7b-instruct',
    temperature: 0.2,
    timeoutMs: 60_000,
    confirmMode: 'auto',
    askAbove: { segments: 48, seconds: 64 },
  };

  it('shows the daemon settings as text, the timeout in seconds', () => {
    expect(formFromSettings(daemonDefaults)).toEqual({
      provider: 'ollama',
      baseUrl: 'http://127.0.0.1:11434',
      model: 'qwen2.5:7b-instruct',
      temperature: '0.2',
      timeoutSeconds: '60',
      confirmMode: 'auto',
    });
  });

  it('round-trips: the form of the settings gives back the same settings', () => {
    const checked = checkForm(formFromSettings(daemonDefaults));
    expect(checked).toEqual({
      ok: true,
      changes: {
        provider: 'ollama',
        baseUrl: 'http://127.0.0.1:11434',
        model: 'qwen2.5:7b-instruct',
        temperature: 0.2,
        timeoutMs: 60_000,
        confirmMode: 'auto',
      },
    });
  });

  it('fills blanks and safe choices for fields the record lacks or holds oddly', () => {
    expect(formFromSettings({ provider: 'something', temperature: 'hot' })).toMatchObject({
      provider: 'ollama',
      temperature: '',
      baseUrl: '',
      confirmMode: 'auto',
    });
  });

  it('accepts a decimal comma and trims what a thumb adds', () => {
    const form = { ...formFromSettings(daemonDefaults), temperature: ' 0,7 ', model: ' llama3 ' };
    expect(checkForm(form)).toMatchObject({ ok: true, changes: { temperature: 0.7, model: 'llama3' } });
  });

  it.each([
    ['baseUrl', { baseUrl: 'localhost:11434' }, /http/],
    ['baseUrl', { baseUrl: 'ftp://host/' }, /http/],
    ['model', { model: '  ' }, /model/],
    ['temperature', { temperature: '2.5' }, /0 to 2/],
    ['temperature', { temperature: '' }, /0 to 2/],
    ['timeoutSeconds', { timeoutSeconds: '0.5' }, /1 to 600/],
    ['timeoutSeconds', { timeoutSeconds: 'soon' }, /1 to 600/],
  ] as const)('names the wrong field (%s) and says why', (field, change, message) => {
    const checked = checkForm({ ...formFromSettings(daemonDefaults), ...change });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.field).toBe(field);
    expect(checked.message).toMatch(message);
  });
});

describe("a proposal's edits in words", () => {
  it("uses the show's own label for a command it can read", () => {
    expect(
      describeEdit({
        type: 'addSegment',
        propId: 'ball-1',
        start: 30,
        end: 32,
        look: { kind: 'solid', color: [0, 0, 255] },
      }),
    ).toBe('solid on ball-1 30–32s');
  });

  it('names what it cannot read instead of hiding it', () => {
    expect(describeEdit({ type: 'addSegment', propId: 'ball-1' })).toBe('addSegment');
    expect(describeEdit({ type: 'noSuchCommand' })).toBe('noSuchCommand');
    expect(describeEdit(42)).toBe('an edit this controller cannot read');
  });

  it('lists the first few and counts the rest', () => {
    const edits = Array.from({ length: 9 }, () => ({ type: 'x' }));
    const lines = describeEdits(edits, 6);
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)).toBe('… and 3 more');
  });
});
