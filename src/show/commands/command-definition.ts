import type { z } from 'zod';
import type { EditSession } from './edit-session.js';

/**
 * One named edit: its schema (which the assistant also gets as a tool), a one-line description, and how it
 * changes a working copy of the show. `execute` throws CommandRefusal for a command that does not fit the
 * show; `apply` turns that into a refused result and nothing changes.
 */
export interface CommandDefinition<Schema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly description: string;
  readonly schema: Schema;
  /** Offered to people and the assistant; internal commands (restore) are not. */
  readonly offered: boolean;
  execute(session: EditSession, command: z.infer<Schema>, applyNested: NestedApply): void;
  label(command: z.infer<Schema>): string;
}

/** Lets `batch` run its members through the same table inside one working copy. */
export type NestedApply = (session: EditSession, command: unknown, path: string) => void;

export function defineCommand<Schema extends z.ZodType>(
  definition: CommandDefinition<Schema>,
): CommandDefinition<Schema> {
  return definition;
}
