// The LLM co-pilot. The daemon builds a Copilot with a provider and a ShowAccess over its show and clock.
export * from './copilot.js';
export * from './conversation.js';
export * from './show-access.js';
export * from './settings.js';
export * from './usage.js';
export * from './providers/chat-types.js';
export { createProvider } from './providers/create-provider.js';
export { OllamaProvider } from './providers/ollama-provider.js';
export { OpenAiProvider } from './providers/openai-provider.js';
export { toolSpecs, type ToolSpec } from './tools/tool-specs.js';
export { SYSTEM_PROMPT } from './prompt/system-prompt.js';
export { countTokens } from './prompt/token-count.js';
export { guardLookahead } from './live-edit/lookahead-guard.js';
