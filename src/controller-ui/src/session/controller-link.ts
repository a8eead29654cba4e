// The one socket to the daemon: snapshot on connect, revisioned patches after, live transport and device
// events, and requests with acks. Every payload is parsed with the contract's schemas before it reaches
// the signals; a patch that does not follow the revision we hold makes us ask for a resync.
import { io, type Socket } from 'socket.io-client';
import {
  FINAL_VOICE_STATES,
  HANDSHAKE_ERRORS,
  SNAPSHOT_CHECKPOINT_LIMIT,
  ackSchemaOf,
  applyShowChange,
  serverEventSchemas,
  type AckOf,
  type ClientToServerEvents,
  type RequestEvent,
  type RequestPayload,
  type ServerToClientEvents,
  type ShowPatch,
  type Snapshot,
} from '../../../contracts/index.js';
import { receivePanel, receiveStatus } from '../copilot/assistant-log.js';
import * as live from '../state/live-state.js';
import { notify } from '../state/notices.js';
import { patchDisposition } from './patch-disposition.js';
import { storeToken } from './session-token.js';

type ControllerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const REQUEST_TIMEOUT_MS = 5000;

let socket: ControllerSocket | null = null;
const SESSION_EXPIRED = 'this session has expired: pair again';
/** What the pairing screen says when the daemon refuses the token (it depends on where the token came from). */
let refusedMessage = SESSION_EXPIRED;

export interface ConnectOptions {
  /** Shown on the pairing screen if the daemon refuses this token. */
  readonly refusedMessage?: string;
}

export function connect(token: string, options: ConnectOptions = {}): void {
  disconnect();
  refusedMessage = options.refusedMessage ?? SESSION_EXPIRED;
  live.linkPhase.value = 'connecting';
  live.linkProblem.value = null;
  const next: ControllerSocket = io(new URL('.', document.baseURI).origin, {
    path: new URL('socket.io', document.baseURI).pathname,
    auth: { token },
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  socket = next;
  listen(next);
}

export function disconnect(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
}

/** Sends a request and resolves with the daemon's ack; a lost link or timeout resolves as a failed ack. */
export async function request<E extends RequestEvent>(
  event: E,
  payload: RequestPayload<E>,
): Promise<AckOf<E>> {
  const failed = (message: string) => ({ ok: false, error: { code: 'unavailable', message } }) as AckOf<E>;
  if (!socket?.connected) return failed('not connected to the daemon');
  let answer: unknown;
  try {
    // The ack's shape is checked below, so the socket's own typing of it is not relied on.
    const timed = socket.timeout(REQUEST_TIMEOUT_MS);
    const emitWithAck = timed.emitWithAck as (event: E, payload: RequestPayload<E>) => Promise<unknown>;
    answer = await emitWithAck.call(timed, event, payload);
  } catch {
    return failed('the daemon did not answer in time');
  }
  const parsed = ackSchemaOf(event).safeParse(answer);
  if (!parsed.success) return failed('the daemon sent an answer this controller does not understand');
  return parsed.data as AckOf<E>;
}

/** Sends a request and shows its error, if any, as a notice. Resolves true when it was accepted. */
export async function act<E extends RequestEvent>(event: E, payload: RequestPayload<E>): Promise<boolean> {
  const answer = await request(event, payload);
  if (answer.ok) return true;
  notify('error', answer.error.message);
  return false;
}

function listen(link: ControllerSocket): void {
  const on = <E extends keyof typeof serverEventSchemas>(
    event: E,
    handle: (payload: NonNullable<ReturnType<(typeof serverEventSchemas)[E]['parse']>>) => void,
  ) => {
    (link.on as (event: string, listener: (payload: unknown) => void) => void)(event, (payload) => {
      const parsed = serverEventSchemas[event].safeParse(payload);
      if (parsed.success)
        handle(parsed.data as NonNullable<ReturnType<(typeof serverEventSchemas)[E]['parse']>>);
      else console.warn(`ignored a malformed "${event}" event`, parsed.error.issues[0]);
    });
  };

  on('state:snapshot', (snapshot) => applySnapshot(snapshot));
  on('show:patch', (patch) => {
    const held = {
      branch: live.branch.value,
      revision: live.revision.value,
      hasShow: live.show.value !== null,
    };
    const disposition = patchDisposition(held, patch);
    if (disposition === 'ignore') return;
    if (disposition === 'resync' || !applyPatch(patch)) link.emit('state:resync', {}, () => undefined);
  });
  on('history:named', (named) => {
    if (named.branch !== live.branch.value) return;
    live.history.value = {
      ...live.history.value,
      checkpoints: live.history.value.checkpoints.map((checkpoint) =>
        checkpoint.id === named.checkpointId ? { ...checkpoint, name: named.name } : checkpoint,
      ),
    };
  });
  on('transport:state', (state) => {
    live.transport.value = { state, receivedAt: performance.now() };
  });
  on('transport:playhead', (playhead) => {
    const previous = live.transport.value;
    if (!previous) return;
    live.transport.value = {
      state: {
        ...previous.state,
        status: playhead.status,
        position: playhead.position,
        rate: playhead.rate,
        sentAt: playhead.sentAt,
      },
      receivedAt: performance.now(),
    };
  });
  on('transport:beat', (beat) => {
    const heard =
      beat.source === 'live' && beat.bpm !== undefined
        ? { heard: { bpm: beat.bpm, confidence: beat.confidence ?? 0 } }
        : {};
    live.lastBeat.value = { downbeat: beat.downbeat, index: beat.index, ...heard };
  });
  on('output:state', (state) => {
    live.output.value = state;
  });
  on('rehearsal:state', (state) => {
    live.rehearsal.value = state;
  });
  on('devices:state', (devices) => {
    live.devices.value = devices;
  });
  on('devices:found', (found) => {
    live.foundDevices.value = found;
  });
  on('live-input:state', (state) => {
    live.liveInput.value = state;
  });
  on('analysis:progress', (progress) => {
    live.analysisProgress.value = progress;
  });
  on('notice', (notice) => notify(notice.level, notice.message));
  on('assistant:status', receiveStatus);
  // What someone said into another controller, and what came of it, so every operator sees voice changes.
  on('voice:status', (status) => {
    if (!FINAL_VOICE_STATES.has(status.state) || status.text === '') return;
    notify(
      status.state === 'failed' || status.state === 'rejected' ? 'warning' : 'info',
      `voice “${status.text}”: ${status.message}`,
    );
  });
  on('assistant:panel', receivePanel);

  link.on('connect', () => {
    live.linkProblem.value = null;
  });
  link.on('disconnect', (reason) => {
    live.linkPhase.value = 'reconnecting';
    live.linkProblem.value =
      reason === 'io server disconnect' ? 'the daemon closed this session' : 'link lost, reconnecting…';
    if (reason === 'io server disconnect') link.connect();
  });
  link.on('connect_error', (error) => {
    if (error.message === HANDSHAKE_ERRORS.badToken || error.message === HANDSHAKE_ERRORS.pairingRequired) {
      storeToken(null);
      disconnect();
      live.linkPhase.value = 'pairing';
      live.linkProblem.value = error.message === HANDSHAKE_ERRORS.badToken ? refusedMessage : null;
      return;
    }
    live.linkPhase.value = 'reconnecting';
    live.linkProblem.value =
      error.message === HANDSHAKE_ERRORS.originNotAllowed
        ? 'the daemon refuses this address (origin not allowed)'
        : 'daemon unreachable, retrying…';
  });
}

function applySnapshot(snapshot: Snapshot): void {
  live.session.value = snapshot.session;
  live.branch.value = snapshot.branch;
  live.revision.value = snapshot.revision;
  live.show.value = snapshot.show;
  live.history.value = snapshot.history;
  live.transport.value = { state: snapshot.transport, receivedAt: performance.now() };
  live.output.value = snapshot.output;
  live.rehearsal.value = snapshot.rehearsal;
  live.devices.value = snapshot.devices;
  live.media.value = snapshot.media;
  live.linkPhase.value = 'live';
}

/** Applies a patch that follows what we hold; false when its props do not fit our show (resync). */
function applyPatch(patch: ShowPatch): boolean {
  const current = live.show.value;
  if (!current) return false;
  let next;
  try {
    next = applyShowChange(current, patch);
  } catch {
    return false;
  }
  live.show.value = next;
  live.revision.value = patch.revision;
  const checkpoints = [...live.history.value.checkpoints, patch.checkpoint];
  live.history.value = {
    canUndo: patch.canUndo,
    canRedo: patch.canRedo,
    checkpoints: checkpoints.slice(-SNAPSHOT_CHECKPOINT_LIMIT),
  };
  return true;
}
