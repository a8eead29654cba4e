// This controller's view of the assistant: the daemon's panel (settings without the key, health, usage)
// and the prompts of this session, newest last. Written only by the controller link.
import { computed, signal } from '@preact/signals';
import type { AssistantPanel, AssistantStatusEvent } from '../../../contracts/index.js';

/** Prompts kept in the panel's history: enough to see what just happened, short enough to read on stage. */
export const REQUEST_HISTORY_LIMIT = 8;

export const assistantPanel = signal<AssistantPanel | null>(null);
export const assistantRequests = signal<readonly AssistantStatusEvent[]>([]);

/** The request the panel features: the newest one. */
export const currentRequest = computed(() => assistantRequests.value.at(-1) ?? null);

/**
 * The log with a status folded in: a request's later steps replace its earlier ones in place, a new request
 * goes last, and the oldest fall off past the limit.
 */
export function withStatus(
  log: readonly AssistantStatusEvent[],
  status: AssistantStatusEvent,
  limit = REQUEST_HISTORY_LIMIT,
): readonly AssistantStatusEvent[] {
  const index = log.findIndex((entry) => entry.requestId === status.requestId);
  if (index >= 0) return log.map((entry, at) => (at === index ? status : entry));
  return [...log, status].slice(-limit);
}

export function receiveStatus(status: AssistantStatusEvent): void {
  assistantRequests.value = withStatus(assistantRequests.value, status);
}

export function receivePanel(panel: AssistantPanel): void {
  assistantPanel.value = panel;
}
