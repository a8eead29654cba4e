import { z } from 'zod';

/**
 * What the datafiles hold. Shows and checkpoints are stored as JSON text inside the record: NeDB refuses
 * field names with a '.' or a leading '$' (checkpoint meta may have either) and deep-copies every object on
 * each read and write, which a 50,000-segment show makes slow. Their content is validated with the show's
 * own schemas when a show is loaded.
 */

/** shows.db: one record per show, pointing at the datafile that holds its history. */
export const ShowIndexRecordSchema = z
  .object({
    _id: z.string().min(1),
    name: z.string(),
    createdAt: z.string(),
    file: z.string().regex(/^[A-Za-z0-9_-]+\.db$/, 'a file name inside the shows folder'),
  })
  .strict();
export type ShowIndexRecord = z.infer<typeof ShowIndexRecordSchema>;

export const INITIAL_RECORD_ID = 'initial';

/** The show as created or imported: revision 0, which the checkpoints are replayed onto. */
export const InitialShowRecordSchema = z
  .object({ _id: z.literal(INITIAL_RECORD_ID), type: z.literal('initial'), show: z.string() })
  .strict();

export const CheckpointRecordSchema = z
  .object({
    _id: z.string().regex(/^r[1-9][0-9]*$/, 'r followed by the revision'),
    type: z.literal('checkpoint'),
    revision: z.number().int().min(1),
    checkpoint: z.string(),
  })
  .strict();
export type CheckpointRecord = z.infer<typeof CheckpointRecordSchema>;

export const CheckpointNameRecordSchema = z
  .object({
    _id: z.string().startsWith('name:'),
    type: z.literal('name'),
    checkpointId: z.string().min(1),
    name: z.string(),
  })
  .strict();

/** shows/<file>.db: the initial show, every checkpoint and the checkpoint names of one show. */
export const ShowFileRecordSchema = z.discriminatedUnion('type', [
  InitialShowRecordSchema,
  CheckpointRecordSchema,
  CheckpointNameRecordSchema,
]);
export type ShowFileRecord = z.infer<typeof ShowFileRecordSchema>;

export function checkpointRecordId(revision: number): string {
  return `r${revision}`;
}

export function nameRecordId(checkpointId: string): string {
  return `name:${checkpointId}`;
}
