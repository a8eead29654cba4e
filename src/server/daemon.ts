// The composition root: builds storage, the show and its history, the audio clock, the devices, the live
// loop and the controller layer; starts them in that order and stops them in reverse, blacking out every
// prop before anything closes. A part that fails to start is reported; the show goes on without it where
// it can (no sound card: a silent clock; a missing device: the other props).
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Health, Media } from '../contracts/index.js';
import type { DecodedAudio } from '../analysis/audio-decode.js';
import { SongAnalyser } from '../analysis/song-analyser.js';
import { NedbAnalysisCache } from '../storage/analysis-cache.js';
import { DeviceManager, LinkRoster, type PropLink } from '../devices/index.js';
import type { AudioOutputChoice } from '../engine/audio-output.js';
import { LiveShow } from '../engine/live-show.js';
import type { SwitchableClock } from '../engine/switchable-clock.js';
import type { Show } from '../show/index.js';
import { openStorage, type Durability, type Storage } from '../storage/index.js';
import { Pairing } from './access/pairing.js';
import { assistantHandlers } from './assistant/assistant-handlers.js';
import { AssistantService } from './assistant/assistant-service.js';
import { ChatConversationStore } from './assistant/chat-conversation-store.js';
import { SessionShowAccess } from './assistant/session-show-access.js';
import { fileRoutes } from './http/file-routes.js';
import { httpApp } from './http/http-app.js';
import { lanAddresses } from './http/lan-addresses.js';
import { loadOrCreateCertificate } from './http/tls-certificate.js';
import { AudioCalibration } from './audio-calibration.js';
import { LiveControls } from './live-controls.js';
import { linksFollowShow } from './links-follow-show.js';
import { startLiveBeats, withHeardBeats } from './live-beats.js';
import { fillBeatGridFromAnalysis } from './beat-grid-from-analysis.js';
import { ShowSession } from './show-session.js';
import { findSong, openShow, type ShowSource } from './show-source.js';
import { songFollowsShow } from './song-follows-show.js';
import { importSong } from './song-import.js';
import { SongPlayer } from './song-player.js';
import { DeviceDiscovery, type DeviceDiscoveryOptions } from './discovery/device-discovery.js';
import { ControllerHub } from './socket/controller-hub.js';
import { voiceRoutes } from './voice/voice-routes.js';
import { VoiceService } from './voice/voice-service.js';

/** The folder with package.json, whether this runs from src/ or compiled from dist/src/. */
function repoRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}
const REPO_ROOT = repoRoot();
export const VERSION: string = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
export const DEFAULT_UI_DIR = join(REPO_ROOT, 'src', 'controller-ui', 'dist');

export interface DaemonOptions {
  readonly dataDir: string;
  readonly show: ShowSource;
  /** HTTP port on localhost (0: any free port). */
  readonly port: number;
  /** HTTPS port on every interface (0: any free port; default: port + 1, or any when port is 0). */
  readonly httpsPort?: number;
  /** Address HTTPS listens on: every interface by default, so tablets on the LAN reach it. */
  readonly httpsHost?: string;
  readonly token: string | null;
  readonly audioOutput?: AudioOutputChoice;
  readonly uiDir?: string;
  /** Playhead/device updates per second while playing. */
  readonly tickHz?: number;
  /**
   * How far ahead of its show time each frame is rendered, beyond what the slowest link needs: slack for a
   * busy machine (timer wake-ups, garbage collection). An edit reaches the props this much later.
   */
  readonly renderAheadMs?: number;
  /** How far a saved edit has gone before it counts (see storage): power-loss (fsync) by default. */
  readonly durability?: Durability;
  /** Where to look for devices to add as props (LTX status broadcasts, serial ports); false: do not look. */
  readonly discovery?: DeviceDiscoveryOptions | false;
  /**
   * Live music in, for the live beat tracker: `alsa`, `alsa:DEVICE`, or a recording played in at real-time
   * pace. Without it the tracker listens to the playing song until the song's analysis is in.
   */
  readonly liveInput?: string;
  /** Milliseconds from a sound at the microphone to its samples reaching the daemon (per rig). */
  readonly captureLatencyMs?: number;
  readonly log?: (line: string) => void;
}

/** Covers timer wake-ups and collector pauses on a busy two-core machine without delaying edits much. */
export const DEFAULT_RENDER_AHEAD_MS = 30;

export interface Daemon {
  readonly httpUrl: string;
  readonly httpsUrl: string;
  readonly lanUrls: readonly string[];
  readonly pairing: Pairing;
  readonly session: ShowSession;
  readonly devices: DeviceManager;
  /** The links driving the props now (they follow the show's props). */
  readonly links: readonly PropLink[];
  readonly live: LiveShow;
  /** The show clock; the song behind it follows the show's (see SwitchableClock.source). */
  readonly clock: SwitchableClock;
  readonly controls: LiveControls;
  readonly hub: ControllerHub;
  readonly assistant: AssistantService;
  health(): Health;
  stop(): Promise<void>;
}

export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const log = options.log ?? ((line: string) => console.log(line));
  const stack: { name: string; stop: () => Promise<void> | void }[] = [];
  const stopAll = async (): Promise<void> => {
    for (const part of stack.splice(0).reverse()) {
      try {
        await part.stop();
      } catch (error) {
        log(`smlive: stopping ${part.name} failed: ${describe(error)}`);
      }
    }
  };
  let stopping: Promise<void> | null = null;
  try {
    const storage: Storage = await openStorage(
      options.dataDir,
      options.durability === undefined ? {} : { durability: options.durability },
    );
    stack.push({ name: 'storage', stop: () => storage.close() });

    const mediaDir = join(options.dataDir, 'media');
    const opened = await openShow(options.show, storage.shows, mediaDir);
    for (const note of opened.notes) log(`smlive: ${note}`);
    const persistent = opened.persistent;
    stack.push({ name: 'show history', stop: () => persistent.idle() });

    // The clock every part holds; the song behind it follows the show's (song-follows-show.ts).
    const player = await SongPlayer.open(
      opened.audioPath,
      persistent.show.duration,
      options.audioOutput ?? 'auto',
      log,
    );
    const clock = player.clock;
    stack.push({ name: 'audio', stop: () => player.close() });

    const devices = new DeviceManager({
      clock,
      renderMargin: (options.renderAheadMs ?? DEFAULT_RENDER_AHEAD_MS) / 1000,
    });
    const roster = new LinkRoster(devices, { clock });
    const { problems } = await roster.reconcile(persistent.show.props);
    for (const problem of problems) log(`smlive: ${problem}`);
    devices.on('fault', (message) => log(`smlive: devices: ${message}`));
    stack.push({ name: 'devices', stop: () => devices.shutdown() });

    const session = new ShowSession(persistent);
    const liveBeats = startLiveBeats({
      clock,
      audio: player.song.audio,
      liveInput: options.liveInput,
      showHasBeatGrid: () => session.show.beatGrid.beats.length > 0,
      ...(options.captureLatencyMs === undefined ? {} : { captureLatencyMs: options.captureLatencyMs }),
      log,
    });
    stack.push({ name: 'live beats', stop: () => liveBeats.stop() });
    // The assistant and voice commands see the beats the tracker hears where the show has no grid yet.
    const heardView = (show: Show) => withHeardBeats(show, liveBeats);
    // Before the live loop follows the show: a new prop's link is in place when its first frame is rendered.
    const stopFollowing = linksFollowShow(session, roster, log);
    stack.push({ name: 'link follower', stop: stopFollowing });
    const live = new LiveShow({
      clock,
      devices,
      show: session.show,
      onFault: (message) => log(`smlive: live: ${message}`),
    });
    session.onShowChange(() => live.setShow(session.show));
    live.start();
    stack.push({ name: 'live loop', stop: () => live.stop() });

    // Measured once per rig and kept: the audience hears the music this much later than the card says.
    const calibration = await AudioCalibration.open(storage.settings, log);
    calibration.applyTo(clock);
    const controls = new LiveControls(session, live, clock, calibration);
    // Frames the links hold ahead of the playhead, plus two frames of rendering: an edit by the assistant
    // that reaches into that time starts on the next beat instead.
    const heldAhead = () =>
      Math.max(0, ...devices.managedLinks().map((link) => link.lookahead)) + 2 / session.show.frameRate;
    const assistant = await AssistantService.open({
      dataDir: options.dataDir,
      settingsStore: storage.settings,
      conversations: new ChatConversationStore(storage.chat),
      access: new SessionShowAccess(session, clock, heardView, heldAhead),
    });
    stack.push({ name: 'assistant', stop: () => assistant.close() });
    const pairing = new Pairing({
      fixedToken: options.token,
      sessionFile: join(options.dataDir, 'sessions.json'),
    });
    const pairingNote = await pairing.load();
    if (pairingNote !== null) log(`smlive: ${pairingNote}`);
    stack.push({ name: 'pairing', stop: () => pairing.flush() });

    // Named by the song's hash, so a controller fetches the waveform again when the song changes.
    const media = (): Media => {
      const { path, audio, peaks } = player.song;
      const song = audio === null ? '' : `?song=${audio.contentHash.slice(0, 16)}`;
      return {
        audioUrl: path === null ? null : `/api/audio${song}`,
        waveformUrl: peaks === null ? null : `/api/waveform${song}`,
      };
    };
    const discovery =
      options.discovery === false ? undefined : new DeviceDiscovery(session, options.discovery);
    await discovery?.start();
    stack.push({ name: 'device discovery', stop: () => discovery?.stop() });
    const hub = new ControllerHub({
      show: session,
      controls,
      clock,
      devices,
      pairing,
      media,
      assistant,
      discovery,
      extraHandlers: assistantHandlers(assistant),
      gridBeats: liveBeats.source !== 'input',
      liveInput: liveBeats.input,
      ...(options.tickHz === undefined ? {} : { tickHz: options.tickHz }),
    });
    const health = (): Health => ({
      ok: true,
      version: VERSION,
      showId: session.show.id,
      revision: session.mainRevision,
      playing: clock.state.playing,
      position: clock.now(),
      props: session.show.props.length,
      devices: devices.states().length,
    });
    const app = httpApp({
      pairing,
      health,
      audioPath: () => player.song.path,
      waveform: () => player.song.peaks,
      uiDir: options.uiDir ?? DEFAULT_UI_DIR,
    });

    // Voice: a recording from a paired operator, recognized here; the fast path or the assistant acts on it.
    const voice = new VoiceService({
      session,
      controls,
      clock,
      lookahead: heldAhead,
      showView: heardView,
      dataDir: options.dataDir,
      assistant: () => assistant,
      onStatus: (status) => hub.announceVoice(status),
    });
    const voiceNote = await voice.load();
    if (voiceNote !== null) log(`smlive: ${voiceNote}`);
    const routes = express()
      .disable('x-powered-by')
      .use(voiceRoutes(voice, pairing))
      .use(
        fileRoutes({
          pairing,
          session,
          devices,
          importSong: (file, bytes) => importSong({ session, clock, mediaDir }, file, bytes),
        }),
      )
      .use(app);

    const addresses = lanAddresses();
    const certificate = await loadOrCreateCertificate(options.dataDir, addresses);
    if (certificate.created) log(`smlive: made a self-signed HTTPS certificate in ${options.dataDir}`);
    const httpServer = createHttpServer(routes);
    const httpsServer = createHttpsServer({ key: certificate.key, cert: certificate.cert }, routes);
    liveBeats.heard.on('beat', (beat) => hub.announceHeardBeat(beat));
    hub.attach(httpServer);
    hub.attach(httpsServer);
    hub.start();
    stack.push({ name: 'controllers', stop: () => hub.close() });
    await listen(httpServer, options.port, '127.0.0.1');
    stack.push({ name: 'http', stop: () => closeServer(httpServer) });
    const httpsPort = options.httpsPort ?? (options.port === 0 ? 0 : options.port + 1);
    await listen(httpsServer, httpsPort, options.httpsHost ?? '0.0.0.0');
    stack.push({ name: 'https', stop: () => closeServer(httpsServer) });

    const httpPort = (httpServer.address() as AddressInfo).port;
    const securePort = (httpsServer.address() as AddressInfo).port;
    // The show plays at once; a song with no beat grid gets one when the analysis is in.
    let analyser: SongAnalyser | null = null;
    const analyse = (audio: DecodedAudio) => {
      if (analyser === null) {
        analyser = new SongAnalyser(new NedbAnalysisCache(join(options.dataDir, 'analysis-cache.db')));
        analyser.on('progress', (contentHash, progress) =>
          hub.announceAnalysis({ contentHash, stage: progress.stage, fraction: progress.fraction }),
        );
      }
      // A result for a song the show has since left is dropped.
      const wanted = () => stopping === null && session.show.audio?.contentHash === audio.contentHash;
      void fillBeatGridFromAnalysis(session, audio, analyser, log, wanted);
    };
    if (player.song.audio !== null) analyse(player.song.audio);
    const songFollower = songFollowsShow({
      session,
      player,
      findSong: (file) => findSong(file, opened.songFolders),
      onLoaded: (song) => {
        void liveBeats.setSong(song.audio);
        hub.announceMedia();
        if (song.audio !== null) analyse(song.audio);
      },
      log,
    });
    // Before the audio closes: no song is loaded into a closing daemon.
    stack.push({ name: 'song follower', stop: () => songFollower.stop() });
    return {
      httpUrl: `http://localhost:${httpPort}/`,
      httpsUrl: `https://localhost:${securePort}/`,
      lanUrls: addresses.map((address) => `https://${address}:${securePort}/`),
      pairing,
      session,
      devices,
      get links() {
        return devices.managedLinks();
      },
      live,
      clock,
      controls,
      hub,
      assistant,
      health,
      stop: () => {
        // Props go dark first, before any controller or port is let go.
        stopping ??= live.setBlackout(true).then(stopAll);
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function listen(server: HttpServer | HttpsServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: HttpServer | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
