import { linkProblem } from '../state/live-state.js';

/**
 * Shown while the link to the daemon is down. The show keeps running on the daemon; this controller's
 * view is stale until it reconnects and gets a fresh snapshot.
 */
export function LinkBanner() {
  return (
    <div class="link-banner" role="status" data-testid="link-banner">
      <span class="spinner spinner-small" aria-hidden="true" />
      {linkProblem.value ?? 'Reconnecting…'} The show keeps running on the daemon.
    </div>
  );
}
