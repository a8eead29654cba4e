import type { z } from 'zod';
import type { Show } from '../model/show.js';
import { CommandRefusal, type CommandError } from './command-error.js';
import { commandDefinition, commandTable, type Command } from './command-table.js';
import { EditSession } from './edit-session.js';
import type { RestoreCommand } from './restore-schema.js';

export type ApplyResult =
  | {
      readonly ok: true;
      readonly show: Show;
      /** Applying this to `show` gives back the input show exactly. */
      readonly inverse: RestoreCommand;
      /** The command as validated, defaults filled in: what history stores and redo replays. */
      readonly command: Command;
      readonly label: string;
      /** Ids of the segments the command created. */
      readonly createdSegmentIds: readonly string[];
    }
  | { readonly ok: false; readonly error: CommandError };

const MAX_NESTING = 8;

/**
 * Applies one command (or a batch) to a show. Pure: the input show is never changed. Either the whole
 * command applies and the result carries its inverse, or it is refused with the field and the reason.
 */
export function apply(show: Show, command: unknown): ApplyResult {
  const session = new EditSession(show);
  try {
    const { definition, parsed } = validate(command, '');
    runValidated(session, definition.type, parsed, 0);
    const { show: next, inverse } = session.finish();
    return {
      ok: true,
      show: next,
      inverse,
      command: parsed as Command,
      label: definition.label(parsed),
      createdSegmentIds: session.createdSegmentIds,
    };
  } catch (error) {
    if (error instanceof CommandRefusal)
      return { ok: false, error: { path: error.path, message: error.message } };
    throw error;
  }
}

function validate(command: unknown, prefix: string) {
  const type =
    typeof command === 'object' && command !== null ? (command as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') {
    throw new CommandRefusal(join(prefix, 'type'), 'a command needs a "type" naming what to do');
  }
  const definition = commandDefinition(type);
  if (!definition) {
    const known = Object.keys(commandTable).filter((name) => name !== 'restore');
    throw new CommandRefusal(join(prefix, 'type'), `unknown command "${type}" (known: ${known.join(', ')})`);
  }
  const result = (definition.schema as z.ZodType).safeParse(command);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue ? issue.path.map(String).join('.') : '';
    throw new CommandRefusal(join(prefix, path), issue?.message ?? 'invalid command');
  }
  return { definition, parsed: result.data };
}

function runValidated(session: EditSession, type: string, parsed: unknown, depth: number): void {
  const definition = commandDefinition(type);
  if (!definition) throw new CommandRefusal('type', `unknown command "${type}"`);
  definition.execute(session, parsed, (inner, member, path) => {
    if (depth + 1 > MAX_NESTING) throw new CommandRefusal(path, `batches nest at most ${MAX_NESTING} deep`);
    try {
      const nested = validate(member, '');
      runValidated(inner, nested.definition.type, nested.parsed, depth + 1);
    } catch (error) {
      if (error instanceof CommandRefusal) throw new CommandRefusal(join(path, error.path), error.message);
      throw error;
    }
  });
}

function join(prefix: string, path: string): string {
  if (!prefix) return path;
  return path ? `${prefix}.${path}` : prefix;
}
