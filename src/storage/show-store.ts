import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CheckpointSchema, ShowSchema, type Checkpoint, type Show } from '../show/index.js';
import { Collection } from './collection.js';
import type { Durability } from './durability.js';
import { showFileName } from './show-file-name.js';
import { StorageError } from './storage-error.js';
import {
  checkpointRecordId,
  INITIAL_RECORD_ID,
  nameRecordId,
  ShowFileRecordSchema,
  ShowIndexRecordSchema,
  type ShowFileRecord,
  type ShowIndexRecord,
} from './stored-records.js';
import { readStoredShow, type StoredShow } from './stored-show.js';
import { WriteQueue } from './write-queue.js';
import { firstIssue } from './zod-issue.js';

/**
 * What appendCheckpoint checks before writing: every field but the body of the command and its inverse.
 * Checking those in full costs ~30 ms for a checkpoint that restores a whole 5,000-segment prop, three times
 * the budget of a commit; they come from ShowHistory (whose apply() validated the command and built the
 * inverse), and every checkpoint is validated in full whenever the show is loaded.
 */
const CheckpointToWriteSchema = CheckpointSchema.omit({ command: true, inverse: true }).extend({
  command: z.looseObject({ type: z.string() }),
  inverse: z.looseObject({ type: z.literal('restore') }),
});

export interface ShowSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** A torn last line cut off a datafile when it was opened: the unacknowledged write a crash interrupted. */
export interface TornLineRepair {
  readonly file: string;
  readonly droppedLines: number;
}

type ShowFile = Collection<ShowFileRecord>;

/**
 * Shows and their whole history: shows.db lists the shows, and each show has a datafile of its own under
 * shows/ holding its initial show (revision 0), every checkpoint and the checkpoint names. Writes are made
 * one at a time in the order they were asked for.
 */
export class ShowStore {
  private readonly queue = new WriteQueue();
  private readonly files = new Map<string, ShowFile>();
  private readonly lastRevisions = new Map<string, number>();
  private readonly repairs: TornLineRepair[] = [];
  private closed = false;

  private constructor(
    private readonly dataDir: string,
    private readonly durability: Durability,
    private readonly index: Collection<ShowIndexRecord>,
  ) {
    this.noteRepair(index);
  }

  /** Opens the store in a data folder that has been prepared (locked, schema checked): see openStorage. */
  static async open(dataDir: string, durability: Durability): Promise<ShowStore> {
    await mkdir(join(dataDir, 'shows'), { recursive: true });
    const index = await Collection.open(join(dataDir, 'shows.db'), ShowIndexRecordSchema, durability);
    return new ShowStore(dataDir, durability, index);
  }

  /** Torn last lines dropped from datafiles opened so far (each one an unacknowledged write). */
  get tornLineRepairs(): readonly TornLineRepair[] {
    return this.repairs;
  }

  async listShows(): Promise<ShowSummary[]> {
    const records = await this.index.find({}, { createdAt: 1 });
    return records.map((record) => ({ id: record._id, name: record.name, createdAt: record.createdAt }));
  }

  /** Stores a new show at revision 0. */
  createShow(show: Show): Promise<void> {
    const checked = ShowSchema.safeParse(show);
    if (!checked.success) {
      return Promise.reject(
        new StorageError(`refusing to store an invalid show: ${firstIssue(checked.error)}`),
      );
    }
    return this.run(async () => {
      const showId = checked.data.id;
      if (await this.index.findOne({ _id: showId }))
        throw new StorageError(`a show "${showId}" already exists`, this.index.file);
      const fileName = showFileName(showId);
      // A file without an index record is what a crash during an earlier create or delete leaves behind.
      await this.removeShowFile(showId, fileName);
      const file = await this.openShowFile(showId, fileName);
      await file.insert({ _id: INITIAL_RECORD_ID, type: 'initial', show: JSON.stringify(checked.data) });
      await this.index.insert({
        _id: showId,
        name: checked.data.name,
        createdAt: new Date().toISOString(),
        file: fileName,
      });
    });
  }

  /** The show as created, its checkpoints in revision order and the checkpoint names, all validated. */
  loadShow(showId: string): Promise<StoredShow> {
    return this.run(async () => {
      const file = await this.showFile(showId);
      return readStoredShow(showId, file);
    });
  }

  /**
   * Appends the next checkpoint of a show. Resolves once the record is in the datafile (and on the device,
   * for `power-loss` durability): that is when the change counts as saved.
   */
  appendCheckpoint(checkpoint: Checkpoint): Promise<void> {
    const checked = CheckpointToWriteSchema.safeParse(checkpoint);
    if (!checked.success) {
      return Promise.reject(
        new StorageError(`refusing to store an invalid checkpoint: ${firstIssue(checked.error)}`),
      );
    }
    return this.run(async () => {
      const { showId, revision } = checked.data;
      const file = await this.showFile(showId);
      const last = this.lastRevisions.get(showId) ?? 0;
      if (revision !== last + 1) {
        throw new StorageError(
          `checkpoint ${checked.data.id} has revision ${revision}, but the next revision of "${showId}" is ${last + 1}`,
          file.file,
        );
      }
      await file.insert({
        _id: checkpointRecordId(revision),
        type: 'checkpoint',
        revision,
        checkpoint: JSON.stringify(checked.data),
      });
      this.lastRevisions.set(showId, revision);
    });
  }

  /** Changes the name the show is listed under (after a setShowInfo renamed it). */
  setListedName(showId: string, name: string): Promise<void> {
    return this.run(async () => {
      const record = await this.index.findOne({ _id: showId });
      if (!record) throw new StorageError(`no show "${showId}"`, this.index.file);
      if (record.name !== name) await this.index.put({ ...record, name });
    });
  }

  /** Gives a checkpoint a name (or a new one). */
  nameCheckpoint(checkpointId: string, name: string): Promise<void> {
    return this.run(async () => {
      const at = checkpointId.lastIndexOf('@');
      const showId = checkpointId.slice(0, Math.max(0, at));
      const revision = Number(checkpointId.slice(at + 1));
      if (at <= 0 || !Number.isInteger(revision) || revision < 1)
        throw new StorageError(`"${checkpointId}" is not a checkpoint id (show@revision)`);
      const file = await this.showFile(showId);
      if (revision > (this.lastRevisions.get(showId) ?? 0))
        throw new StorageError(`no checkpoint ${checkpointId}`, file.file);
      await file.put({ _id: nameRecordId(checkpointId), type: 'name', checkpointId, name });
    });
  }

  /** Removes a show and its whole history. */
  deleteShow(showId: string): Promise<void> {
    return this.run(async () => {
      const record = await this.index.findOne({ _id: showId });
      if (!record) throw new StorageError(`no show "${showId}"`, this.index.file);
      // The index record goes first: a crash before the file is removed leaves an orphan file, never an
      // index entry pointing at nothing.
      await this.index.remove({ _id: showId });
      await this.removeShowFile(showId, record.file);
    });
  }

  /** Waits for queued writes and closes every datafile; later calls are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.idle();
    for (const file of this.files.values()) await file.close();
    this.files.clear();
    await this.index.close();
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StorageError('the show store is closed', this.dataDir));
    return this.queue.run(task);
  }

  private async showFile(showId: string): Promise<ShowFile> {
    const open = this.files.get(showId);
    if (open && !open.failed) return open;
    if (open) {
      // After a failed write the file may end in a torn line, or hold the record after all (a failed
      // fsync): read it again, and the next revision with it.
      await open.recover();
      this.noteRepair(open);
      await this.readLastRevision(showId, open);
      return open;
    }
    const record = await this.index.findOne({ _id: showId });
    if (!record) throw new StorageError(`no show "${showId}"`, this.index.file);
    return this.openShowFile(showId, record.file);
  }

  private async openShowFile(showId: string, fileName: string): Promise<ShowFile> {
    this.files.delete(showId);
    const file = await Collection.open(this.showFilePath(fileName), ShowFileRecordSchema, this.durability);
    this.noteRepair(file);
    this.files.set(showId, file);
    await this.readLastRevision(showId, file);
    return file;
  }

  private async readLastRevision(showId: string, file: ShowFile): Promise<void> {
    const [latest] = await file.find({ type: 'checkpoint' }, { revision: -1 });
    this.lastRevisions.set(showId, latest?.type === 'checkpoint' ? latest.revision : 0);
  }

  private async removeShowFile(showId: string, fileName: string): Promise<void> {
    const open = this.files.get(showId);
    if (open) await open.close();
    this.files.delete(showId);
    this.lastRevisions.delete(showId);
    const path = this.showFilePath(fileName);
    await rm(path, { force: true });
    await rm(`${path}~`, { force: true });
  }

  private showFilePath(fileName: string): string {
    return join(this.dataDir, 'shows', fileName);
  }

  private noteRepair(collection: Collection<{ _id: string }>): void {
    if (collection.scan.tornLines > 0)
      this.repairs.push({ file: collection.file, droppedLines: collection.scan.tornLines });
  }
}

export type { StoredShow };
