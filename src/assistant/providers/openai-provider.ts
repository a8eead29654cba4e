import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { providerFailure, requestSignal } from './abort.js';
import { collectReply, functionTools } from './reply-collector.js';
import {
  type ChatMessage,
  type ChatProvider,
  type ChatReply,
  type ChatRequest,
  type ProviderHealth,
} from './chat-types.js';

export interface OpenAiProviderOptions {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string | undefined;
  readonly timeoutMs: number;
}

function toOpenAiMessage(message: ChatMessage): ChatCompletionMessageParam {
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
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.rawArguments },
              })),
            }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    default:
      return message satisfies never;
  }
}

/** Any OpenAI-compatible server: llama.cpp server, LM Studio, vLLM, OpenAI itself. */
export class OpenAiProvider implements ChatProvider {
  readonly kind = 'openai' as const;
  readonly model: string;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiProviderOptions) {
    this.model = options.model;
    // No retries: at a show a failed request is reported at once, not repeated for minutes.
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey ?? 'not-needed',
      maxRetries: 0,
      timeout: options.timeoutMs,
    });
  }

  complete(request: ChatRequest): Promise<ChatReply> {
    return collectReply(request, this.options, async (signal) => {
      const stream = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: request.messages.map(toOpenAiMessage),
          ...(request.tools.length > 0
            ? { tools: functionTools(request.tools) as ChatCompletionTool[] }
            : {}),
          temperature: request.temperature,
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal },
      );
      return (async function* () {
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta;
          yield {
            text: delta?.content ?? undefined,
            toolCalls: (delta?.tool_calls ?? []).map((fragment) => ({
              index: fragment.index,
              id: fragment.id,
              name: fragment.function?.name,
              arguments: fragment.function?.arguments,
            })),
            usage: chunk.usage
              ? { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens }
              : undefined,
          };
        }
      })();
    });
  }

  async health(signal: AbortSignal): Promise<ProviderHealth> {
    try {
      const page = await this.client.models.list({
        signal: requestSignal(signal, Math.min(this.options.timeoutMs, 5000)),
      });
      const models = page.data.map((model) => model.id);
      const known = models.length === 0 || models.includes(this.model);
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
