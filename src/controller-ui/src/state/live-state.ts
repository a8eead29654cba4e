// Everything the daemon tells a controller, as signals. Written only by the controller link (snapshot,
// patches, live events); components read it and send requests, never edit it themselves.
import { computed, signal } from '@preact/signals';
import type {
  AnalysisProgressEvent,
  Branch,
  DeviceStatus,
  FoundDevices,
  HistoryState,
  LiveInputState,
  Media,
  OutputState,
  RehearsalState,
  SessionInfo,
  TransportState,
} from '../../../contracts/index.js';
import type { Show } from '../../../show/index.js';

export type LinkPhase = 'pairing' | 'connecting' | 'live' | 'reconnecting';

export const linkPhase = signal<LinkPhase>('connecting');
/** Why the link is not live, in words for the status pill ("daemon unreachable", "pairing refused" …). */
export const linkProblem = signal<string | null>(null);

export const session = signal<SessionInfo | null>(null);
export const branch = signal<Branch>('main');
export const revision = signal(0);
export const show = signal<Show | null>(null);
export const history = signal<HistoryState>({ canUndo: false, canRedo: false, checkpoints: [] });
export const output = signal<OutputState>({ masterBrightness: 1, blackout: false, calibrationMs: 0 });
export const rehearsal = signal<RehearsalState>({
  active: false,
  output: 'virtual-only',
  dim: 0.2,
  baseRevision: null,
  edits: 0,
});
export const devices = signal<DeviceStatus[]>([]);
/** Devices the daemon found on the network and on USB, each with the props that use it. */
export const foundDevices = signal<FoundDevices>({ devices: [], problems: [] });

/** The last progress of a song's analysis; the transport bar shows it while the show's song is analysed. */
export const analysisProgress = signal<AnalysisProgressEvent | null>(null);

/** The live input the daemon hears beats from (`--live-input`); null when it has none. */
export const liveInput = signal<LiveInputState | null>(null);
export const media = signal<Media>({ audioUrl: null, waveformUrl: null });

/** The transport as last reported, with the local clock reading when it arrived (for extrapolation). */
export interface TransportReading {
  readonly state: TransportState;
  readonly receivedAt: number;
}
export const transport = signal<TransportReading | null>(null);

/** A beat the live tracker heard: the band's tempo and how sure the tracker is (0..1). */
export interface HeardTempo {
  readonly bpm: number;
  readonly confidence: number;
}

/** The last beat the playhead passed or the tracker heard (for the beat light and the heard tempo). */
export const lastBeat = signal<{
  readonly downbeat: boolean;
  readonly index: number;
  readonly heard?: HeardTempo;
} | null>(null);

export const isOperator = computed(() => session.value?.role === 'operator');
export const isPlaying = computed(() => transport.value?.state.status === 'playing');
