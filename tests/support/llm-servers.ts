// Real HTTP servers on loopback that speak the model protocols: aimock for scripted replies, and a small
// node:http server of our own for what aimock cannot do (never answer, drop the connection mid-stream).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LLMock } from '@copilotkit/aimock';

export async function startAimock(): Promise<LLMock> {
  const mock = new LLMock({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  await mock.start();
  return mock;
}

export interface RawServer {
  readonly url: string;
  readonly requests: number;
  /** Resolves when a request's connection closes (the client gave up or the server dropped it). */
  closed(): Promise<number>;
  stop(): Promise<void>;
}

/** A server whose handler decides byte by byte what the client gets. */
export async function startRawServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<RawServer> {
  let requests = 0;
  const closeWaiters: ((at: number) => void)[] = [];
  const server: Server = createServer((request, response) => {
    requests += 1;
    request.resume();
    response.on('close', () => closeWaiters.splice(0).forEach((resolve) => resolve(performance.now())));
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    closed: () => new Promise((resolve) => closeWaiters.push(resolve)),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
