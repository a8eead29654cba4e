import type { z } from 'zod';
import { StorageError } from './storage-error.js';

/** The first problem zod found, as "field.path: reason" (or just the reason for the value itself). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

/**
 * Parses JSON text kept inside a record and validates it; `what` names it in the error ("setting \"x\"",
 * "the checkpoint" …), which also names the file and line.
 */
export function parseStoredJson<S extends z.ZodType>(
  schema: S,
  text: string,
  what: string,
  file: string,
  line: number | undefined,
): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StorageError(`${what} is not JSON: ${(error as Error).message}`, file, line);
  }
  const result = schema.safeParse(value);
  if (!result.success)
    throw new StorageError(`${what} is not valid: ${firstIssue(result.error)}`, file, line);
  return result.data;
}
