// The request deadline must fire even when the garbage collector runs while the request waits: with
// AbortSignal.timeout inside AbortSignal.any, Node 20 could collect the timeout signal first, and a hung
// model server then hung the prompt for good.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { requestSignal } from '../../../src/assistant/providers/abort.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('requestSignal', () => {
  it('aborts with a TimeoutError after the timeout, even after a full garbage collection', async () => {
    const caller = new AbortController();
    const signal = requestSignal(caller.signal, 50);
    const fired = new Promise<unknown>((resolve) =>
      signal.addEventListener('abort', () => resolve(signal.reason), { once: true }),
    );
    collectGarbage();
    await sleep(10);
    collectGarbage();
    const reason = await Promise.race([fired, sleep(1000).then(() => 'never fired')]);
    expect(reason).toBeInstanceOf(DOMException);
    expect((reason as DOMException).name).toBe('TimeoutError');
    expect(caller.signal.aborted).toBe(false);
  });

  it('aborts at once when the caller stops, with the caller’s reason', () => {
    const caller = new AbortController();
    const signal = requestSignal(caller.signal, 60_000);
    caller.abort(new Error('stop'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('stop');
  });
});
