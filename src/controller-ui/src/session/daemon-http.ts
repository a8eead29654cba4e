// HTTP calls to the daemon with the session token, for what does not go over the socket (files).
import { FileRouteAnswerSchema, type FileRouteAnswer } from '../../../contracts/file-routes.js';
import { storedToken } from './session-token.js';

function authorised(init: RequestInit = {}): RequestInit {
  const token = storedToken();
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/** A path such as `/api/import` resolved against wherever the controller is served from. */
export function daemonUrl(path: string): URL {
  return new URL(path.replace(/^\//, ''), document.baseURI);
}

export async function callFileRoute(url: URL, init: RequestInit): Promise<FileRouteAnswer> {
  let response: Response;
  try {
    response = await fetch(url, authorised(init));
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'the daemon did not answer' } };
  }
  if (response.status === 404) {
    return { ok: false, error: { code: 'not-found', message: `this daemon has no ${url.pathname} route` } };
  }
  try {
    const parsed = FileRouteAnswerSchema.safeParse(await response.json());
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: a body that is not JSON
  }
  return {
    ok: false,
    error: { code: 'unavailable', message: `the daemon answered ${response.status} without a result` },
  };
}

/** Downloads a file the daemon makes (a .prg) and hands it to the browser's save dialog. */
export async function download(url: URL, filename: string): Promise<FileRouteAnswer> {
  let response: Response;
  try {
    response = await fetch(url, authorised());
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'the daemon did not answer' } };
  }
  if (!response.ok) return callFileRouteAnswerFrom(response);
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return { ok: true, message: `saved ${filename} (${blob.size} bytes)` };
}

async function callFileRouteAnswerFrom(response: Response): Promise<FileRouteAnswer> {
  try {
    const parsed = FileRouteAnswerSchema.safeParse(await response.json());
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON
  }
  return { ok: false, error: { code: 'unavailable', message: `the daemon answered ${response.status}` } };
}
