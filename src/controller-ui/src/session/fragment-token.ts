// A kiosk opens the controller as `http://localhost:8080/#token=T` (the daemon's --token, or a session
// token). The fragment is never sent in a request, so the token reaches no server log; it is taken out of
// the address bar at once so it is not shown on the screen or kept in the history entry.

const FRAGMENT_KEY = 'token';

/** The token in the address's fragment, removed from the address; null when there is none. */
export function takeFragmentToken(): string | null {
  const url = new URL(window.location.href);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const token = fragment.get(FRAGMENT_KEY);
  if (token === null) return null;
  fragment.delete(FRAGMENT_KEY);
  const rest = fragment.toString();
  url.hash = rest === '' ? '' : `#${rest}`;
  history.replaceState(history.state, '', url.href.replace(/#$/, ''));
  const trimmed = token.trim();
  return trimmed === '' ? null : trimmed;
}

/** What the pairing screen says when the daemon refuses a token that came in the address. */
export const FRAGMENT_TOKEN_REFUSED =
  'the daemon refused the token in this page’s address (#token=…): check the kiosk’s SMLIVE_TOKEN, or pair with a code';
