import type { AssistantSettings } from '../settings.js';
import type { ChatProvider } from './chat-types.js';
import { OllamaProvider } from './ollama-provider.js';
import { OpenAiProvider } from './openai-provider.js';

export function createProvider(settings: AssistantSettings, apiKey?: string): ChatProvider {
  const common = { baseUrl: settings.baseUrl, model: settings.model, timeoutMs: settings.timeoutMs };
  return settings.provider === 'ollama'
    ? new OllamaProvider(common)
    : new OpenAiProvider({ ...common, apiKey });
}
