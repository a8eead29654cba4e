// The controller requests the assistant answers. The outcome of a prompt arrives as assistant:status
// events; the acknowledgement only says whether the request was taken.
import type { RequestHandlers } from '../socket/request-handlers.js';
import type { AssistantService } from './assistant-service.js';

export function assistantHandlers(assistant: AssistantService): RequestHandlers {
  return {
    'assistant:prompt': ({ text }) => {
      if (assistant.panel().busy) {
        return {
          ok: false,
          error: { code: 'conflict', message: 'the assistant is still working on the last request' },
        };
      }
      void assistant.prompt(text, { source: 'text' });
      return { ok: true };
    },
    'assistant:stop': () => {
      assistant.stop();
      return { ok: true };
    },
    'assistant:decide': ({ requestId, decision }) => assistant.decide(requestId, decision),
    'assistant:configure': ({ settings, apiKey }) => assistant.configure(settings, apiKey),
    'assistant:panel': async ({ check }) => {
      if (check) await assistant.checkHealth();
      else assistant.emit('panel', assistant.panel());
      return { ok: true };
    },
  };
}
