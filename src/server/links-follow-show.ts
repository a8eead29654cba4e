// The device links follow the show's props while the daemon runs (on the main show and on a rehearsal
// branch alike): an edit that adds, removes or re-addresses a prop reaches the device manager, and one
// that only changes segments costs a string comparison.
import type { LinkRoster } from '../devices/index.js';
import type { Prop } from '../show/index.js';
import type { ShowSession } from './show-session.js';

/** What of the props decides their links: ids, pixel counts, colour order and device addresses. */
function linkSignature(props: readonly Prop[]): string {
  return JSON.stringify(props.map((prop) => [prop.id, prop.pixelCount, prop.colorOrder, prop.link]));
}

export function linksFollowShow(
  session: ShowSession,
  roster: LinkRoster,
  log: (line: string) => void,
): () => void {
  let signature = linkSignature(session.show.props);
  const follow = () => {
    const props = session.show.props;
    const next = linkSignature(props);
    if (next === signature) return;
    signature = next;
    roster.reconcile(props).then(
      ({ started, stopped, problems }) => {
        if (stopped.length > 0) log(`smlive: devices: stopped ${stopped.join(', ')}`);
        if (started.length > 0) log(`smlive: devices: started ${started.join(', ')}`);
        for (const problem of problems) log(`smlive: ${problem}`);
      },
      (error: unknown) =>
        log(
          `smlive: devices: could not follow the props: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  };
  return session.onShowChange(follow);
}
