import { Ollama, type Message, type Tool } from 'ollama';
import { providerFailure, requestSignal } from './abort.js';
import {
  parseToolArguments,
  type ChatMessage,
  type ChatProvider,
  type ChatReply,
  type ChatRequest,
  type ProviderHealth,
  type ToolCallRequest,
} from './chat-types.js';

export interface OllamaProviderOptions {
  readonly baseUrl: string;
  readonly model: string;
  readonly timeoutMs: number;
}

function toOllamaMessage(message: ChatMessage): Message {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        ...(message.toolCalls && message.toolCalls.length > 0
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                function: { name: call.name, arguments: (call.arguments ?? {}) as Record<string, unknown> },
              })),
            }
          : {}),
      };
    case 'tool':
      return { role: 'tool', content: message.content, tool_name: message.toolName } as Message;
    default:
      return message satisfies never;
  }
}

/**
 * A client whose every request carries our signal: ollama's own abort cannot stop a request before the
 * server's first byte, and its non-streaming call cannot be aborted at all.
 */
function clientFor(baseUrl: string, signal: AbortSignal): Ollama {
  return new Ollama({
    host: baseUrl,
    fetch: (input, init) =>
      fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
  });
}

export class OllamaProvider implements ChatProvider {
  readonly kind = 'ollama' as const;
  readonly model: string;

  constructor(private readonly options: OllamaProviderOptions) {
    this.model = options.model;
  }

  async complete(request: ChatRequest): Promise<ChatReply> {
    const started = performance.now();
    let firstByteMs = -1;
    const signal = requestSignal(request.signal, this.options.timeoutMs);
    const tools: Tool[] = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters as Tool['function']['parameters'],
      },
    }));
    let text = '';
    const toolCalls: ToolCallRequest[] = [];
    let usage = { inputTokens: 0, outputTokens: 0 };
    try {
      const stream = await clientFor(this.options.baseUrl, signal).chat({
        model: this.model,
        messages: request.messages.map(toOllamaMessage),
        ...(tools.length > 0 ? { tools } : {}),
        options: { temperature: request.temperature },
        stream: true,
      });
      for await (const part of stream) {
        if (firstByteMs < 0) firstByteMs = performance.now() - started;
        if (part.message?.content) text += part.message.content;
        // Ollama sends each tool call whole, with its arguments already an object.
        for (const call of part.message?.tool_calls ?? []) {
          const args: unknown = call.function.arguments;
          toolCalls.push({
            id: `call_${toolCalls.length}`,
            name: call.function.name,
            arguments: typeof args === 'string' ? parseToolArguments(args) : args,
            rawArguments: typeof args === 'string' ? args : JSON.stringify(args),
          });
        }
        if (part.done)
          usage = { inputTokens: part.prompt_eval_count ?? 0, outputTokens: part.eval_count ?? 0 };
        request.onProgress?.({ characters: text.length, toolCalls: toolCalls.length });
        if (signal.aborted) break;
      }
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
    } catch (error) {
      throw providerFailure(
        error,
        { caller: request.signal, request: signal },
        this.options.baseUrl,
        this.options.timeoutMs,
      );
    }
    return {
      text,
      toolCalls,
      usage,
      firstByteMs: Math.max(0, firstByteMs),
      totalMs: performance.now() - started,
    };
  }

  async health(signal: AbortSignal): Promise<ProviderHealth> {
    try {
      const list = await clientFor(
        this.options.baseUrl,
        requestSignal(signal, Math.min(this.options.timeoutMs, 5000)),
      ).list();
      const models = list.models.map((model) => model.name);
      const known = models.some((name) => name === this.model || name.split(':')[0] === this.model);
      return {
        ok: known,
        detail: known
          ? `${this.options.baseUrl} answers`
          : `${this.options.baseUrl} has no model "${this.model}"`,
        models,
      };
    } catch (error) {
      return {
        ok: false,
        detail: providerFailure(error, { caller: signal }, this.options.baseUrl, this.options.timeoutMs)
          .message,
      };
    }
  }
}
