// A browser page from elsewhere must not drive the show through a visitor's browser: a handshake or request
// that carries an Origin is accepted only from the daemon's own host or from a loopback page.
// Clients that are not browsers send no Origin; they still need a token.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined || origin === '') return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host !== undefined && url.host === host) return true;
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** The token in an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? (match[1] as string) : null;
}
