// A proposal's edits in the show's own words (the command table's labels), so the operator reads what
// would change before tapping Apply. An edit this controller cannot read is named, not hidden.
import { commandDefinition } from '../../../show/index.js';

/** Edits listed in full; past this the rest is counted ("… and 12 more"). */
export const LISTED_EDITS = 6;

export function describeEdit(edit: unknown): string {
  const type =
    typeof edit === 'object' && edit !== null && typeof (edit as { type?: unknown }).type === 'string'
      ? (edit as { type: string }).type
      : null;
  if (type === null) return 'an edit this controller cannot read';
  const definition = commandDefinition(type);
  const parsed = definition?.schema.safeParse(edit);
  if (!definition || !parsed?.success) return type;
  return definition.label(parsed.data);
}

export function describeEdits(edits: readonly unknown[], listed = LISTED_EDITS): string[] {
  const lines = edits.slice(0, listed).map(describeEdit);
  if (edits.length > listed) lines.push(`… and ${edits.length - listed} more`);
  return lines;
}
