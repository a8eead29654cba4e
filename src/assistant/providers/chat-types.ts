import type { ToolSpec } from '../tools/tool-specs.js';

/** A tool call as the model made it; `arguments` is undefined when the model's JSON did not parse. */
export interface ToolCallRequest {
  readonly id: string;
  readonly name: string;
  readonly arguments: unknown;
  readonly rawArguments: string;
}

export type ChatMessage =
  | { readonly role: 'system' | 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly ToolCallRequest[] }
  | {
      readonly role: 'tool';
      readonly content: string;
      readonly toolCallId: string;
      readonly toolName: string;
    };

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** One reply of the model. */
export interface ChatReply {
  readonly text: string;
  readonly toolCalls: readonly ToolCallRequest[];
  readonly usage: TokenUsage;
  /** Milliseconds from sending the request to its first streamed byte, and to its last. */
  readonly firstByteMs: number;
  readonly totalMs: number;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly ToolSpec[];
  readonly temperature: number;
  readonly signal: AbortSignal;
  /** Called as the reply streams in, so the controller can show that the model is working. */
  readonly onProgress?: (progress: { readonly characters: number; readonly toolCalls: number }) => void;
}

export interface ProviderHealth {
  readonly ok: boolean;
  readonly detail: string;
  readonly models?: readonly string[];
}

/** A model server: Ollama or any OpenAI-compatible one. */
export interface ChatProvider {
  readonly kind: 'ollama' | 'openai';
  readonly model: string;
  complete(request: ChatRequest): Promise<ChatReply>;
  health(signal: AbortSignal): Promise<ProviderHealth>;
}

/** Why a request to the model failed, in words an operator can act on. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    message: string,
    readonly reason: 'aborted' | 'unreachable' | 'timeout' | 'server' | 'malformed',
  ) {
    super(message);
  }
}

/** Parses a tool call's JSON arguments without throwing. */
export function parseToolArguments(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
