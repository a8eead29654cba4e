import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ShowHistory } from '../../../src/show/index.js';
import { openStorage, PersistentShow, restoreHistory, type Storage } from '../../../src/storage/index.js';
import { emptyShow, steadyBeats } from '../../support/show-fixtures.js';
import { temporaryDataDirs } from '../../support/storage-fixtures.js';

const dirs = temporaryDataDirs();
afterAll(() => dirs.removeAll());
const who = { author: 'operator' as const };
const solid = (propId: string, start: number, red: number) => ({
  type: 'addSegment',
  propId,
  start,
  end: start + 1,
  look: { kind: 'solid', color: [red, 0, 0] },
});

function showFile(storage: Storage): string {
  const folder = join(storage.dataDir, 'shows');
  const [file] = readdirSync(folder).filter((name) => name.endsWith('.db'));
  if (!file) throw new Error('no show datafile');
  return join(folder, file);
}

describe('show store', () => {
  it('brings a show back at its latest checkpoint with its whole history, names and undo/redo state', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    const initial = emptyShow({ props: 3, duration: 60, beats: steadyBeats(120, 60) });
    const show = await PersistentShow.create(storage.shows, initial);
    // The same edits in memory only, to compare with after the restart.
    const twin = new ShowHistory(initial);
    const meta = { prompt: 'make it red', 'model.name': 'tiny', $odd: true };
    for (let index = 0; index < 6; index++) {
      const command = solid(`ball${(index % 3) + 1}`, index * 2, index * 40);
      expect((await show.commit(command, { ...who, meta })).ok).toBe(true);
      twin.commit(command, { ...who, meta });
    }
    for (const step of ['undo', 'undo', 'redo'] as const) {
      await show[step](who);
      twin[step](who);
    }
    await show.revert(3, { author: 'assistant', label: 'back to the intro' });
    twin.revert(3, { author: 'assistant', label: 'back to the intro' });
    await show.name('test-show@4', 'chorus idea');
    await show.name('test-show@4', 'chorus, final');
    expect(show.revision).toBe(10);
    await storage.close();

    storage = await openStorage(dataDir);
    expect(await storage.shows.listShows()).toEqual([
      { id: 'test-show', name: 'Test show', createdAt: expect.any(String) },
    ]);
    const back = await PersistentShow.load(storage.shows, 'test-show');
    expect(back.revision).toBe(10);
    expect(back.show).toEqual(show.show);
    expect(back.checkpoints()).toEqual(show.checkpoints());
    expect(back.checkpoints()[0]?.meta).toEqual({ prompt: 'make it red', 'model.name': 'tiny', $odd: true });
    expect([...back.checkpointNames()]).toEqual([['test-show@4', 'chorus, final']]);
    expect(back.canUndo).toBe(show.canUndo);
    expect(back.canRedo).toBe(show.canRedo);
    expect(back.showAt(2)).toEqual(show.showAt(2));
    // The restored undo stack is the one the show had: undoing once more gives the same show in both.
    const undoneThere = twin.undo(who);
    const undoneHere = await back.undo(who);
    expect(undoneHere.ok).toBe(true);
    expect(undoneHere.ok && undoneThere.ok && undoneHere.show).toEqual(undoneThere.ok && undoneThere.show);
    expect(back.show).toEqual(twin.show);
    await storage.close();
  });

  it('lists, creates and deletes shows; refuses duplicates and unknown shows', async () => {
    const storage = await openStorage(dirs.next());
    await storage.shows.createShow({ ...emptyShow(), id: 'a/b c', name: 'Odd id' });
    await storage.shows.createShow({ ...emptyShow(), id: 'second', name: 'Second' });
    await expect(storage.shows.createShow({ ...emptyShow(), id: 'second', name: 'Again' })).rejects.toThrow(
      /a show "second" already exists/,
    );
    expect((await storage.shows.listShows()).map((summary) => summary.id)).toEqual(['a/b c', 'second']);
    const stored = await storage.shows.loadShow('a/b c');
    expect(stored.initial.name).toBe('Odd id');
    expect(existsSync(stored.file)).toBe(true);
    await storage.shows.deleteShow('a/b c');
    expect(existsSync(stored.file)).toBe(false);
    expect((await storage.shows.listShows()).map((summary) => summary.id)).toEqual(['second']);
    await expect(storage.shows.loadShow('a/b c')).rejects.toThrow(/no show "a\/b c"/);
    await expect(storage.shows.deleteShow('nope')).rejects.toThrow(/no show "nope"/);
    await storage.close();
  });

  it('refuses a checkpoint out of order, a duplicate, an invalid one or one for an unknown show, writing nothing', async () => {
    const storage = await openStorage(dirs.next());
    const initial = emptyShow();
    await storage.shows.createShow(initial);
    const history = new ShowHistory(initial);
    const first = history.commit(solid('ball1', 0, 10), who);
    const second = history.commit(solid('ball1', 2, 20), who);
    if (!first.ok || !second.ok) throw new Error('commit refused');
    const file = showFile(storage);
    const before = readFileSync(file, 'utf8');
    await expect(storage.shows.appendCheckpoint(second.checkpoint)).rejects.toThrow(
      /has revision 2, but the next revision of "test-show" is 1/,
    );
    await expect(
      storage.shows.appendCheckpoint({ ...first.checkpoint, author: 'nobody' } as never),
    ).rejects.toThrow(/invalid checkpoint: author/);
    await expect(storage.shows.appendCheckpoint({ ...first.checkpoint, showId: 'other' })).rejects.toThrow(
      /no show "other"/,
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
    await storage.shows.appendCheckpoint(first.checkpoint);
    await expect(storage.shows.appendCheckpoint(first.checkpoint)).rejects.toThrow(/next revision .* is 2/);
    await expect(storage.shows.nameCheckpoint('test-show@5', 'later')).rejects.toThrow(
      /no checkpoint test-show@5/,
    );
    await storage.shows.appendCheckpoint(second.checkpoint);
    const stored = await storage.shows.loadShow('test-show');
    expect(restoreHistory(stored).show).toEqual(history.show);
    await storage.close();
  });

  it('drops a torn last line (an append cut off by a crash), says so, and appends cleanly after it', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    const show = await PersistentShow.create(storage.shows, emptyShow());
    await show.commit(solid('ball1', 0, 10), who);
    await show.commit(solid('ball2', 0, 20), who);
    const file = showFile(storage);
    await storage.close();
    appendFileSync(file, '{"_id":"r3","type":"checkpoint","revision":3,"checkpoint":"{\\"id\\":\\"test-sh');

    storage = await openStorage(dataDir);
    const reopened = await PersistentShow.load(storage.shows, 'test-show');
    expect(reopened.revision).toBe(2);
    expect(storage.shows.tornLineRepairs).toEqual([{ file, droppedLines: 1 }]);
    expect((await reopened.commit(solid('ball1', 5, 30), who)).ok).toBe(true);
    await storage.close();

    storage = await openStorage(dataDir);
    const stored = await storage.shows.loadShow('test-show');
    expect(stored.droppedTornLines).toBe(0);
    expect(stored.checkpoints.map((checkpoint) => checkpoint.revision)).toEqual([1, 2, 3]);
    expect(restoreHistory(stored).show).toEqual(reopened.show);
    await storage.close();
  });

  it('keeps a whole last record whose newline is missing', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    const show = await PersistentShow.create(storage.shows, emptyShow());
    await show.commit(solid('ball1', 0, 10), who);
    const file = showFile(storage);
    await storage.close();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/\n$/, ''));

    storage = await openStorage(dataDir);
    const stored = await storage.shows.loadShow('test-show');
    expect(stored.checkpoints).toHaveLength(1);
    expect(stored.droppedTornLines).toBe(0);
    await storage.close();
  });

  it('lists a show under its new name once setShowInfo renames it', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    const show = await PersistentShow.create(storage.shows, emptyShow());
    await show.commit({ type: 'setShowInfo', name: 'Finale' }, who);
    expect((await storage.shows.listShows()).map((summary) => summary.name)).toEqual(['Finale']);
    await storage.close();
    storage = await openStorage(dataDir);
    expect((await storage.shows.listShows()).map((summary) => summary.name)).toEqual(['Finale']);
    await storage.close();
  });

  it('ignores what an interrupted compaction or an interrupted create left behind', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    const show = await PersistentShow.create(storage.shows, emptyShow());
    await show.commit(solid('ball1', 0, 10), who);
    const file = showFile(storage);
    await storage.close();
    // A compaction killed while writing its temporary file: the datafile itself is untouched.
    writeFileSync(`${file}~`, '{"_id":"initial","type":"initial","show":"{\\"half');
    // A create killed between writing the show's file and listing it.
    const orphan = join(dataDir, 'shows', 'orphan-4f1d3c2b1a09.db');
    writeFileSync(orphan, '{"_id":"initial","type":"initial","show":"{}"}\n');

    storage = await openStorage(dataDir);
    const back = await PersistentShow.load(storage.shows, 'test-show');
    expect(back.revision).toBe(1);
    expect((await storage.shows.listShows()).map((summary) => summary.id)).toEqual(['test-show']);
    expect((await back.commit(solid('ball2', 0, 20), who)).ok).toBe(true);
    await storage.close();
  });
});
