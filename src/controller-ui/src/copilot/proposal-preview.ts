// Preview mode: the daemon leaves the show alone, and the controller's prop previews show what the
// proposal would do. The edits are applied here, with the show's own pure code, to this controller's copy.
import { computed } from '@preact/signals';
import type { AssistantStatusEvent } from '../../../contracts/index.js';
import { apply, type Show } from '../../../show/index.js';
import { show } from '../state/live-state.js';
import { currentRequest } from './assistant-log.js';

/**
 * The show as the waiting preview proposal would make it; null when no preview waits, or when its edits do
 * not fit the show this controller holds (then the previews keep showing the real show).
 */
export function previewedShow(current: Show | null, status: AssistantStatusEvent | null): Show | null {
  if (!current || status?.state !== 'proposed' || status.proposal?.reason !== 'preview') return null;
  const result = apply(current, { type: 'batch', commands: status.proposal.edits });
  return result.ok ? result.show : null;
}

export const proposalPreview = computed(() => previewedShow(show.value, currentRequest.value));
