// The analysis cache on disk: one record per key (content hash + analysis version), the value kept as JSON
// text (analysis results may hold keys NeDB refuses). It is built on the same checked Collection as the
// show store, so a damaged line is an error, not a silent loss. The analysis side validates what it loads,
// so this store stays a plain key → JSON map and src/storage needs no analysis types.
import { rename } from 'node:fs/promises';
import { z } from 'zod';
import { Collection } from './collection.js';
import { StorageError } from './storage-error.js';

const CacheRecordSchema = z
  .object({ _id: z.string().min(1), savedAt: z.string(), value: z.string() })
  .strict();
type CacheRecord = z.infer<typeof CacheRecordSchema>;

/**
 * Opens the cache; a damaged file is moved aside (kept, named `.damaged-<time>`) and a fresh cache started,
 * since everything in it can be computed again.
 */
async function openOrSetAside(filename: string): Promise<Collection<CacheRecord>> {
  try {
    return await Collection.open(filename, CacheRecordSchema, 'process-crash');
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    const aside = `${filename}.damaged-${Date.now()}`;
    await rename(filename, aside);
    console.warn(
      `smlive: analysis cache ${filename} was damaged (${error.message}); kept as ${aside}, starting afresh`,
    );
    return Collection.open(filename, CacheRecordSchema, 'process-crash');
  }
}

export class NedbAnalysisCache {
  private readonly records: Promise<Collection<CacheRecord>>;

  constructor(filename: string) {
    // A lost cache entry is only recomputed, so the write need not wait for the disk.
    this.records = openOrSetAside(filename);
    // Callers see an open failure on their first load or save; this only keeps it from being unhandled.
    this.records.catch(() => undefined);
  }

  async load(key: string): Promise<unknown> {
    const record = await (await this.records).findOne({ _id: key });
    return record === undefined ? undefined : (JSON.parse(record.value) as unknown);
  }

  async save(key: string, value: unknown): Promise<void> {
    await (
      await this.records
    ).put({ _id: key, savedAt: new Date().toISOString(), value: JSON.stringify(value) });
  }

  async close(): Promise<void> {
    await (await this.records).close();
  }
}
