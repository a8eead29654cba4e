import Datastore from 'nedb-promises';
import type { z } from 'zod';
import { dropTornTail, scanDatafile, type DatafileScan } from './datafile-scan.js';
import { makeDurable, type Durability } from './durability.js';
import { describeError, StorageError } from './storage-error.js';
import { WriteQueue } from './write-queue.js';
import { firstIssue } from './zod-issue.js';

export interface StoredRecord {
  readonly _id: string;
}

type Query = Record<string, unknown>;

/**
 * One NeDB datafile holding records of one schema, opened so that no record can be lost without an error.
 * What NeDB (@seald-io/nedb 4) does on its own, and what is done here about it:
 * - it skips unparseable lines (up to 10 % by default) and lines without an _id, then rewrites the file
 *   without them: every line is checked first (datafile-scan.ts) and corruptAlertThreshold is 0;
 * - an insert resolves once fs.appendFile has handed the line to the kernel, with no fsync: `power-loss`
 *   durability adds an fdatasync before the write resolves;
 * - a failed append leaves the record in its memory and maybe a torn line in the file: the collection then
 *   refuses to write until it has read the file again (recover).
 *
 * NeDB rewrites the whole file when it loads it (its compaction): it writes `file~`, fsyncs it, renames it
 * over `file` and fsyncs the folder, so a crash at any moment leaves either the old or the new file whole.
 * Autocompaction is never turned on: the file is rewritten only here, at open.
 */
export class Collection<R extends StoredRecord> {
  private readonly queue = new WriteQueue();
  private failure: Error | undefined;
  private lineCount: number;

  private constructor(
    readonly file: string,
    private readonly schema: z.ZodType<R>,
    private readonly durability: Durability,
    private db: Datastore<{ _id: string }>,
    private lastScan: DatafileScan,
    /** Line of each record in the file as it is now (after the compaction at load, plus appends). */
    private lines: Map<string, number>,
  ) {
    this.lineCount = lines.size;
  }

  static async open<R extends StoredRecord>(
    file: string,
    schema: z.ZodType<R>,
    durability: Durability,
  ): Promise<Collection<R>> {
    const { db, scan, lines } = await load(file, schema);
    return new Collection(file, schema, durability, db, scan, lines);
  }

  /** What the file held when it was last read (at open, or when recovering from a failed write). */
  get scan(): DatafileScan {
    return this.lastScan;
  }

  /**
   * Reads the file again after a failed write: drops the torn line that write may have left and forgets
   * what NeDB kept in memory but never saved. Until this succeeds, every write is refused.
   */
  recover(): Promise<void> {
    return this.queue.run(() => this.reload());
  }

  /** The line that holds a record's latest version in the file, for error messages. */
  lineOf(id: string): number | undefined {
    return this.lines.get(id);
  }

  /** Set once a write has failed: the file may end in a torn line, so it must be read again (recover). */
  get failed(): Error | undefined {
    return this.failure;
  }

  async find(query: Query = {}, sort?: Record<string, 1 | -1>): Promise<R[]> {
    const cursor = this.db.find(query);
    const docs = sort ? await cursor.sort(sort) : await cursor;
    return docs.map((doc) => this.parse(doc));
  }

  async findOne(query: Query): Promise<R | undefined> {
    const doc = await this.db.findOne(query);
    return doc ? this.parse(doc) : undefined;
  }

  async count(query: Query = {}): Promise<number> {
    return this.db.count(query);
  }

  /** Adds a record; fails (and writes nothing) if its _id is taken. */
  insert(record: R): Promise<void> {
    const checked = this.check(record);
    return this.write(async () => {
      if (await this.db.findOne({ _id: checked._id }))
        throw new RefusedWrite(`a record "${checked._id}" is already stored`);
      await this.db.insert(checked);
      this.lines.set(checked._id, ++this.lineCount);
    });
  }

  /** Adds or replaces the record with this _id. */
  put(record: R): Promise<void> {
    const checked = this.check(record);
    return this.write(async () => {
      await this.db.update({ _id: checked._id }, checked, { upsert: true });
      this.lines.set(checked._id, ++this.lineCount);
    });
  }

  remove(query: Query): Promise<number> {
    return this.write(async () => {
      const removed = await this.db.find(query);
      const count = await this.db.remove(query, { multi: true });
      // Each removal appends a deletion line.
      for (const doc of removed) this.lines.set(doc._id, ++this.lineCount);
      return count;
    });
  }

  /** Waits for the writes under way; the collection must not be used afterwards. */
  async close(): Promise<void> {
    await this.queue.idle();
  }

  private write<T>(operation: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      if (this.failure) await this.reload();
      try {
        const result = await operation();
        await makeDurable(this.file, this.durability);
        return result;
      } catch (error) {
        if (error instanceof RefusedWrite) throw new StorageError(error.message, this.file);
        // NeDB keeps a record in memory even when appending it failed, and the file may now end in a torn
        // line: nothing more may be appended until the file has been scanned and loaded again.
        this.failure = error instanceof Error ? error : new Error(String(error));
        throw new StorageError(`write failed: ${describeError(error)}`, this.file, undefined, {
          cause: error,
        });
      }
    });
  }

  private async reload(): Promise<void> {
    const failure = this.failure;
    if (!failure) return;
    try {
      const { db, scan, lines } = await load(this.file, this.schema);
      this.db = db;
      this.lastScan = scan;
      this.lines = lines;
      this.lineCount = lines.size;
      this.failure = undefined;
    } catch (error) {
      throw new StorageError(
        `refusing to write: an earlier write failed (${failure.message}) and the file cannot be read back (${describeError(error)})`,
        this.file,
        undefined,
        { cause: error },
      );
    }
  }

  private check(record: R): R {
    const result = this.schema.safeParse(record);
    if (result.success) return result.data;
    throw new StorageError(`refusing to write an invalid record: ${firstIssue(result.error)}`, this.file);
  }

  private parse(doc: unknown): R {
    const result = this.schema.safeParse(doc);
    if (result.success) return result.data;
    const id = (doc as { _id?: unknown })._id;
    const line = typeof id === 'string' ? this.lineOf(id) : undefined;
    throw new StorageError(`not a valid record: ${firstIssue(result.error)}`, this.file, line);
  }
}

/** NeDB's own listing of its records: the order its compaction writes them to the file, one per line. */
interface NedbRecords {
  getAllData(): { _id: string }[];
}

async function load(
  file: string,
  schema: z.ZodType,
): Promise<{ db: Datastore<{ _id: string }>; scan: DatafileScan; lines: Map<string, number> }> {
  const scan = await scanDatafile(file, schema);
  await dropTornTail(scan);
  const db = Datastore.create({ filename: file, autoload: false, corruptAlertThreshold: 0 });
  try {
    await db.load();
  } catch (error) {
    throw new StorageError(`cannot load: ${describeError(error)}`, file, undefined, { cause: error });
  }
  // Loading rewrote the file in NeDB's order: number the lines as they are now, not as they were scanned.
  const lines = new Map<string, number>();
  (db as unknown as NedbRecords).getAllData().forEach((doc, index) => lines.set(doc._id, index + 1));
  return { db, scan, lines };
}

/** A write refused before anything reached the file. */
class RefusedWrite extends Error {}
