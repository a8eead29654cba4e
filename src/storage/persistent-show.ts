import {
  ShowHistory,
  type Checkpoint,
  type CommitOptions,
  type CommitResult,
  type Show,
} from '../show/index.js';
import { restoreHistory } from './restore-history.js';
import type { ShowStore } from './show-store.js';
import { describeError, StorageError } from './storage-error.js';
import { WriteQueue } from './write-queue.js';

export interface PersistentShowOptions {
  readonly clock?: () => Date;
}

/**
 * A show whose every change is saved before it counts. Commit, undo, redo, revert and naming run one at a
 * time in the order they were called; each change is made in the history, written to the store, and only
 * then acknowledged (its promise resolves) and visible through `show`. If the write fails, the history is
 * put back to what the disk holds, and the promise rejects with a StorageError saying so: memory never runs
 * ahead of the disk.
 */
export class PersistentShow {
  private readonly queue = new WriteQueue();
  private acknowledged: { show: Show; revision: number };
  /** Set while the store cannot be read back after a failed write; every change is refused meanwhile. */
  private storageFailure: Error | undefined;
  /** The name shows.db lists the show under, when known to match. */
  private listedName: string | undefined;

  private constructor(
    private readonly store: ShowStore,
    private readonly showId: string,
    private readonly initial: Show,
    private history: ShowHistory,
    private readonly clock: (() => Date) | undefined,
  ) {
    this.acknowledged = { show: history.show, revision: history.revision };
  }

  /** Stores a new show (revision 0) and returns it ready for edits. */
  static async create(
    store: ShowStore,
    show: Show,
    options: PersistentShowOptions = {},
  ): Promise<PersistentShow> {
    await store.createShow(show);
    const created = new PersistentShow(
      store,
      show.id,
      show,
      new ShowHistory(show, [], options.clock),
      options.clock,
    );
    created.listedName = show.name;
    return created;
  }

  /** Loads a stored show at its latest checkpoint, with its whole history and checkpoint names. */
  static async load(
    store: ShowStore,
    showId: string,
    options: PersistentShowOptions = {},
  ): Promise<PersistentShow> {
    const stored = await store.loadShow(showId);
    return new PersistentShow(
      store,
      showId,
      stored.initial,
      restoreHistory(stored, options.clock),
      options.clock,
    );
  }

  /** The show as last saved. */
  get show(): Show {
    return this.acknowledged.show;
  }

  get revision(): number {
    return this.acknowledged.revision;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** Saved checkpoints, in revision order. */
  checkpoints(): readonly Checkpoint[] {
    const all = this.history.checkpoints();
    return all.length === this.acknowledged.revision ? all : all.slice(0, this.acknowledged.revision);
  }

  checkpointNames(): ReadonlyMap<string, string> {
    return this.history.checkpointNames();
  }

  showAt(revision: number): Show {
    return this.history.showAt(revision);
  }

  commit(command: unknown, options: CommitOptions): Promise<CommitResult> {
    return this.change((history) => history.commit(command, options));
  }

  undo(options: CommitOptions): Promise<CommitResult> {
    return this.change((history) => history.undo(options));
  }

  redo(options: CommitOptions): Promise<CommitResult> {
    return this.change((history) => history.redo(options));
  }

  revert(revision: number, options: CommitOptions): Promise<CommitResult> {
    return this.change((history) => history.revert(revision, options));
  }

  /** Names a saved checkpoint: written first, then shown in the history. */
  name(checkpointId: string, name: string): Promise<void> {
    return this.queue.run(async () => {
      await this.recoverIfNeeded();
      if (!this.checkpoints().some((checkpoint) => checkpoint.id === checkpointId))
        throw new StorageError(`no checkpoint ${checkpointId} in show "${this.showId}"`);
      try {
        await this.store.nameCheckpoint(checkpointId, name);
      } catch (error) {
        await this.reloadAfterFailure();
        throw this.failureError(`naming ${checkpointId}`, error);
      }
      this.history.name(checkpointId, name);
    });
  }

  /** Resolves when every change asked for so far has been saved or refused. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private change(step: (history: ShowHistory) => CommitResult): Promise<CommitResult> {
    return this.queue.run(async () => {
      await this.recoverIfNeeded();
      const result = step(this.history);
      if (!result.ok) return result;
      try {
        await this.store.appendCheckpoint(result.checkpoint);
      } catch (error) {
        this.rollBack();
        await this.reloadAfterFailure();
        throw this.failureError(`saving ${result.checkpoint.id}`, error);
      }
      this.acknowledged = { show: result.show, revision: result.checkpoint.revision };
      await this.syncListedName();
      return result;
    });
  }

  /**
   * Keeps the show list's name in step with the show's own (setShowInfo can rename it). The list is only a
   * label: the checkpoint is saved whether or not this works, and a failure is tried again after the next
   * change.
   */
  private async syncListedName(): Promise<void> {
    const name = this.acknowledged.show.name;
    if (this.listedName === name) return;
    try {
      await this.store.setListedName(this.showId, name);
      this.listedName = name;
    } catch {
      this.listedName = undefined;
    }
  }

  /** Puts the history back to the acknowledged checkpoints, from memory (the disk may be unreadable). */
  private rollBack(): void {
    const saved = this.history.checkpoints().slice(0, this.acknowledged.revision);
    const names = new Map(this.history.checkpointNames());
    this.history = new ShowHistory(this.initial, saved, this.clock);
    for (const [id, name] of names) if (this.history.checkpoint(id)) this.history.name(id, name);
  }

  /**
   * After a failed write, reads the show back from the store, so that memory matches the disk even when the
   * record did reach the file (a failed fsync, say). If that fails too, changes are refused until it works.
   */
  private async reloadAfterFailure(): Promise<void> {
    try {
      const stored = await this.store.loadShow(this.showId);
      this.history = restoreHistory(stored, this.clock);
      this.acknowledged = { show: this.history.show, revision: this.history.revision };
      this.storageFailure = undefined;
    } catch (error) {
      this.storageFailure = error instanceof Error ? error : new Error(String(error));
    }
  }

  private async recoverIfNeeded(): Promise<void> {
    if (!this.storageFailure) return;
    await this.reloadAfterFailure();
    if (this.storageFailure) {
      throw new StorageError(
        `show "${this.showId}" cannot be saved (${this.storageFailure.message}); it stays at revision ${this.revision} and changes are refused until storage works again`,
      );
    }
  }

  private failureError(what: string, error: unknown): StorageError {
    const state = this.storageFailure
      ? `the show stays at revision ${this.revision} and changes are refused until storage works again (${this.storageFailure.message})`
      : `the show is as stored, at revision ${this.revision}`;
    return new StorageError(`${what} failed (${describeError(error)}); ${state}`, undefined, undefined, {
      cause: error,
    });
  }
}
