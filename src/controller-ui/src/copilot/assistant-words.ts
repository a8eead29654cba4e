// The assistant's states, proposals and usage in the words an operator reads at a glance.
import type { AssistantPanel, AssistantStatusEvent } from '../../../contracts/index.js';

type State = AssistantStatusEvent['state'];
type Proposal = NonNullable<AssistantStatusEvent['proposal']>;

export const STATE_LABELS: Record<State, string> = {
  thinking: 'Thinking…',
  proposed: 'Waiting for you',
  applied: 'Applied',
  answered: 'Answered',
  rejected: 'Not applied',
  failed: 'Failed',
  stopped: 'Stopped',
};

/** States in which the request is still open: the operator can stop it. */
export function isOpen(state: State): boolean {
  return state === 'thinking' || state === 'proposed';
}

/**
 * Whether the outcome went wrong (shown in the danger colour). A rejection is not: it is often the
 * operator's own Reject, and when the model's change was invalid the message says so.
 */
export function isProblem(state: State): boolean {
  return state === 'failed';
}

const REASON_WORDS: Record<Proposal['reason'], string> = {
  confirm: 'Confirm mode: apply this change?',
  large: 'This is a big change: apply it?',
  conflict: 'The show changed while the model was thinking, and this change overlaps it: apply anyway?',
  preview: 'Previewing on the props above; the show itself is not changed.',
};

export function proposalQuestion(proposal: Proposal): string {
  return REASON_WORDS[proposal.reason];
}

export function proposalSize(proposal: Proposal): string {
  const segments = `${proposal.segments} ${proposal.segments === 1 ? 'segment' : 'segments'}`;
  return `${segments} over ${formatSeconds(proposal.seconds)}`;
}

function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${Math.round(seconds * 10) / 10} s` : `${Math.round(seconds)} s`;
}

/** A token count short enough for a phone: 950, 12.3k, 4.1M. */
export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}

export function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Cost in the price table's currency; free local models show as "free". */
export function formatCost(cost: number): string {
  if (cost === 0) return 'free';
  return cost < 0.01 ? `<0.01` : cost.toFixed(2);
}

/** One request's usage: "412 in · 38 out · 1.2 s · 31 tok/s". */
export function requestUsageLine(usage: NonNullable<AssistantStatusEvent['usage']>): string {
  const parts = [
    `${formatTokens(usage.inputTokens)} in`,
    `${formatTokens(usage.outputTokens)} out`,
    formatLatency(usage.latencyMs),
  ];
  if (usage.tokensPerSecond > 0) parts.push(`${Math.round(usage.tokensPerSecond)} tok/s`);
  if (usage.cost > 0) parts.push(`cost ${formatCost(usage.cost)}`);
  return parts.join(' · ');
}

/** Average latency per request of the session totals (the daemon sums them). */
export function averageLatency(usage: AssistantPanel['usage']): string {
  return usage.requests === 0 ? '–' : formatLatency(usage.latencyMs / usage.requests);
}
