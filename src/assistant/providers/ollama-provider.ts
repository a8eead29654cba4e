import { Ollama, type Message, type Tool } from 'ollama';
import { providerFailure, requestSignal } from './abort.js';
import { collectReply, functionTools } from './reply-collector.js';
import {
  type ChatMessage,
  type ChatProvider,
  type ChatReply,
  type ChatRequest,
  type ProviderHealth,
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

  complete(request: ChatRequest): Promise<ChatReply> {
    return collectReply(request, this.options, async (signal) => {
      const stream = await clientFor(this.options.baseUrl, signal).chat({
        model: this.model,
        messages: request.messages.map(toOllamaMessage),
        ...(request.tools.length > 0 ? { tools: functionTools(request.tools) as Tool[] } : {}),
        options: { temperature: request.temperature },
        stream: true,
      });
      let callCount = 0;
      return (async function* () {
        for await (const part of stream) {
          // Ollama sends each tool call whole, with its arguments already an object.
          const toolCalls = (part.message?.tool_calls ?? []).map((call) => {
            const args: unknown = call.function.arguments;
            return {
              index: callCount++,
              name: call.function.name,
              arguments: typeof args === 'string' ? args : JSON.stringify(args),
            };
          });
          yield {
            text: part.message?.content,
            toolCalls,
            usage: part.done
              ? { inputTokens: part.prompt_eval_count ?? 0, outputTokens: part.eval_count ?? 0 }
              : undefined,
          };
        }
      })();
    });
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
