import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { providerFailure, requestSignal } from './abort.js';
import {
  ProviderError,
  parseToolArguments,
  type ChatMessage,
  type ChatProvider,
  type ChatReply,
  type ChatRequest,
  type ProviderHealth,
  type ToolCallRequest,
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

  async complete(request: ChatRequest): Promise<ChatReply> {
    const started = performance.now();
    let firstByteMs = -1;
    const signal = requestSignal(request.signal, this.options.timeoutMs);
    const tools: ChatCompletionTool[] = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters as Record<string, unknown>,
      },
    }));
    let text = '';
    const calls = new Map<number, { id: string; name: string; raw: string }>();
    let usage = { inputTokens: 0, outputTokens: 0 };
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: request.messages.map(toOpenAiMessage),
          ...(tools.length > 0 ? { tools } : {}),
          temperature: request.temperature,
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal },
      );
      for await (const chunk of stream) {
        if (firstByteMs < 0) firstByteMs = performance.now() - started;
        if (chunk.usage)
          usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
        const delta = chunk.choices[0]?.delta;
        if (!delta) continue;
        if (delta.content) text += delta.content;
        // Tool calls stream in fragments; the index says which call a fragment continues.
        for (const fragment of delta.tool_calls ?? []) {
          const call = calls.get(fragment.index) ?? { id: '', name: '', raw: '' };
          if (fragment.id) call.id = fragment.id;
          if (fragment.function?.name) call.name += fragment.function.name;
          if (fragment.function?.arguments) call.raw += fragment.function.arguments;
          calls.set(fragment.index, call);
        }
        request.onProgress?.({ characters: text.length, toolCalls: calls.size });
      }
      // An aborted stream can end its loop quietly instead of throwing.
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
    } catch (error) {
      throw providerFailure(
        error,
        { caller: request.signal, request: signal },
        this.options.baseUrl,
        this.options.timeoutMs,
      );
    }
    const toolCalls: ToolCallRequest[] = [...calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({
        id: call.id || `call_${index}`,
        name: call.name,
        arguments: parseToolArguments(call.raw),
        rawArguments: call.raw,
      }));
    if (text === '' && toolCalls.length === 0 && firstByteMs < 0) {
      throw new ProviderError('the model server sent an empty reply', 'malformed');
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
