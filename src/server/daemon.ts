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
import type { Health, Media, WaveformPeaks } from '../contracts/index.js';
import { decodeAudioFile, type DecodedAudio } from '../analysis/audio-decode.js';
import { waveformPeaks } from '../analysis/waveform-peaks.js';
import { SongAnalyser } from '../analysis/song-analyser.js';
import { NedbAnalysisCache } from '../storage/analysis-cache.js';
import { mixToMono } from '../analysis/dsp/mono-downmix.js';
import { DeviceManager, LinkRoster, type PropLink } from '../devices/index.js';
import { AudioPlayback } from '../engine/audio-playback.js';
import type { AudioOutputChoice } from '../engine/audio-output.js';
import { LiveShow } from '../engine/live-show.js';
import type { ShowClock, Transport } from '../engine/show-clock.js';
import type { Show } from '../show/index.js';
import { VirtualClock } from '../engine/virtual-clock.js';
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
import { openShow, type ShowSource } from './show-source.js';
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

type Clock = ShowClock & Transport & { close?: () => Promise<void> };

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
  readonly clock: ShowClock & Transport;
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
  try {
    const storage: Storage = await openStorage(
      options.dataDir,
      options.durability === undefined ? {} : { durability: options.durability },
    );
    stack.push({ name: 'storage', stop: () => storage.close() });

    const opened = await openShow(options.show, storage.shows, join(options.dataDir, 'media'));
    for (const note of opened.notes) log(`smlive: ${note}`);
    const persistent = opened.persistent;
    stack.push({ name: 'show history', stop: () => persistent.idle() });

    const { clock, audio } = await openClock(
      opened.audioPath,
      persistent.show.duration,
      options.audioOutput,
      log,
    );
    stack.push({ name: 'audio', stop: () => clock.close?.() });
    const peaks = audio === null ? null : waveformOf(audio);

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
      audio,
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
    const follow = () => live.setShow(session.show);
    session.on('changed', follow);
    session.on('branch', follow);
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

    const media = (): Media => ({
      audioUrl: opened.audioPath === null ? null : '/api/audio',
      waveformUrl: peaks === null ? null : '/api/waveform',
    });
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
      audioPath: () => opened.audioPath,
      waveform: () => peaks,
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
      .use(fileRoutes({ pairing, session, devices }))
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
    let stopping: Promise<void> | null = null;
    if (audio !== null) {
      // The show plays at once; a song with no beat grid gets one when the analysis is in.
      const analyser = new SongAnalyser(new NedbAnalysisCache(join(options.dataDir, 'analysis-cache.db')));
      void fillBeatGridFromAnalysis(session, audio, analyser, log, () => stopping === null);
    }
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

async function openClock(
  audioPath: string | null,
  duration: number,
  output: AudioOutputChoice | undefined,
  log: (line: string) => void,
): Promise<{ clock: Clock; audio: DecodedAudio | null }> {
  if (audioPath === null) return { clock: new VirtualClock({ duration }), audio: null };
  try {
    const audio = await decodeAudioFile(audioPath);
    const playback = await AudioPlayback.open(audio, { output: output ?? 'auto' });
    if (playback.fallbackReason !== null)
      log(`smlive: no sound device (${playback.fallbackReason}): the music plays silently`);
    return { clock: playback, audio };
  } catch (error) {
    log(`smlive: cannot play ${audioPath} (${describe(error)}): running on a silent clock`);
    return { clock: new VirtualClock({ duration }), audio: null };
  }
}

/** About 86 peaks a second: fine enough to see every beat, small enough to send once. */
const WAVEFORM_SAMPLES_PER_PEAK = 512;

function waveformOf(audio: DecodedAudio): WaveformPeaks | null {
  const levels = waveformPeaks(mixToMono(audio.channels), audio.sampleRate);
  const level =
    levels.find((candidate) => candidate.samplesPerPeak >= WAVEFORM_SAMPLES_PER_PEAK) ?? levels.at(-1);
  if (level === undefined) return null;
  const round = (values: readonly number[]) => values.map((value) => Math.round(value * 1000) / 1000);
  return { bucketSeconds: 1 / level.peaksPerSecond, min: round(level.min), max: round(level.max) };
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
