import { z } from 'zod';
import { AuthorSchema, CheckpointKindSchema, ShowSchema } from '../show/index.js';

export const RoleSchema = z.enum(['operator', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

const Position = z.number().finite().min(0);

/** A looped section of show time, [start, end). */
export const LoopRangeSchema = z
  .object({ start: Position, end: Position })
  .strict()
  .refine((range) => range.end > range.start, { message: 'loop end must be after its start', path: ['end'] });
export type LoopRange = z.infer<typeof LoopRangeSchema>;

export const PlaybackRateSchema = z.number().finite().min(0.25).max(2);

export const TransportStatusSchema = z.enum(['stopped', 'paused', 'playing']);
export type TransportStatus = z.infer<typeof TransportStatusSchema>;

/** Where the show is. `position` is show seconds at the moment the server sent it (`sentAt`, Unix ms). */
export const TransportStateSchema = z
  .object({
    status: TransportStatusSchema,
    position: Position,
    rate: PlaybackRateSchema,
    loop: LoopRangeSchema.nullable(),
    duration: z.number().finite().positive(),
    sentAt: z.number(),
  })
  .strict();
export type TransportState = z.infer<typeof TransportStateSchema>;

/** What reaches the props on top of the timeline: master brightness (0..1) and the blackout latch. */
export const OutputStateSchema = z
  .object({
    masterBrightness: z.number().finite().min(0).max(1),
    blackout: z.boolean(),
    /** This rig's audio calibration: ms the audience hears the music later than the card reports. */
    calibrationMs: z.number().finite().min(-500).max(500),
  })
  .strict();
export type OutputState = z.infer<typeof OutputStateSchema>;

/**
 * Rehearsal: edits go to a branch that is kept (one checkpoint on the show) or discarded. `output`:
 * only virtual props light up, or real props run dimmed to `dim` (0..1).
 */
export const RehearsalOutputSchema = z.enum(['virtual-only', 'dimmed']);
export const RehearsalStateSchema = z
  .object({
    active: z.boolean(),
    output: RehearsalOutputSchema,
    dim: z.number().finite().min(0).max(1),
    /** The show revision the branch started from (null when not rehearsing). */
    baseRevision: z.number().int().min(0).nullable(),
    /** Checkpoints on the branch so far. */
    edits: z.number().int().min(0),
  })
  .strict();
export type RehearsalState = z.infer<typeof RehearsalStateSchema>;

export const LinkStatusSchema = z.enum(['idle', 'connecting', 'connected', 'disconnected', 'closed']);

/** One device link as the devices panel shows it. */
export const DeviceStatusSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['serial', 'ltx-wifi', 'firmata', 'virtual']),
    status: LinkStatusSchema,
    props: z.array(z.string()),
    clockOffsetMs: z.number().nullable(),
    rttMs: z.number().nullable(),
    framesSent: z.number().int().min(0),
    framesLate: z.number().int().min(0),
    framesDropped: z.number().int().min(0),
    badInput: z.number().int().min(0),
    reconnects: z.number().int().min(0),
    lastError: z.string().nullable(),
  })
  .strict();
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

/** One checkpoint for the history list: who, what, when; `name` if someone named it. */
export const CheckpointSummarySchema = z
  .object({
    id: z.string(),
    revision: z.number().int().min(1),
    time: z.string(),
    author: AuthorSchema,
    label: z.string(),
    kind: CheckpointKindSchema,
    target: z.union([z.string(), z.number().int()]).optional(),
    name: z.string().optional(),
  })
  .strict();
export type CheckpointSummary = z.infer<typeof CheckpointSummarySchema>;

/** Most checkpoints a snapshot lists (newest last); older ones stay revertable by revision number. */
export const SNAPSHOT_CHECKPOINT_LIMIT = 200;

export const HistoryStateSchema = z
  .object({
    canUndo: z.boolean(),
    canRedo: z.boolean(),
    /** Oldest first, at most SNAPSHOT_CHECKPOINT_LIMIT. */
    checkpoints: z.array(CheckpointSummarySchema),
  })
  .strict();
export type HistoryState = z.infer<typeof HistoryStateSchema>;

/** Which history the show being shown belongs to: the show's own, or the rehearsal branch. */
export const BranchSchema = z.enum(['main', 'rehearsal']);
export type Branch = z.infer<typeof BranchSchema>;

export const MediaSchema = z
  .object({
    /** The song, fetched with the session token as `Authorization: Bearer`; null when the show has none. */
    audioUrl: z.string().nullable(),
    /** Waveform peaks (JSON `WaveformPeaks`), same authorisation; null when not analysed. */
    waveformUrl: z.string().nullable(),
  })
  .strict();
export type Media = z.infer<typeof MediaSchema>;

export const SessionInfoSchema = z
  .object({ clientId: z.string(), role: RoleSchema, name: z.string().optional() })
  .strict();
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const PROTOCOL_VERSION = 1;

/** Everything a controller needs, sent on connect, on resync, and whenever the branch changes. */
export const SnapshotSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    session: SessionInfoSchema,
    branch: BranchSchema,
    revision: z.number().int().min(0),
    show: ShowSchema,
    history: HistoryStateSchema,
    transport: TransportStateSchema,
    output: OutputStateSchema,
    rehearsal: RehearsalStateSchema,
    devices: z.array(DeviceStatusSchema),
    media: MediaSchema,
  })
  .strict();
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** The playhead, at ≥ 20 Hz while playing and once on every transport change. */
export const PlayheadSchema = z
  .object({ status: TransportStatusSchema, position: Position, rate: PlaybackRateSchema, sentAt: z.number() })
  .strict();
export type Playhead = z.infer<typeof PlayheadSchema>;

/** A beat of the show's beat grid as the playhead passes it. */
export const BeatEventSchema = z
  .object({
    index: z.number().int().min(0),
    time: Position,
    downbeat: z.boolean(),
    sentAt: z.number(),
    /** 'grid': the show's beat grid passed the playhead; 'live': the live tracker heard it (input or song). */
    source: z.enum(['grid', 'live']).optional(),
    /** Live beats: the tempo heard and how sure the tracker is (0..1). */
    bpm: z.number().finite().positive().optional(),
    confidence: z.number().min(0).max(1).optional(),
  })
  .strict();
export type BeatEvent = z.infer<typeof BeatEventSchema>;

export const CheckpointNamedSchema = z
  .object({ branch: BranchSchema, checkpointId: z.string(), name: z.string() })
  .strict();
export type CheckpointNamed = z.infer<typeof CheckpointNamedSchema>;
