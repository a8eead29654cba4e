import type { TokenUsage } from './providers/chat-types.js';
import type { AssistantSettings } from './settings.js';

/** One request to the model, as the controller's usage panel shows it. */
export interface RequestUsage extends TokenUsage {
  readonly provider: string;
  readonly model: string;
  readonly latencyMs: number;
  readonly tokensPerSecond: number;
  /** In the price table's currency; 0 for local models with no price. */
  readonly cost: number;
}

export interface UsageTotals {
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly latencyMs: number;
  readonly cost: number;
}

export function requestUsage(
  settings: AssistantSettings,
  usage: TokenUsage,
  latencyMs: number,
  generationMs: number,
): RequestUsage {
  const price = settings.prices[settings.model];
  const cost = price
    ? (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000
    : 0;
  return {
    provider: settings.provider,
    model: settings.model,
    ...usage,
    latencyMs: Math.round(latencyMs),
    tokensPerSecond: generationMs > 0 ? Math.round((usage.outputTokens / generationMs) * 1000 * 10) / 10 : 0,
    cost,
  };
}

export function addUsage(totals: UsageTotals, usage: RequestUsage): UsageTotals {
  return {
    requests: totals.requests + 1,
    inputTokens: totals.inputTokens + usage.inputTokens,
    outputTokens: totals.outputTokens + usage.outputTokens,
    latencyMs: totals.latencyMs + usage.latencyMs,
    cost: totals.cost + usage.cost,
  };
}

export const NO_USAGE: UsageTotals = { requests: 0, inputTokens: 0, outputTokens: 0, latencyMs: 0, cost: 0 };
