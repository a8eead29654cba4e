import { mkdir } from 'node:fs/promises';
import { ChatStore } from './chat-store.js';
import { DataDirLock } from './data-dir-lock.js';
import { DEFAULT_DURABILITY, type Durability } from './durability.js';
import {
  ensureSchemaVersion,
  STORAGE_SCHEMA_VERSION,
  type SchemaCheck,
  type StorageMigration,
} from './schema-version.js';
import { SettingsStore } from './settings-store.js';
import { ShowStore } from './show-store.js';

export interface StorageOptions {
  readonly durability?: Durability;
  /** The schema version this build writes; tests of the migration hook set a later one. */
  readonly schemaVersion?: number;
  readonly migrations?: readonly StorageMigration[];
}

/** Everything the daemon keeps on disk, in one data folder that one process owns at a time. */
export interface Storage {
  readonly dataDir: string;
  readonly shows: ShowStore;
  readonly settings: SettingsStore;
  readonly chat: ChatStore;
  readonly schema: SchemaCheck;
  close(): Promise<void>;
}

/** Opens (or creates) a data folder: takes its lock, brings its schema up to date, opens the stores. */
export async function openStorage(dataDir: string, options: StorageOptions = {}): Promise<Storage> {
  const durability = options.durability ?? DEFAULT_DURABILITY;
  await mkdir(dataDir, { recursive: true });
  const lock = await DataDirLock.acquire(dataDir);
  const opened: { close(): Promise<void> }[] = [];
  try {
    const schema = await ensureSchemaVersion(
      dataDir,
      durability,
      options.schemaVersion ?? STORAGE_SCHEMA_VERSION,
      options.migrations,
    );
    const shows = await ShowStore.open(dataDir, durability);
    opened.push(shows);
    const settings = await SettingsStore.open(dataDir, durability);
    opened.push(settings);
    const chat = await ChatStore.open(dataDir, durability);
    opened.push(chat);
    return {
      dataDir,
      shows,
      settings,
      chat,
      schema,
      async close() {
        await Promise.all(opened.map((store) => store.close()));
        await lock.release();
      },
    };
  } catch (error) {
    await Promise.all(opened.map((store) => store.close()));
    await lock.release();
    throw error;
  }
}
