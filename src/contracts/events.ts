// The socket.io event maps: typed for both ends, and a schema per event so either end can validate what
// it receives (types are not validation).
import { z } from 'zod';
import {
  AssistantPanelSchema,
  AssistantStatusSchema,
  type AssistantPanel,
  type AssistantStatusEvent,
} from './assistant.js';
import { FoundDevicesSchema, type FoundDevices } from './found-devices.js';
import { LiveInputStateSchema, type LiveInputState } from './live-input.js';
import { AnalysisProgressSchema, type AnalysisProgressEvent } from './analysis-progress.js';
import { VoiceStatusSchema, type VoiceStatusLine } from './voice.js';
import { CommandAckSchema, OkAckSchema, type CommandAck, type OkAck } from './errors.js';
import type { RequestEvent, RequestPayload } from './requests.js';
import { ShowPatchSchema, type ShowPatch } from './show-patch.js';
import {
  BeatEventSchema,
  CheckpointNamedSchema,
  DeviceStatusSchema,
  OutputStateSchema,
  PlayheadSchema,
  RehearsalStateSchema,
  SnapshotSchema,
  TransportStateSchema,
  type BeatEvent,
  type CheckpointNamed,
  type DeviceStatus,
  type OutputState,
  type Playhead,
  type RehearsalState,
  type Snapshot,
  type TransportState,
} from './state.js';

export const NoticeSchema = z
  .object({ level: z.enum(['info', 'warning', 'error']), message: z.string() })
  .strict();
export type Notice = z.infer<typeof NoticeSchema>;

/** Every server→client event and its payload schema. */
export const serverEventSchemas = {
  /** Full state: on connect, after `state:resync`, and when the branch changes (rehearsal start/keep/discard). */
  'state:snapshot': SnapshotSchema,
  /** One checkpoint's change; apply it only on top of `baseRevision` of the same branch, else resync. */
  'show:patch': ShowPatchSchema,
  'history:named': CheckpointNamedSchema,
  /** On every transport change (play, pause, stop, seek, loop, rate). */
  'transport:state': TransportStateSchema,
  /** ≥ 20 Hz while playing. */
  'transport:playhead': PlayheadSchema,
  /** As the playhead passes each beat of the show's beat grid. */
  'transport:beat': BeatEventSchema,
  'output:state': OutputStateSchema,
  'rehearsal:state': RehearsalStateSchema,
  /** ≥ 20 Hz while playing, and on every link status change. */
  'devices:state': z.array(DeviceStatusSchema),
  /** Devices found on the network and on USB, each saying which props use it: on connect and on change. */
  'devices:found': FoundDevicesSchema,
  /** The live input the beats are heard from (`--live-input`): on connect and on every status change. */
  'live-input:state': LiveInputStateSchema,
  /** The whole-song analysis of a song, as it runs (the beat grid arrives as a checkpoint when done). */
  'analysis:progress': AnalysisProgressSchema,
  notice: NoticeSchema,
  /** Each step of a prompt to the assistant, to every controller. */
  'assistant:status': AssistantStatusSchema,
  /** Settings (never the key), health, usage; after `assistant:panel` and on every change. */
  'assistant:panel': AssistantPanelSchema,
  /** Each step of a voice command (words heard, then the outcome), to every controller. */
  'voice:status': VoiceStatusSchema,
} as const;

export interface ServerToClientEvents {
  'state:snapshot': (snapshot: Snapshot) => void;
  'show:patch': (patch: ShowPatch) => void;
  'history:named': (named: CheckpointNamed) => void;
  'transport:state': (state: TransportState) => void;
  'transport:playhead': (playhead: Playhead) => void;
  'transport:beat': (beat: BeatEvent) => void;
  'output:state': (state: OutputState) => void;
  'rehearsal:state': (state: RehearsalState) => void;
  'devices:state': (devices: DeviceStatus[]) => void;
  'devices:found': (found: FoundDevices) => void;
  'live-input:state': (state: LiveInputState) => void;
  'analysis:progress': (progress: AnalysisProgressEvent) => void;
  notice: (notice: Notice) => void;
  'assistant:status': (status: AssistantStatusEvent) => void;
  'assistant:panel': (panel: AssistantPanel) => void;
  'voice:status': (status: VoiceStatusLine) => void;
}
export type ServerEvent = keyof ServerToClientEvents;

/** Requests that change the show (or its branch) answer with the revision they produced. */
const COMMAND_ACK_EVENTS = [
  'show:command',
  'history:undo',
  'history:redo',
  'history:revert',
  'rehearsal:keep',
] as const satisfies readonly RequestEvent[];
type CommandAckEvent = (typeof COMMAND_ACK_EVENTS)[number];

export type AckOf<E extends RequestEvent> = E extends CommandAckEvent ? CommandAck : OkAck;

export function ackSchemaOf(event: RequestEvent): typeof CommandAckSchema | typeof OkAckSchema {
  return (COMMAND_ACK_EVENTS as readonly string[]).includes(event) ? CommandAckSchema : OkAckSchema;
}

/** Every client→server event takes one payload object and an acknowledgement callback. */
export type ClientToServerEvents = {
  [E in RequestEvent]: (payload: RequestPayload<E>, ack: (answer: AckOf<E>) => void) => void;
};

/** What the client puts in `io(url, { auth })`: a session token from pairing, or the daemon's --token. */
export const HandshakeAuthSchema = z.object({ token: z.string().min(1).max(200) }).strip();
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;
