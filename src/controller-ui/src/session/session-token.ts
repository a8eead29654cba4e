// The session token a controller got from pairing, kept across reloads so a tablet pairs once per daemon.
import { PairResponseSchema, type PairResponse } from '../../../contracts/index.js';

const STORAGE_KEY = 'smlive.sessionToken';

export function storedToken(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Private mode without storage: the token lives as long as the page.
  }
}

/** Trades the pairing code (or the daemon's --token) for a session token: `POST /api/pair`. */
export async function pair(code: string, name: string | undefined): Promise<PairResponse> {
  let response: Response;
  try {
    response = await fetch(new URL('api/pair', document.baseURI), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(name ? { code, name } : { code }),
    });
  } catch {
    return failed('the daemon did not answer: is it running, and is this device on its network?');
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failed(`the daemon answered ${response.status} without a pairing result`);
  }
  const parsed = PairResponseSchema.safeParse(body);
  if (!parsed.success) return failed(`the daemon answered ${response.status} with an unexpected body`);
  return parsed.data;
}

function failed(message: string): PairResponse {
  return { ok: false, error: { code: 'unavailable', message } };
}
