import type { ToolSpec } from '../tools/tool-specs.js';
import { providerFailure, requestSignal } from './abort.js';
import {
  ProviderError,
  parseToolArguments,
  type ChatReply,
  type ChatRequest,
  type TokenUsage,
  type ToolCallRequest,
} from './chat-types.js';

/** One streamed piece of a reply, in either protocol's terms. */
export interface ReplyPart {
  readonly text?: string | undefined;
  /** Pieces of tool calls; `index` says which call a piece continues (OpenAI streams arguments in pieces). */
  readonly toolCalls?: readonly ToolCallPiece[];
  readonly usage?: TokenUsage | undefined;
}

export interface ToolCallPiece {
  readonly index: number;
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly arguments?: string | undefined;
}

/** Tools in the `{type: 'function', function: {…}}` shape both protocols take. */
export function functionTools(tools: readonly ToolSpec[]) {
  return tools.map((tool) => ({
    type: 'function' as const,
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
}

/**
 * Streams one reply: opens it with a signal that fires on the caller's stop or the timeout, gathers text
 * and tool calls, reports progress, and turns every failure into a ProviderError an operator can read.
 */
export async function collectReply(
  request: ChatRequest,
  server: { readonly baseUrl: string; readonly timeoutMs: number },
  open: (signal: AbortSignal) => Promise<AsyncIterable<ReplyPart>>,
): Promise<ChatReply> {
  const started = performance.now();
  let firstByteMs = -1;
  const signal = requestSignal(request.signal, server.timeoutMs);
  let text = '';
  const calls = new Map<number, { id: string; name: string; raw: string }>();
  let usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  try {
    for await (const part of await open(signal)) {
      if (firstByteMs < 0) firstByteMs = performance.now() - started;
      if (part.text) text += part.text;
      if (part.usage) usage = part.usage;
      for (const piece of part.toolCalls ?? []) {
        const call = calls.get(piece.index) ?? { id: '', name: '', raw: '' };
        if (piece.id) call.id = piece.id;
        if (piece.name) call.name += piece.name;
        if (piece.arguments) call.raw += piece.arguments;
        calls.set(piece.index, call);
      }
      request.onProgress?.({ characters: text.length, toolCalls: calls.size });
      if (signal.aborted) break;
    }
    // An aborted stream can end its loop quietly instead of throwing.
    if (signal.aborted) throw signal.reason ?? new Error('aborted');
  } catch (error) {
    throw providerFailure(
      error,
      { caller: request.signal, request: signal },
      server.baseUrl,
      server.timeoutMs,
    );
  }
  if (firstByteMs < 0) throw new ProviderError('the model server sent an empty reply', 'malformed');
  const toolCalls: ToolCallRequest[] = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, call]) => ({
      id: call.id || `call_${index}`,
      name: call.name,
      arguments: parseToolArguments(call.raw),
      rawArguments: call.raw,
    }));
  return { text, toolCalls, usage, firstByteMs, totalMs: performance.now() - started };
}
