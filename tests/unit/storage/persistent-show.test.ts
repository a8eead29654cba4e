import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage, PersistentShow, StorageError, type Storage } from '../../../src/storage/index.js';
import { emptyShow } from '../../support/show-fixtures.js';
import { temporaryDataDirs } from '../../support/storage-fixtures.js';

const dirs = temporaryDataDirs();
afterAll(() => dirs.removeAll());
const who = { author: 'operator' as const };
const solid = (start: number) => ({
  type: 'addSegment',
  propId: 'ball1',
  start,
  end: start + 0.5,
  look: { kind: 'solid', color: [200, 0, 0] },
});

function showFile(storage: Storage): string {
  const folder = join(storage.dataDir, 'shows');
  return join(folder, readdirSync(folder).find((name) => name.endsWith('.db')) as string);
}

describe('persistent show', () => {
  it('saves changes in the order they were asked for, each before it is acknowledged', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    const show = await PersistentShow.create(storage.shows, emptyShow());
    const pending = Array.from({ length: 25 }, (_, index) => show.commit(solid(index), who));
    // Nothing is acknowledged before it is saved.
    expect(show.revision).toBe(0);
    const results = await Promise.all(pending);
    expect(results.map((result) => (result.ok ? result.checkpoint.revision : -1))).toEqual(
      Array.from({ length: 25 }, (_, index) => index + 1),
    );
    expect(show.revision).toBe(25);
    await storage.close();
    storage = await openStorage(dataDir);
    const back = await PersistentShow.load(storage.shows, 'test-show');
    expect(back.show).toEqual(show.show);
    await storage.close();
  });

  it('writes nothing for a refused command', async () => {
    const storage = await openStorage(dirs.next());
    const show = await PersistentShow.create(storage.shows, emptyShow());
    await show.commit(solid(0), who);
    const before = readFileSync(showFile(storage), 'utf8');
    const refused = await show.commit({ ...solid(1), propId: 'ball9' }, who);
    expect(refused.ok).toBe(false);
    expect(readFileSync(showFile(storage), 'utf8')).toBe(before);
    expect(show.revision).toBe(1);
    await expect(show.name('test-show@7', 'nope')).rejects.toThrow(/no checkpoint test-show@7/);
    await storage.close();
    // Once the folder is closed (and its lock released), nothing more is written to it.
    await expect(show.commit(solid(2), who)).rejects.toThrow(/the show store is closed/);
    expect(show.revision).toBe(1);
  });

  it('when the disk fails, refuses the change, stays at the saved revision, and resumes once the disk is back', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    const show = await PersistentShow.create(storage.shows, emptyShow());
    await show.commit(solid(0), who);
    await show.commit(solid(1), who);
    const saved = show.show;
    const file = showFile(storage);
    // The datafile turns into a folder: appending and reading it both fail (EISDIR), as on a dead disk.
    renameSync(file, `${file}.aside`);
    mkdirSync(file);

    const failed = show.commit(solid(2), who);
    await expect(failed).rejects.toBeInstanceOf(StorageError);
    await expect(failed).rejects.toThrow(
      /saving test-show@3 failed \(.*EISDIR.*\); the show stays at revision 2 and changes are refused until storage works again/,
    );
    expect(show.revision).toBe(2);
    expect(show.show).toBe(saved);
    expect(show.checkpoints()).toHaveLength(2);
    await expect(show.undo(who)).rejects.toThrow(/cannot be saved .* stays at revision 2/);
    expect(show.revision).toBe(2);

    rmdirSync(file);
    renameSync(`${file}.aside`, file);
    const resumed = await show.commit(solid(3), who);
    expect(resumed.ok && resumed.checkpoint.revision).toBe(3);
    await storage.close();

    storage = await openStorage(dataDir);
    const back = await PersistentShow.load(storage.shows, 'test-show');
    expect(back.revision).toBe(3);
    expect(back.show).toEqual(show.show);
    await storage.close();
  });
});
