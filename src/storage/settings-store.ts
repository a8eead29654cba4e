import { join } from 'node:path';
import { z } from 'zod';
import { Collection } from './collection.js';
import type { Durability } from './durability.js';
import { StorageError } from './storage-error.js';
import { parseStoredJson } from './zod-issue.js';

const SettingRecordSchema = z
  .object({ _id: z.string().min(1), value: z.string(), updatedAt: z.string() })
  .strict();
type SettingRecord = z.infer<typeof SettingRecordSchema>;

/**
 * Small named settings (the last show opened, device assignments, assistant options …), stored as JSON in
 * settings.db. Whoever reads a setting passes the schema it must match, so a value written by an older
 * version or edited by hand is checked before use.
 */
export class SettingsStore {
  private constructor(private readonly records: Collection<SettingRecord>) {}

  static async open(dataDir: string, durability: Durability): Promise<SettingsStore> {
    return new SettingsStore(
      await Collection.open(join(dataDir, 'settings.db'), SettingRecordSchema, durability),
    );
  }

  get file(): string {
    return this.records.file;
  }

  /** The setting, or undefined when it was never set; an error names the file and line if it does not fit. */
  async get<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | undefined> {
    const record = await this.records.findOne({ _id: key });
    if (!record) return undefined;
    return parseStoredJson(schema, record.value, `setting "${key}"`, this.file, this.records.lineOf(key));
  }

  /** Stores a JSON value under `key`; resolves once it is saved. */
  set(key: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    if (key === '' || text === undefined)
      return Promise.reject(new StorageError(`setting "${key}": needs a name and a JSON value`, this.file));
    return this.records.put({ _id: key, value: text, updatedAt: new Date().toISOString() });
  }

  async delete(key: string): Promise<void> {
    await this.records.remove({ _id: key });
  }

  async keys(): Promise<string[]> {
    return (await this.records.find({}, { _id: 1 })).map((record) => record._id);
  }

  close(): Promise<void> {
    return this.records.close();
  }
}
