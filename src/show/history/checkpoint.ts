import { z } from 'zod';
import { RestoreCommandSchema } from '../commands/restore-schema.js';

export const AuthorSchema = z.enum(['operator', 'assistant', 'system']);
export type Author = z.infer<typeof AuthorSchema>;

/** What made a checkpoint: an edit, or an undo/redo/revert of earlier ones (history is never rewritten). */
export const CheckpointKindSchema = z.enum(['edit', 'undo', 'redo', 'revert']);
export type CheckpointKind = z.infer<typeof CheckpointKindSchema>;

/** Where an edit came from, for the checkpoint list: the prompt, the model, the recognised speech … */
export const CheckpointMetaSchema = z.record(z.string(), z.unknown());

/**
 * One applied change of a show. `command` is exactly what was applied (so replaying commands in revision
 * order rebuilds the show); `inverse` undoes it.
 */
export const CheckpointSchema = z
  .object({
    id: z.string().min(1),
    showId: z.string().min(1),
    /** The show's revision after this checkpoint; revision 0 is the show as created or imported. */
    revision: z.number().int().min(1),
    time: z.string(),
    author: AuthorSchema,
    label: z.string(),
    kind: CheckpointKindSchema,
    /** The checkpoint this one undoes or redoes, or the revision it reverts to. */
    target: z.union([z.string(), z.number().int()]).optional(),
    command: z.unknown(),
    inverse: RestoreCommandSchema,
    meta: CheckpointMetaSchema.optional(),
  })
  .strict();
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export function checkpointId(showId: string, revision: number): string {
  return `${showId}@${revision}`;
}
