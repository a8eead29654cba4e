import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage, STORAGE_SCHEMA_VERSION, type StorageMigration } from '../../../src/storage/index.js';
import { temporaryDataDirs } from '../../support/storage-fixtures.js';

const dirs = temporaryDataDirs();
afterAll(() => dirs.removeAll());

const addMarker: StorageMigration = {
  from: STORAGE_SCHEMA_VERSION,
  to: STORAGE_SCHEMA_VERSION + 1,
  description: 'adds a marker file',
  async migrate(dataDir) {
    appendFileSync(join(dataDir, 'marker'), 'migrated\n');
  },
};

describe('data folder', () => {
  it('records the schema version, runs each migration once, and refuses a folder from a newer version', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    expect(storage.schema).toEqual({ foundVersion: STORAGE_SCHEMA_VERSION, migrated: [] });
    await storage.close();

    const next = STORAGE_SCHEMA_VERSION + 1;
    storage = await openStorage(dataDir, { schemaVersion: next, migrations: [addMarker] });
    expect(storage.schema.migrated).toEqual([`${STORAGE_SCHEMA_VERSION}→${next}: adds a marker file`]);
    await storage.close();
    storage = await openStorage(dataDir, { schemaVersion: next, migrations: [addMarker] });
    expect(storage.schema).toEqual({ foundVersion: next, migrated: [] });
    await storage.close();
    expect(readFileSync(join(dataDir, 'marker'), 'utf8')).toBe('migrated\n');

    await expect(openStorage(dataDir)).rejects.toThrow(
      `${join(dataDir, 'storage.db')}: written by a newer version (storage schema ${next}; this one reads up to ${STORAGE_SCHEMA_VERSION}); refusing to open it`,
    );
    await expect(openStorage(dataDir, { schemaVersion: next + 1 })).rejects.toThrow(
      `no migration from storage schema ${next} towards ${next + 1}`,
    );
  });

  it('a failed migration is named and leaves the version as it was, so the next start runs it again', async () => {
    const dataDir = dirs.next();
    await (await openStorage(dataDir)).close();
    const broken: StorageMigration = {
      ...addMarker,
      async migrate() {
        throw new Error('disk full');
      },
    };
    const next = STORAGE_SCHEMA_VERSION + 1;
    await expect(openStorage(dataDir, { schemaVersion: next, migrations: [broken] })).rejects.toThrow(
      `migration ${STORAGE_SCHEMA_VERSION}→${next} (adds a marker file) failed: disk full`,
    );
    const storage = await openStorage(dataDir, { schemaVersion: next, migrations: [addMarker] });
    expect(storage.schema.foundVersion).toBe(STORAGE_SCHEMA_VERSION);
    await storage.close();
  });

  it('is owned by one process at a time; a lock left by a dead process is taken over', async () => {
    const dataDir = dirs.next();
    const storage = await openStorage(dataDir);
    await expect(openStorage(dataDir)).rejects.toThrow(`${dataDir}: already open in this process`);
    await storage.close();

    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dataDir, 'LOCK'), `${other.pid}\n`);
      await expect(openStorage(dataDir)).rejects.toThrow(`${dataDir}: in use by process ${other.pid}`);
    } finally {
      const exited = new Promise((resolve) => other.once('exit', resolve));
      other.kill('SIGKILL');
      await exited;
    }
    const reopened = await openStorage(dataDir);
    expect(readFileSync(join(dataDir, 'LOCK'), 'utf8')).toBe(`${process.pid}\n`);
    await reopened.close();
  });
});
