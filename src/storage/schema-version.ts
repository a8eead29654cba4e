import { join } from 'node:path';
import { z } from 'zod';
import { Collection } from './collection.js';
import type { Durability } from './durability.js';
import { describeError, StorageError } from './storage-error.js';

/** The layout of the data folder (files, records). Bump it, and add a migration, when either changes. */
export const STORAGE_SCHEMA_VERSION = 1;

/**
 * Brings a data folder from one schema version to the next. It must be safe to run again after a crash
 * half-way (the version is recorded only once it has finished), e.g. by writing new files and renaming.
 */
export interface StorageMigration {
  readonly from: number;
  readonly to: number;
  readonly description: string;
  migrate(dataDir: string): Promise<void>;
}

const VERSION_RECORD_ID = 'storage';
const VersionRecordSchema = z
  .object({
    _id: z.literal(VERSION_RECORD_ID),
    schemaVersion: z.number().int().min(0),
    updatedAt: z.string(),
  })
  .strict();

export interface SchemaCheck {
  /** The version the folder was at when opened (the current one for a new folder). */
  readonly foundVersion: number;
  readonly migrated: readonly string[];
}

/** Reads the folder's schema version from storage.db, runs the migrations it needs, and records the result. */
export async function ensureSchemaVersion(
  dataDir: string,
  durability: Durability,
  target = STORAGE_SCHEMA_VERSION,
  migrations: readonly StorageMigration[] = [],
): Promise<SchemaCheck> {
  const file = join(dataDir, 'storage.db');
  const versions = await Collection.open(file, VersionRecordSchema, durability);
  try {
    const stored = await versions.findOne({ _id: VERSION_RECORD_ID });
    const record = (schemaVersion: number) => ({
      _id: VERSION_RECORD_ID as typeof VERSION_RECORD_ID,
      schemaVersion,
      updatedAt: new Date().toISOString(),
    });
    if (!stored) {
      await versions.put(record(target));
      return { foundVersion: target, migrated: [] };
    }
    if (stored.schemaVersion > target) {
      throw new StorageError(
        `written by a newer version (storage schema ${stored.schemaVersion}; this one reads up to ${target}); refusing to open it`,
        file,
      );
    }
    const migrated: string[] = [];
    let version = stored.schemaVersion;
    while (version < target) {
      const step = migrations.find((migration) => migration.from === version);
      if (!step)
        throw new StorageError(`no migration from storage schema ${version} towards ${target}`, file);
      try {
        await step.migrate(dataDir);
      } catch (error) {
        throw new StorageError(
          `migration ${step.from}→${step.to} (${step.description}) failed: ${describeError(error)}`,
          file,
          undefined,
          { cause: error },
        );
      }
      await versions.put(record(step.to));
      migrated.push(`${step.from}→${step.to}: ${step.description}`);
      version = step.to;
    }
    return { foundVersion: stored.schemaVersion, migrated };
  } finally {
    await versions.close();
  }
}
