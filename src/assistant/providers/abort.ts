import { ProviderError } from './chat-types.js';

/** Turns whatever a client library throws into a ProviderError an operator can read. */
export function providerFailure(
  error: unknown,
  signals: { readonly caller: AbortSignal; readonly request?: AbortSignal },
  baseUrl: string,
  timeoutMs: number,
): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signals.caller.aborted) return new ProviderError('stopped by the operator', 'aborted');
  // Our own deadline fired (the request's signal aborted without the operator asking).
  if (signals.request?.aborted) {
    return new ProviderError(
      `the model server did not answer within ${Math.round(timeoutMs / 1000)} s`,
      'timeout',
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ??
    (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED|fetch failed|Connection error/i.test(message)) {
    return new ProviderError(`the model server at ${baseUrl} is not reachable (${message})`, 'unreachable');
  }
  if (/timed? ?out|timeout/i.test(message) || (error instanceof Error && error.name === 'TimeoutError')) {
    return new ProviderError(
      `the model server did not answer within ${Math.round(timeoutMs / 1000)} s`,
      'timeout',
    );
  }
  if (/terminated|socket hang up|ECONNRESET|premature/i.test(message)) {
    return new ProviderError(`the model server dropped the connection mid-reply (${message})`, 'server');
  }
  return new ProviderError(`the model server failed: ${message}`, 'server');
}

/**
 * A signal that aborts with a TimeoutError after `timeoutMs`. Not AbortSignal.timeout: that signal is held
 * only weakly, and inside AbortSignal.any Node 20 may collect it before it fires (nodejs/node#57736) — a
 * hung model server then hung the request for good (1 run in 4 of the hung-server test). A plain timer
 * holds its controller until it fires; unref'd, it keeps no process alive.
 */
export function deadlineSignal(timeoutMs: number, until?: AbortSignal): AbortSignal {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    timeoutMs,
  );
  timer.unref();
  until?.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return deadline.signal;
}

/** A signal that fires on the caller's abort or after the timeout, whichever comes first. */
export function requestSignal(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, deadlineSignal(timeoutMs, signal)]);
}
