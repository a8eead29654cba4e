// The socket.io side of the daemon: checks each handshake (Origin, token), sends a snapshot on connect,
// turns show changes into revisioned patches for every controller, streams the playhead, beats and device
// states while playing, and runs each request through its schema, the caller's role and its rate budget.
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { Server, type Socket } from 'socket.io';
import type { HeardBeat } from '../../engine/live-beats/heard-beats.js';
import {
  HANDSHAKE_ERRORS,
  HandshakeAuthSchema,
  PROTOCOL_VERSION,
  VIEWER_REQUESTS,
  failure,
  requestSchemas,
  showChange,
  type ClientToServerEvents,
  type DeviceStatus,
  type FailedAck,
  type AnalysisProgressEvent,
  type FoundDevices,
  type LiveInputState,
  type Media,
  type RequestEvent,
  type ServerToClientEvents,
  type ShowPatch,
  type Snapshot,
} from '../../contracts/index.js';
import type { AssistantStatus } from '../../assistant/index.js';
import type { AssistantPanel, VoiceStatusLine } from '../../contracts/index.js';
import type { DeviceManager } from '../../devices/index.js';
import { beatsCrossed } from '../../engine/beat-crossings.js';
import type { ShowClock } from '../../engine/show-clock.js';
import { bearerToken, originAllowed } from '../access/origin-check.js';
import type { Pairing, Session } from '../access/pairing.js';
import { TokenBucket } from '../access/token-bucket.js';
import type { AssistantService } from '../assistant/assistant-service.js';
import type { DeviceDiscovery } from '../discovery/device-discovery.js';
import type { LiveInputStatus } from '../live-input-status.js';
import type { LiveControls } from '../live-controls.js';
import type { ShowChanged, ShowSession } from '../show-session.js';
import { requestHandlers, type RequestContext, type RequestHandlers } from './request-handlers.js';

interface SocketData {
  session: Session;
  bucket: TokenBucket;
}

type ControllerServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ControllerSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Emit = <E extends keyof ServerToClientEvents>(
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) => void;

export interface ControllerHubOptions {
  readonly show: ShowSession;
  readonly controls: LiveControls;
  readonly clock: ShowClock;
  readonly devices: DeviceManager;
  readonly pairing: Pairing;
  readonly media: () => Media;
  readonly assistant?: AssistantService | undefined;
  /** Devices found on the network and on USB, for the controllers' "Found" list. */
  readonly discovery?: DeviceDiscovery | undefined;
  /** The live input the beats are heard from, if the show has one. */
  readonly liveInput?: LiveInputStatus | undefined;
  /** Playhead, beat and device updates per second while playing. */
  readonly tickHz?: number;
  /**
   * False where a live input gives the beats: the show's grid then says nothing about the band, and only
   * heard beats (announceHeardBeat) go out.
   */
  readonly gridBeats?: boolean;
  /** Handlers for requests beyond the core ones (the assistant's). */
  readonly extraHandlers?: RequestHandlers;
  /** Requests a client may make at once, and per second after that. */
  readonly requestBurst?: number;
  readonly requestsPerSecond?: number;
}

const DEFAULT_TICK_HZ = 25;

export class ControllerHub {
  private readonly servers: ControllerServer[] = [];
  private readonly handlers: RequestHandlers;
  private readonly unsubscribe: (() => void)[] = [];
  private ticker: NodeJS.Timeout | null = null;
  private lastBeatPosition = 0;
  private heardBeatIndex = -1;

  constructor(private readonly options: ControllerHubOptions) {
    this.handlers = {
      ...options.extraHandlers,
      ...requestHandlers({ show: options.show, controls: options.controls }),
    };
  }

  /** Serves controllers on an HTTP or HTTPS server (the daemon has one of each). */
  attach(server: HttpServer | HttpsServer): void {
    const io: ControllerServer = new Server(server, { serveClient: false, maxHttpBufferSize: 1_000_000 });
    io.use((socket, next) => {
      const refusal = this.handshakeRefusal(socket);
      if (refusal === null) next();
      else next(new Error(refusal));
    });
    io.on('connection', (socket) => this.onConnection(socket));
    this.servers.push(io);
  }

  start(): void {
    const { show, controls, clock, devices } = this.options;
    const onChanged = (change: ShowChanged) => this.broadcast('show:patch', toPatch(change));
    const onBranch = () => this.sendSnapshots();
    const onNamed = (branch: 'main' | 'rehearsal', checkpointId: string, name: string) =>
      this.broadcast('history:named', { branch, checkpointId, name });
    show.on('changed', onChanged);
    show.on('branch', onBranch);
    show.on('named', onNamed);
    const onOutput = (state: ReturnType<LiveControls['outputState']>) =>
      this.broadcast('output:state', state);
    const onRehearsal = (state: ReturnType<LiveControls['rehearsalState']>) =>
      this.broadcast('rehearsal:state', state);
    controls.on('output', onOutput);
    controls.on('rehearsal', onRehearsal);
    const onLinkStatus = () => this.broadcast('devices:state', this.deviceStates());
    devices.on('link-status', onLinkStatus);
    const onTransport = () => {
      this.lastBeatPosition = clock.now();
      this.broadcast('transport:state', controls.transportState());
    };
    this.unsubscribe.push(
      () => show.off('changed', onChanged),
      () => show.off('branch', onBranch),
      () => show.off('named', onNamed),
      () => controls.off('output', onOutput),
      () => controls.off('rehearsal', onRehearsal),
      () => devices.off('link-status', onLinkStatus),
      clock.on('play', onTransport),
      clock.on('pause', onTransport),
      clock.on('seek', (event) => {
        onTransport();
        // A seek is announced ahead of when it is heard; tell the controllers again once it has happened,
        // so a paused playhead shows where it went.
        const wait = Math.max(0, event.heardAtMs - clock.hostNowMs()) + 5;
        setTimeout(onTransport, wait).unref();
      }),
      clock.on('rate', onTransport),
      clock.on('ended', onTransport),
      clock.on('loop', () => {
        this.lastBeatPosition = clock.now();
      }),
    );
    const { assistant } = this.options;
    if (assistant) {
      const onStatus = (status: AssistantStatus) => this.broadcast('assistant:status', status);
      const onPanel = (panel: AssistantPanel) => this.broadcast('assistant:panel', panel);
      assistant.on('status', onStatus);
      assistant.on('panel', onPanel);
      this.unsubscribe.push(
        () => assistant.off('status', onStatus),
        () => assistant.off('panel', onPanel),
      );
    }
    const { discovery } = this.options;
    if (discovery) {
      const onFound = (found: FoundDevices) => this.broadcast('devices:found', found);
      discovery.on('changed', onFound);
      this.unsubscribe.push(() => discovery.off('changed', onFound));
    }
    const { liveInput } = this.options;
    if (liveInput) {
      const onInput = (state: LiveInputState) => this.broadcast('live-input:state', state);
      liveInput.on('changed', onInput);
      this.unsubscribe.push(() => liveInput.off('changed', onInput));
    }
    this.ticker = setInterval(this.tick, 1000 / (this.options.tickHz ?? DEFAULT_TICK_HZ));
  }

  get clientCount(): number {
    return this.servers.reduce((count, io) => count + io.engine.clientsCount, 0);
  }

  /** Disconnects every controller and stops the socket servers (the HTTP servers are closed by their owner). */
  close(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    for (const io of this.servers) io.disconnectSockets(true);
    for (const io of this.servers) io.engine.close();
    this.servers.length = 0;
  }

  /** A new song is behind the clock: every controller gets a fresh snapshot with its media and transport. */
  /** Progress of a song's analysis, to every controller. */
  announceAnalysis(progress: AnalysisProgressEvent): void {
    this.broadcast('analysis:progress', progress);
  }

  announceMedia(): void {
    this.sendSnapshots();
  }

  /** A voice command's progress, for every controller (the one that recorded it also reads it over HTTP). */
  announceVoice(status: VoiceStatusLine): void {
    this.broadcast('voice:status', status);
  }

  /** A beat the live tracker heard, to every controller, as soon as it is announced (before it sounds). */
  announceHeardBeat(beat: HeardBeat): void {
    this.heardBeatIndex += 1;
    this.broadcast('transport:beat', {
      index: this.heardBeatIndex,
      time: beat.time,
      downbeat: false,
      sentAt: Date.now(),
      source: 'live',
      bpm: beat.bpm,
      confidence: beat.confidence,
    });
  }

  snapshotFor(session: Session): Snapshot {
    const { show, controls } = this.options;
    return {
      protocol: PROTOCOL_VERSION,
      session: {
        clientId: session.clientId,
        role: session.role,
        ...(session.name ? { name: session.name } : {}),
      },
      branch: show.branch,
      revision: show.revision,
      show: show.show,
      history: show.history(),
      transport: controls.transportState(),
      output: controls.outputState(),
      rehearsal: controls.rehearsalState(),
      devices: this.deviceStates(),
      media: this.options.media(),
    };
  }

  private handshakeRefusal(socket: ControllerSocket): string | null {
    const { headers } = socket.handshake;
    if (!originAllowed(headers.origin, headers.host)) return HANDSHAKE_ERRORS.originNotAllowed;
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    const header = headers.authorization;
    const token = auth.success ? auth.data.token : bearerToken(Array.isArray(header) ? header[0] : header);
    if (token === null) return HANDSHAKE_ERRORS.pairingRequired;
    // Session tokens are 192 random bits: guessing them is hopeless, so only pairing codes are rate limited.
    const session = this.options.pairing.authenticate(token);
    if (session === null) return HANDSHAKE_ERRORS.badToken;
    socket.data.session = session;
    socket.data.bucket = new TokenBucket({
      burst: this.options.requestBurst ?? 40,
      perSecond: this.options.requestsPerSecond ?? 20,
    });
    return null;
  }

  private onConnection(socket: ControllerSocket): void {
    const context: RequestContext = {
      session: socket.data.session,
      resync: () => socket.emit('state:snapshot', this.snapshotFor(socket.data.session)),
    };
    // Payloads are unknown until their schema says otherwise: register on the untyped surface.
    const raw = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
    for (const event of Object.keys(requestSchemas) as RequestEvent[]) {
      raw.on(event, (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.at(-1) as (answer: unknown) => void) : null;
        const payload = typeof args[0] === 'function' ? undefined : args[0];
        void this.handle(socket, context, event, payload).then(
          (answer) => ack?.(answer),
          (error: unknown) => {
            console.error(`smlive: ${event} failed:`, error);
            ack?.(failure('unavailable', `the daemon failed on ${event}: ${String(error)}`));
          },
        );
      });
    }
    context.resync();
    if (this.options.discovery) socket.emit('devices:found', this.options.discovery.current());
    const liveInput = this.options.liveInput?.current();
    if (liveInput) socket.emit('live-input:state', liveInput);
  }

  private async handle(
    socket: ControllerSocket,
    context: RequestContext,
    event: RequestEvent,
    payload: unknown,
  ): Promise<unknown> {
    if (!socket.data.bucket.take())
      return failure('rate-limited', `too many requests; ${event} was not done`);
    if (context.session.role !== 'operator' && !VIEWER_REQUESTS.includes(event)) {
      return failure('forbidden', `a viewer cannot ${event}; pair with the operator code`);
    }
    const parsed = requestSchemas[event].safeParse(payload ?? {});
    if (!parsed.success) return invalid(event, parsed.error.issues);
    const handler = this.handlers[event] as
      ((payload: unknown, context: RequestContext) => unknown) | undefined;
    if (handler === undefined) return failure('unavailable', `${event} is not available on this daemon`);
    return await handler(parsed.data, context);
  }

  private deviceStates(): DeviceStatus[] {
    return this.options.devices.states().map((state) => ({ ...state, props: [...state.props] }));
  }

  private sendSnapshots(): void {
    for (const io of this.servers) {
      for (const socket of io.sockets.sockets.values()) {
        socket.emit('state:snapshot', this.snapshotFor(socket.data.session));
      }
    }
  }

  private readonly broadcast: Emit = (event, ...args) => {
    for (const io of this.servers) io.emit(event, ...args);
  };

  /** The playhead stream: a controller that cannot take it now skips this one and gets the next. */
  private readonly broadcastVolatile: Emit = (event, ...args) => {
    for (const io of this.servers) io.volatile.emit(event, ...args);
  };

  private readonly tick = (): void => {
    const { clock } = this.options;
    if (!clock.state.playing) return;
    const position = clock.now();
    const sentAt = Date.now();
    const { rate } = clock.state;
    this.broadcastVolatile('transport:playhead', { status: 'playing', position, rate, sentAt });
    const grid =
      this.options.gridBeats === false ? { beats: [], downbeats: [] } : this.options.show.show.beatGrid;
    const downbeats = new Set(grid.downbeats);
    for (const index of beatsCrossed(grid.beats, this.lastBeatPosition, position)) {
      const time = grid.beats[index] as number;
      this.broadcast('transport:beat', {
        index,
        time,
        downbeat: downbeats.has(time),
        sentAt,
        source: 'grid',
      });
    }
    this.lastBeatPosition = position;
    // Not volatile: a second volatile packet in one tick finds the socket still writing the first and is lost.
    this.broadcast('devices:state', this.deviceStates());
  };
}

function toPatch(change: ShowChanged): ShowPatch {
  return {
    branch: change.branch,
    baseRevision: change.baseRevision,
    revision: change.checkpoint.revision,
    checkpoint: change.checkpoint,
    canUndo: change.canUndo,
    canRedo: change.canRedo,
    ...showChange(change.before, change.after),
  };
}

function invalid(
  event: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FailedAck {
  const issue = issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  const where = path === '' ? '' : ` at ${path}`;
  return failure(
    'invalid-payload',
    `${event}: ${issue?.message ?? 'invalid payload'}${where}`,
    path || undefined,
  );
}
