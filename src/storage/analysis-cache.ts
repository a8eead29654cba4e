// The analysis cache on disk: one nedb document per key (content hash + analysis version), the value kept
// as given. The analysis side validates what it loads, so this store stays a plain key → JSON map and
// src/storage needs no analysis types.
import Datastore from 'nedb-promises';

interface CacheDocument {
  _id: string;
  savedAt: string;
  value: unknown;
}

export class NedbAnalysisCache {
  private readonly store: Datastore<CacheDocument>;

  constructor(filename: string) {
    this.store = Datastore.create({ filename, autoload: true }) as Datastore<CacheDocument>;
  }

  async load(key: string): Promise<unknown> {
    const document = await this.store.findOne({ _id: key });
    return document?.value;
  }

  async save(key: string, value: unknown): Promise<void> {
    await this.store.update(
      { _id: key },
      { _id: key, savedAt: new Date().toISOString(), value },
      { upsert: true },
    );
  }
}
