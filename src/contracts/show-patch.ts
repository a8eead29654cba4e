import { z } from 'zod';
import { PropSchema, ShowFieldsSchema, type Prop, type Show } from '../show/index.js';
import { BranchSchema, CheckpointSummarySchema } from './state.js';

/** Show-level fields a patch may carry; `audio: null` means the song was removed. */
export const ShowFieldsPatchSchema = ShowFieldsSchema.extend({
  nextSegmentNumber: z.number().int().min(1),
}).partial();
export type ShowFieldsPatch = z.infer<typeof ShowFieldsPatchSchema>;

/**
 * What one checkpoint changed. A client applies it only when `baseRevision` and `branch` are what it holds;
 * any other patch means it missed one, and it asks for a resync.
 */
export const ShowPatchSchema = z
  .object({
    branch: BranchSchema,
    baseRevision: z.number().int().min(0),
    revision: z.number().int().min(1),
    checkpoint: CheckpointSummarySchema,
    canUndo: z.boolean(),
    canRedo: z.boolean(),
    fields: ShowFieldsPatchSchema,
    /** Props added or changed, whole. */
    upsertProps: z.array(PropSchema),
    removedPropIds: z.array(z.string()),
    /** Every prop id in show order after the change. */
    propOrder: z.array(z.string()),
  })
  .strict();
export type ShowPatch = z.infer<typeof ShowPatchSchema>;

export type ShowChange = Pick<ShowPatch, 'fields' | 'upsertProps' | 'removedPropIds' | 'propOrder'>;

const FIELD_KEYS = Object.keys(ShowFieldsPatchSchema.shape) as (keyof ShowFieldsPatch)[];

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The change from `before` to `after`, prop by prop (whole props: a prop is small next to a show). */
export function showChange(before: Show, after: Show): ShowChange {
  const fields: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) {
    if (same(before[key], after[key])) continue;
    fields[key] = after[key] === undefined ? null : after[key];
  }
  const previous = new Map(before.props.map((prop) => [prop.id, prop]));
  const upsertProps = after.props.filter((prop) => {
    const old = previous.get(prop.id);
    return old === undefined || (old !== prop && !same(old, prop));
  });
  const kept = new Set(after.props.map((prop) => prop.id));
  return {
    fields: fields as ShowFieldsPatch,
    upsertProps,
    removedPropIds: before.props.filter((prop) => !kept.has(prop.id)).map((prop) => prop.id),
    propOrder: after.props.map((prop) => prop.id),
  };
}

/** `show` with a change applied; pure. Throws if the change names a prop the show does not have. */
export function applyShowChange(show: Show, change: ShowChange): Show {
  const props = new Map<string, Prop>(show.props.map((prop) => [prop.id, prop]));
  for (const id of change.removedPropIds) props.delete(id);
  for (const prop of change.upsertProps) props.set(prop.id, prop);
  const ordered = change.propOrder.map((id) => {
    const prop = props.get(id);
    if (prop === undefined) throw new Error(`patch orders prop "${id}" that it neither keeps nor adds`);
    return prop;
  });
  const next: Record<string, unknown> = { ...show, props: ordered };
  for (const [key, value] of Object.entries(change.fields)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as Show;
}
