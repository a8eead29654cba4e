import { apply, type ApplyResult, type Show } from '../show/index.js';
import { changedRegions, regionsOverlap } from './live-edit/changed-regions.js';
import { guardLookahead } from './live-edit/lookahead-guard.js';
import type { ShowAccess } from './show-access.js';
import { historyMessages, MemoryConversationStore, type ConversationStore } from './conversation.js';
import { showSummary } from './prompt/show-summary.js';
import { SYSTEM_PROMPT } from './prompt/system-prompt.js';
import {
  ProviderError,
  type ChatMessage,
  type ChatProvider,
  type ChatReply,
  type ToolCallRequest,
} from './providers/chat-types.js';
import type { AssistantSettings } from './settings.js';
import { runReadTool } from './tools/read-tools.js';
import { toolSpec, toolSpecs } from './tools/tool-specs.js';
import { addUsage, NO_USAGE, requestUsage, type RequestUsage, type UsageTotals } from './usage.js';

export type AssistantState =
  'thinking' | 'proposed' | 'applied' | 'answered' | 'rejected' | 'failed' | 'stopped';

/** A change the operator is asked about (or shown, in preview mode). */
export interface Proposal {
  readonly label: string;
  readonly edits: unknown[];
  readonly segments: number;
  readonly seconds: number;
  readonly reason: 'confirm' | 'large' | 'conflict' | 'preview';
}

export interface AssistantStatus {
  readonly requestId: number;
  readonly state: AssistantState;
  readonly prompt: string;
  readonly message: string;
  readonly proposal?: Proposal;
  readonly revision?: number;
  readonly checkpointId?: string;
  readonly usage?: RequestUsage;
}

export interface PromptOptions {
  readonly source?: 'text' | 'voice';
  /** What the recogniser heard, recorded on the checkpoint of a voice prompt. */
  readonly heard?: string;
}

export interface CopilotOptions {
  readonly live: ShowAccess;
  readonly settings: AssistantSettings;
  readonly provider: ChatProvider;
  readonly conversations?: ConversationStore;
  readonly onStatus?: (status: AssistantStatus) => void;
}

/** Rounds of read-only tool calls one prompt may use before it must edit or answer. */
const MAX_TOOL_ROUNDS = 4;

interface Pending {
  readonly requestId: number;
  readonly controller: AbortController;
  decide?: (decision: 'apply' | 'reject' | 'stop') => void;
}

/**
 * The LLM co-pilot: turns a performer's words into one validated, checkpointed change of the running show.
 * All tool calls of a reply apply together or not at all; a failed call gets one repair turn; nothing ever
 * touches the music or the devices except through the show's write path.
 */
export class Copilot {
  private settings: AssistantSettings;
  private provider: ChatProvider;
  private readonly conversations: ConversationStore;
  private nextRequestId = 1;
  private pending: Pending | null = null;
  private totals: UsageTotals = NO_USAGE;

  constructor(private readonly options: CopilotOptions) {
    this.settings = options.settings;
    this.provider = options.provider;
    this.conversations = options.conversations ?? new MemoryConversationStore();
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  usage(): UsageTotals {
    return this.totals;
  }

  /** Switches provider or settings live; a request under way finishes on the old ones. */
  configure(settings: AssistantSettings, provider: ChatProvider): void {
    this.settings = settings;
    this.provider = provider;
  }

  /** Stops the request under way: the model request is aborted and nothing of it is applied. */
  stop(): void {
    if (!this.pending) return;
    this.pending.controller.abort(new ProviderError('stopped by the operator', 'aborted'));
    this.pending.decide?.('stop');
  }

  /** The operator's answer to a proposal. */
  decide(requestId: number, decision: 'apply' | 'reject'): boolean {
    if (!this.pending || this.pending.requestId !== requestId || !this.pending.decide) return false;
    this.pending.decide(decision);
    return true;
  }

  async prompt(text: string, options: PromptOptions = {}): Promise<AssistantStatus> {
    const requestId = this.nextRequestId++;
    if (this.pending) {
      return this.report({
        requestId,
        state: 'rejected',
        prompt: text,
        message: 'the assistant is still working on the last request',
      });
    }
    const pending: Pending = { requestId, controller: new AbortController() };
    this.pending = pending;
    try {
      return await this.run(pending, text, options);
    } finally {
      this.pending = null;
      this.options.live.preview?.(null);
    }
  }

  private async run(pending: Pending, prompt: string, options: PromptOptions): Promise<AssistantStatus> {
    const { requestId, controller } = pending;
    const started = performance.now();
    const base = { requestId, prompt };
    this.report({ ...base, state: 'thinking', message: `asking ${this.provider.model}` });
    const snapshot = this.options.live.current();
    const position = this.options.live.position();
    const history = await this.conversations.recent(snapshot.show.id, this.settings.historyMessages);
    const messages: ChatMessage[] = [
      { role: 'system', content: SYSTEM_PROMPT },
      ...historyMessages(history),
      {
        role: 'user',
        content: `${showSummary(snapshot.show, position.playhead, position.playing, this.settings.summaryTokenBudget)}\n\nRequest: ${prompt}`,
      },
    ];
    let usage = { inputTokens: 0, outputTokens: 0 };
    let generationMs = 0;
    let repairsLeft = 1;
    const calls: ToolCallRequest[] = [];
    let edits: Record<string, unknown>[] = [];
    let reply: ChatReply | null = null;
    try {
      for (let round = 0; round < MAX_TOOL_ROUNDS + 1; round++) {
        reply = await this.provider.complete({
          messages,
          tools: toolSpecs,
          temperature: this.settings.temperature,
          signal: controller.signal,
        });
        usage = {
          inputTokens: usage.inputTokens + reply.usage.inputTokens,
          outputTokens: usage.outputTokens + reply.usage.outputTokens,
        };
        generationMs += reply.totalMs - reply.firstByteMs;
        if (reply.toolCalls.length === 0) break;
        messages.push({ role: 'assistant', content: reply.text, toolCalls: reply.toolCalls });
        const problems = this.toolProblems(reply.toolCalls);
        const editCalls = reply.toolCalls.filter((call) => toolSpec(call.name)?.readOnly === false);
        if (problems.size === 0 && editCalls.length === 0) {
          // Only reads: answer them and let the model go on.
          for (const call of reply.toolCalls) {
            messages.push(
              this.toolResult(
                call,
                runReadTool(call.name, call.arguments, {
                  show: this.options.live.current().show,
                  playhead: this.options.live.position().playhead,
                }),
              ),
            );
          }
          continue;
        }
        if (problems.size === 0) {
          const candidate = editCalls.map((call) => ({ ...(call.arguments as object), type: call.name }));
          const checked = apply(snapshot.show, { type: 'batch', commands: candidate });
          if (checked.ok) {
            calls.push(...editCalls);
            edits = candidate;
            break;
          }
          const index = Number(/^commands\.(\d+)/.exec(checked.error.path)?.[1] ?? 0);
          const failing = editCalls[index];
          if (failing)
            problems.set(
              failing.id,
              `${checked.error.path.replace(/^commands\.\d+\.?/, '') || 'arguments'}: ${checked.error.message}`,
            );
        }
        if (repairsLeft === 0) {
          const detail = [...problems.values()].join('; ');
          return this.finish(
            base,
            'rejected',
            `the model's change was not valid (${detail}); nothing changed`,
            usage,
            started,
            generationMs,
            prompt,
            reply.text,
          );
        }
        repairsLeft -= 1;
        // One repair turn: every call gets its result, the failing ones the reason, and the model tries again.
        for (const call of reply.toolCalls) {
          messages.push(
            this.toolResult(
              call,
              problems.has(call.id)
                ? `error: ${problems.get(call.id)}. Nothing was applied; call the tools again with this fixed.`
                : 'not applied: another call of this reply failed',
            ),
          );
        }
      }
    } catch (error) {
      const failure = error instanceof ProviderError ? error : new ProviderError(String(error), 'server');
      const state = failure.reason === 'aborted' ? 'stopped' : 'failed';
      return this.finish(
        base,
        state,
        failure.reason === 'aborted' ? 'stopped; nothing changed' : `${failure.message}; nothing changed`,
        usage,
        started,
        generationMs,
        prompt,
      );
    }
    if (edits.length === 0) {
      const answer = reply?.text.trim() || 'the model made no change';
      return this.finish(base, 'answered', answer, usage, started, generationMs, prompt, answer);
    }
    return this.commitEdits(pending, base, edits, calls, snapshot.revision, {
      usage,
      started,
      generationMs,
      prompt,
      options,
    });
  }

  private async commitEdits(
    pending: Pending,
    base: { requestId: number; prompt: string },
    edits: Record<string, unknown>[],
    calls: readonly ToolCallRequest[],
    askedAtRevision: number,
    context: {
      usage: { inputTokens: number; outputTokens: number };
      started: number;
      generationMs: number;
      prompt: string;
      options: PromptOptions;
    },
  ): Promise<AssistantStatus> {
    const { usage, started, generationMs, prompt, options } = context;
    let confirmed = false;
    for (;;) {
      if (pending.controller.signal.aborted)
        return this.finish(base, 'stopped', 'stopped; nothing changed', usage, started, generationMs, prompt);
      const { show, revision } = this.options.live.current();
      const position = this.options.live.position();
      const guarded = edits.map((edit) =>
        guardLookahead(edit as Record<string, unknown> & { type: string }, show, {
          ...position,
          snapTo: this.settings.snapLiveEditsTo,
        }),
      );
      const batch = { type: 'batch', commands: guarded };
      const result: ApplyResult = apply(show, batch);
      if (!result.ok) {
        return this.finish(
          base,
          'rejected',
          `the change no longer fits the show (${result.error.path}: ${result.error.message}); nothing changed`,
          usage,
          started,
          generationMs,
          prompt,
        );
      }
      const change = changedRegions(show, result.show);
      const label = `assistant: ${prompt.length > 60 ? `${prompt.slice(0, 57)}…` : prompt}`;
      const conflict = revision !== askedAtRevision && this.conflicts(askedAtRevision, show, change.regions);
      const reason: Proposal['reason'] | null =
        this.settings.confirmMode === 'preview'
          ? 'preview'
          : conflict
            ? 'conflict'
            : this.settings.confirmMode === 'confirm'
              ? 'confirm'
              : change.segments > this.settings.askAbove.segments ||
                  change.seconds > this.settings.askAbove.seconds
                ? 'large'
                : null;
      if (reason && !(confirmed && reason !== 'conflict')) {
        const proposal: Proposal = {
          label,
          edits: guarded,
          segments: change.segments,
          seconds: Math.round(change.seconds * 100) / 100,
          reason,
        };
        if (reason === 'preview') this.options.live.preview?.(result.show);
        const decision = await this.waitForDecision(pending, {
          ...base,
          state: 'proposed',
          message: proposalMessage(proposal),
          proposal,
        });
        this.options.live.preview?.(null);
        if (decision === 'stop')
          return this.finish(
            base,
            'stopped',
            'stopped; nothing changed',
            usage,
            started,
            generationMs,
            prompt,
          );
        if (decision === 'reject' || reason === 'preview') {
          return this.finish(
            base,
            'rejected',
            reason === 'preview'
              ? 'preview ended; the show is unchanged'
              : 'rejected by the operator; nothing changed',
            usage,
            started,
            generationMs,
            prompt,
          );
        }
        confirmed = true;
        // The show may have moved on while the operator looked: check again before applying.
        askedAtRevision = this.options.live.current().revision;
        continue;
      }
      const meta = {
        prompt,
        source: options.source ?? 'text',
        ...(options.heard ? { heard: options.heard } : {}),
        provider: this.provider.kind,
        model: this.provider.model,
        toolCalls: calls.map((call) => ({ name: call.name, arguments: call.arguments })),
        tokens: usage,
        latencyMs: Math.round(performance.now() - started),
        ...(guarded.some((edit, index) => edit !== edits[index])
          ? { movedToNext: this.settings.snapLiveEditsTo }
          : {}),
        ...(revision !== askedAtRevision ? { rebasedFrom: askedAtRevision } : {}),
      };
      const committed = await this.options.live.commit(batch, { author: 'assistant', label, meta });
      if (!committed.ok) {
        return this.finish(
          base,
          'rejected',
          `the show refused the change (${committed.error.message}); nothing changed`,
          usage,
          started,
          generationMs,
          prompt,
        );
      }
      const summary = `applied: ${calls.map((call) => `${call.name} ${call.rawArguments}`).join('; ')}`;
      return this.finish(
        base,
        'applied',
        `applied as revision ${committed.revision}`,
        usage,
        started,
        generationMs,
        prompt,
        summary,
        {
          revision: committed.revision,
          checkpointId: committed.checkpointId,
        },
      );
    }
  }

  /** Whether what changed since the model was asked touches what the model wants to change. */
  private conflicts(
    askedAtRevision: number,
    current: Show,
    regions: ReturnType<typeof changedRegions>['regions'],
  ): boolean {
    const meanwhile = changedRegions(this.options.live.showAt(askedAtRevision), current);
    return meanwhile.showFields.length > 0 || regionsOverlap(meanwhile.regions, regions);
  }

  private toolProblems(calls: readonly ToolCallRequest[]): Map<string, string> {
    const problems = new Map<string, string>();
    for (const call of calls) {
      const spec = toolSpec(call.name);
      if (!spec) problems.set(call.id, `there is no tool "${call.name}"`);
      else if (call.arguments === undefined)
        problems.set(call.id, `the arguments are not valid JSON: ${call.rawArguments.slice(0, 120)}`);
      else if (
        typeof call.arguments !== 'object' ||
        call.arguments === null ||
        Array.isArray(call.arguments)
      ) {
        problems.set(call.id, 'the arguments must be a JSON object');
      } else if (spec.readOnly) {
        try {
          runReadTool(call.name, call.arguments, { show: this.options.live.current().show, playhead: 0 });
        } catch (error) {
          problems.set(call.id, error instanceof Error ? error.message : String(error));
        }
      }
    }
    return problems;
  }

  private toolResult(call: ToolCallRequest, content: string): ChatMessage {
    return { role: 'tool', content, toolCallId: call.id, toolName: call.name };
  }

  private waitForDecision(pending: Pending, status: AssistantStatus): Promise<'apply' | 'reject' | 'stop'> {
    return new Promise((resolve) => {
      pending.decide = (decision) => {
        pending.decide = undefined;
        resolve(decision);
      };
      this.report(status);
    });
  }

  private async finish(
    base: { requestId: number; prompt: string },
    state: AssistantState,
    message: string,
    tokens: { inputTokens: number; outputTokens: number },
    started: number,
    generationMs: number,
    prompt: string,
    assistantText?: string,
    extra: { revision?: number; checkpointId?: string } = {},
  ): Promise<AssistantStatus> {
    const usage = requestUsage(this.settings, tokens, performance.now() - started, generationMs);
    if (tokens.inputTokens + tokens.outputTokens > 0) this.totals = addUsage(this.totals, usage);
    const showId = this.options.live.current().show.id;
    const time = new Date().toISOString();
    // The conversation keeps what was asked and what came of it, so a follow-up has its context.
    await this.conversations.append({ showId, role: 'user', content: prompt, time });
    await this.conversations.append({
      showId,
      role: 'assistant',
      content: assistantText ?? message,
      time,
      meta: { state },
    });
    return this.report({ ...base, state, message, usage, ...extra });
  }

  private report(status: AssistantStatus): AssistantStatus {
    this.options.onStatus?.(status);
    return status;
  }
}

function proposalMessage(proposal: Proposal): string {
  const size = `${proposal.segments} segment${proposal.segments === 1 ? '' : 's'} over ${proposal.seconds} s`;
  switch (proposal.reason) {
    case 'preview':
      return `preview on the virtual props: ${size}`;
    case 'conflict':
      return `the show changed while the model was thinking and this touches the same place: apply anyway? (${size})`;
    case 'large':
      return `this is a large change (${size}): apply?`;
    case 'confirm':
      return `apply ${size}?`;
    default:
      return proposal.reason satisfies never;
  }
}
