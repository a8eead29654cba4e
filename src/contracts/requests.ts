import { z } from 'zod';
import { assistantRequestSchemas } from './assistant.js';
import { LoopRangeSchema, PlaybackRateSchema, RehearsalOutputSchema } from './state.js';

const Position = z.number().finite().min(0);
const Empty = z.object({}).strict();

/**
 * The payload of every client→server event. The command itself is checked by the show command table (it
 * names the field that is wrong); here only its envelope is.
 */
export const requestSchemas = {
  'state:resync': Empty,
  'show:command': z
    .object({
      command: z.unknown().refine((value) => value !== undefined, 'a command is required'),
      /** Why, for the checkpoint list (e.g. the prompt that led to it). */
      note: z.string().max(500).optional(),
    })
    .strict(),
  'history:undo': Empty,
  'history:redo': Empty,
  'history:revert': z.object({ revision: z.number().int().min(0) }).strict(),
  'history:name': z
    .object({ checkpointId: z.string().min(1).max(200), name: z.string().min(1).max(100) })
    .strict(),
  'transport:play': z.object({ from: Position.optional() }).strict(),
  'transport:pause': Empty,
  'transport:stop': Empty,
  'transport:seek': z.object({ position: Position }).strict(),
  'transport:cue': z.object({ cueId: z.string().min(1).max(64) }).strict(),
  'transport:loop': z.object({ range: LoopRangeSchema.nullable() }).strict(),
  'transport:rate': z.object({ rate: PlaybackRateSchema }).strict(),
  'output:brightness': z.object({ level: z.number().finite().min(0).max(1) }).strict(),
  'output:blackout': z.object({ on: z.boolean() }).strict(),
  /** This rig's audio calibration in ms (−500…500): stored, and applied at once (heard as a small jump). */
  'output:calibration': z.object({ ms: z.number().finite().min(-500).max(500) }).strict(),
  'rehearsal:start': z
    .object({
      output: RehearsalOutputSchema.default('virtual-only'),
      /** Brightness of real props while `output` is 'dimmed'. */
      dim: z.number().finite().min(0).max(1).default(0.2),
    })
    .strict(),
  'rehearsal:keep': z.object({ label: z.string().min(1).max(200).optional() }).strict(),
  'rehearsal:discard': Empty,
  ...assistantRequestSchemas,
} as const;

export type RequestEvent = keyof typeof requestSchemas;
export type RequestPayload<E extends RequestEvent> = z.input<(typeof requestSchemas)[E]>;
export type ParsedRequest<E extends RequestEvent> = z.output<(typeof requestSchemas)[E]>;

/** Requests a viewer may make; everything else needs the operator role. */
export const VIEWER_REQUESTS: readonly RequestEvent[] = ['state:resync'];
