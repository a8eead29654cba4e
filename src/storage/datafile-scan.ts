import { open, readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { StorageError } from './storage-error.js';
import { firstIssue } from './zod-issue.js';

/** What reading a datafile found before the database loads it. */
export interface DatafileScan {
  readonly file: string;
  /** The line (1-based) holding the latest version of each record, for error messages later on. */
  readonly lineOfId: ReadonlyMap<string, number>;
  /** Lines read, blank ones aside. */
  readonly lines: number;
  /** Byte length of the file without a torn last line (the whole file when nothing is torn). */
  readonly intactLength: number;
  /** 1 when the last line was cut short by a crash mid-write (it can only hold an unacknowledged record). */
  readonly tornLines: number;
}

const LF = 0x0a;

/**
 * Reads a datafile line by line and checks every record against `schema`, before NeDB sees it: NeDB drops
 * lines it cannot parse (up to its corruptAlertThreshold) and then rewrites the file without them, which
 * would lose data silently. Here a bad line is an error naming the file and line, and only a torn last line
 * (no newline at its end, not parseable) is forgiven, because an append that was cut off by a crash was
 * never acknowledged.
 */
export async function scanDatafile(file: string, schema: z.ZodType): Promise<DatafileScan> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { file, lineOfId: new Map(), lines: 0, intactLength: 0, tornLines: 0 };
    throw new StorageError(`cannot read: ${(error as Error).message}`, file, undefined, { cause: error });
  }
  const lastNewline = bytes.lastIndexOf(LF);
  const body = bytes.subarray(0, lastNewline + 1).toString('utf8');
  const tail = bytes.subarray(lastNewline + 1);
  const lineOfId = new Map<string, number>();
  let lines = 0;
  const texts = body.split('\n');
  // The split leaves an empty string after the final newline.
  texts.pop();
  texts.forEach((text, index) => {
    if (text === '') return;
    lines++;
    const id = checkLine(text, schema, file, index + 1);
    if (id === null) throw new StorageError(notJson(text), file, index + 1);
    lineOfId.set(id, index + 1);
  });
  let tornLines = 0;
  let intactLength = bytes.length;
  if (tail.length > 0) {
    const tailLine = texts.length + 1;
    // A prefix of a JSON object never parses, so a tail that parses is a whole record whose newline is all
    // that is missing (NeDB's compaction on load puts it back).
    const id = checkLine(tail.toString('utf8'), schema, file, tailLine);
    if (id === null) {
      tornLines = 1;
      intactLength = lastNewline + 1;
    } else {
      lines++;
      lineOfId.set(id, tailLine);
    }
  }
  return { file, lineOfId, lines, intactLength, tornLines };
}

/** Cuts a torn last line off, so that the next append does not glue a good record onto it. */
export async function dropTornTail(scan: DatafileScan): Promise<void> {
  if (scan.tornLines === 0) return;
  const handle = await open(scan.file, 'r+');
  try {
    await handle.truncate(scan.intactLength);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** The record's _id, or null when the text is not JSON at all; throws when it is JSON but not a record. */
function checkLine(text: string, schema: z.ZodType, file: string, line: number): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new StorageError('a record must be a JSON object', file, line);
  const record = value as Record<string, unknown>;
  const id = record._id;
  // NeDB's own bookkeeping lines: deletions and index definitions.
  if (record.$$deleted === true && typeof id === 'string') return id;
  if ('$$indexCreated' in record || '$$indexRemoved' in record) return `$$index:${line}`;
  const result = schema.safeParse(record);
  if (!result.success) {
    throw new StorageError(`not a valid record: ${firstIssue(result.error)}`, file, line);
  }
  if (typeof id !== 'string') throw new StorageError('a record needs an "_id" string', file, line);
  return id;
}

function notJson(text: string): string {
  const preview = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `not a JSON record (${JSON.stringify(preview)})`;
}
