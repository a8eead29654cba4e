// A real socket.io controller for tests and benchmarks: pairs over HTTP, connects with its session token,
// and mirrors the daemon's state by the contract's rules (snapshot, then patches; a gap means resync).
import { io, type Socket } from 'socket.io-client';
import {
  applyShowChange,
  PairResponseSchema,
  type AckOf,
  type ClientToServerEvents,
  type RequestEvent,
  type RequestPayload,
  type ServerToClientEvents,
  type ShowPatch,
  type Snapshot,
} from '../../src/contracts/index.js';
import type { Show } from '../../src/show/index.js';

export type ControllerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function pair(
  baseUrl: string,
  code: string,
  name?: string,
): Promise<{ token: string; role: string }> {
  const response = await fetch(new URL('/api/pair', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(name === undefined ? { code } : { code, name }),
  });
  const body = PairResponseSchema.parse(await response.json());
  if (!body.ok) throw new Error(`pairing refused: ${body.error.message}`);
  return { token: body.sessionToken, role: body.role };
}

/**
 * Connects and resolves once the handshake is accepted, or rejects with the connect_error message.
 * `listen` subscribes before the handshake: the snapshot can arrive in the same read as the handshake.
 */
export function connectSocket(
  baseUrl: string,
  auth: Record<string, unknown> | null,
  extra: { origin?: string; listen?: (socket: ControllerSocket) => void } = {},
): Promise<ControllerSocket> {
  const socket: ControllerSocket = io(baseUrl, {
    ...(auth === null ? {} : { auth }),
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(extra.origin === undefined ? {} : { extraHeaders: { origin: extra.origin } }),
  });
  extra.listen?.(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export function request<E extends RequestEvent>(
  socket: ControllerSocket,
  event: E,
  payload: RequestPayload<E>,
  timeoutMs = 5000,
): Promise<AckOf<E>> {
  // The typed emit cannot express a generic event name; the ack's shape is the contract's AckOf<E>.
  const emitter = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<AckOf<E>>;
  };
  return emitter.emitWithAck(event, payload);
}

/** Sends anything at all (malformed payloads), as a hostile or buggy client would. */
export function rawRequest(socket: ControllerSocket, event: string, ...args: unknown[]): Promise<unknown> {
  const emitter = socket.timeout(5000) as unknown as {
    emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
  };
  return emitter.emitWithAck(event, ...args);
}

/** What a controller holds, kept up to date by snapshots and patches exactly as the contract says. */
export class ControllerMirror {
  snapshot: Snapshot | null = null;
  patchesApplied = 0;
  resyncs = 0;
  /** Test hook: drop the next patch as if it were lost, to exercise gap detection. */
  dropNextPatch = false;
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];

  constructor(readonly socket: ControllerSocket) {
    socket.on('state:snapshot', (snapshot) => {
      this.snapshot = snapshot;
      this.settle();
    });
    socket.on('show:patch', (patch) => this.onPatch(patch));
  }

  get show(): Show {
    if (this.snapshot === null) throw new Error('no snapshot yet');
    return this.snapshot.show;
  }

  get revision(): number {
    return this.snapshot?.revision ?? -1;
  }

  /** Resolves when `check` holds (checked after every snapshot and patch). */
  until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private onPatch(patch: ShowPatch): void {
    const local = this.snapshot;
    if (local === null) return;
    if (this.dropNextPatch) {
      this.dropNextPatch = false;
      return;
    }
    if (patch.branch === local.branch && patch.revision <= local.revision) return;
    if (patch.branch !== local.branch || patch.baseRevision !== local.revision) {
      this.resyncs += 1;
      void request(this.socket, 'state:resync', {});
      return;
    }
    this.snapshot = {
      ...local,
      revision: patch.revision,
      show: applyShowChange(local.show, patch),
      history: {
        canUndo: patch.canUndo,
        canRedo: patch.canRedo,
        checkpoints: [...local.history.checkpoints, patch.checkpoint],
      },
    };
    this.patchesApplied += 1;
    this.settle();
  }

  private settle(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}

/** A paired, connected controller with its mirror holding the first snapshot. */
export async function controller(baseUrl: string, token: string): Promise<ControllerMirror> {
  const mirrors: ControllerMirror[] = [];
  await connectSocket(baseUrl, { token }, { listen: (socket) => mirrors.push(new ControllerMirror(socket)) });
  const mirror = mirrors[0] as ControllerMirror;
  await mirror.until(() => mirror.snapshot !== null, 'the first snapshot');
  return mirror;
}
