import type { z } from 'zod';

/**
 * A file that cannot be read as the format it claims to be. The message is one line that says what is
 * wrong and where (a byte offset for binary files, a field path for JSON), so the CLI can print it as is.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
}

/** "at byte 0x16 (22)": both forms, since people compare offsets with hex dumps and with sizes. */
export function byteLocation(offset: number): string {
  return `at byte 0x${offset.toString(16)} (${offset})`;
}

/** A dotted field path as people write it: sequence.120.color.0 */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map((key) => String(key)).join('.');
}

/** The first problem zod found, as "path: reason". */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  // A bad record key reports "Invalid key in record"; the key schema's own message says what a key must be.
  const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
  return `${fieldPath(issue.path)}: ${inner ?? issue.message}`;
}

/** JSON.parse with a one-line error that gives line and column instead of a bare character position. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      throw new FormatError(
        `${what} is not valid JSON at line ${line} column ${column}: ${oneLine(message.replace(/ in JSON at position \d+.*$/, ''))}`,
      );
    }
    throw new FormatError(`${what} is not valid JSON: ${oneLine(message)}`);
  }
}

/** Engine messages may quote the offending text, newlines and all: the CLI promises one line. */
function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
