// The one write path for the show while the daemon runs: every edit, undo, redo, revert and rehearsal
// branch goes through here, one at a time, and each change is announced (for patches and the live loop).
import { EventEmitter } from 'node:events';
import type { Branch, CheckpointSummary, HistoryState } from '../contracts/index.js';
import { SNAPSHOT_CHECKPOINT_LIMIT } from '../contracts/index.js';
import { RehearsalBranch } from '../engine/rehearsal-branch.js';
import type { Checkpoint, CommitOptions, CommitResult, Show } from '../show/index.js';

/** What the session needs of the show's history: ShowHistory in memory, or a persistent store. */
export interface EditableShow {
  readonly show: Show;
  readonly revision: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  checkpoints(): readonly Checkpoint[];
  checkpointNames(): ReadonlyMap<string, string>;
  commit(command: unknown, options: CommitOptions): CommitResult | Promise<CommitResult>;
  undo(options: CommitOptions): CommitResult | Promise<CommitResult>;
  redo(options: CommitOptions): CommitResult | Promise<CommitResult>;
  revert(revision: number, options: CommitOptions): CommitResult | Promise<CommitResult>;
  name(checkpointId: string, name: string): void | Promise<void>;
  showAt(revision: number): Show;
}

export interface ShowChanged {
  readonly branch: Branch;
  readonly before: Show;
  readonly after: Show;
  readonly baseRevision: number;
  readonly checkpoint: CheckpointSummary;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export interface ShowSessionEvents {
  changed: [change: ShowChanged];
  /** The branch changed (rehearsal started, kept or discarded): clients need a whole new snapshot. */
  branch: [branch: Branch];
  named: [branch: Branch, checkpointId: string, name: string];
}

export type EditResult =
  | { ok: true; revision: number; checkpointId: string }
  | { ok: false; code: EditErrorCode; message: string; path: string };

type EditErrorCode = 'refused' | 'not-found' | 'conflict' | 'unavailable';

export class ShowSession extends EventEmitter<ShowSessionEvents> {
  private rehearsal: RehearsalBranch | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EditableShow,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  get branch(): Branch {
    return this.rehearsal === null ? 'main' : 'rehearsal';
  }

  /**
   * Calls `listener` whenever `show` may be a different show: after every checkpoint on the current branch
   * and when the branch changes. Returns the function that stops it.
   */
  onShowChange(listener: () => void): () => void {
    this.on('changed', listener);
    this.on('branch', listener);
    return () => {
      this.off('changed', listener);
      this.off('branch', listener);
    };
  }

  /** The show being played and edited: the rehearsal branch's while rehearsing. */
  get show(): Show {
    return this.rehearsal?.history.show ?? this.store.show;
  }

  get revision(): number {
    return this.rehearsal?.history.revision ?? this.store.revision;
  }

  /** The show's own revision, whatever the branch. */
  get mainRevision(): number {
    return this.store.revision;
  }

  get rehearsalBranch(): RehearsalBranch | null {
    return this.rehearsal;
  }

  /** The show as it was at an earlier revision of the current branch. */
  showAt(revision: number): Show {
    return (this.rehearsal?.history ?? this.store).showAt(revision);
  }

  history(): HistoryState {
    const source = this.rehearsal?.history ?? this.store;
    const names = source.checkpointNames();
    const checkpoints = source
      .checkpoints()
      .slice(-SNAPSHOT_CHECKPOINT_LIMIT)
      .map((checkpoint) => summarize(checkpoint, names.get(checkpoint.id)));
    return { canUndo: source.canUndo, canRedo: source.canRedo, checkpoints };
  }

  command(command: unknown, options: CommitOptions): Promise<EditResult> {
    return this.edit((store) => store.commit(command, options));
  }

  undo(options: CommitOptions): Promise<EditResult> {
    return this.edit((store) => store.undo(options));
  }

  redo(options: CommitOptions): Promise<EditResult> {
    return this.edit((store) => store.redo(options));
  }

  revert(revision: number, options: CommitOptions): Promise<EditResult> {
    return this.edit((store) => store.revert(revision, options));
  }

  name(checkpointId: string, name: string): Promise<EditResult> {
    return this.serially(async () => {
      const source = this.rehearsal?.history ?? this.store;
      const checkpoint = source.checkpoints().find((candidate) => candidate.id === checkpointId);
      if (checkpoint === undefined) {
        return refusal(
          'not-found',
          `no checkpoint ${checkpointId} on the ${this.branch} branch`,
          'checkpointId',
        );
      }
      await source.name(checkpointId, name);
      this.emit('named', this.branch, checkpointId, name);
      return { ok: true, revision: this.revision, checkpointId };
    });
  }

  startRehearsal(): Promise<EditResult> {
    return this.serially(() => {
      if (this.rehearsal !== null) return refusal('conflict', 'rehearsal is already on', '');
      this.rehearsal = new RehearsalBranch(this.store.show, this.store.revision, this.clock);
      this.emit('branch', 'rehearsal');
      return { ok: true, revision: this.revision, checkpointId: '' };
    });
  }

  /** Merges the branch into the show as one checkpoint (none if nothing changed) and ends rehearsal. */
  keepRehearsal(options: CommitOptions): Promise<EditResult> {
    return this.serially(async () => {
      const branch = this.rehearsal;
      if (branch === null) return refusal('conflict', 'rehearsal is not on', '');
      const label = options.label ?? `rehearsal: ${branch.edits} edit${branch.edits === 1 ? '' : 's'}`;
      const merge =
        JSON.stringify(branch.history.show) === JSON.stringify(branch.base)
          ? null
          : branch.mergeCommand(label);
      let outcome: EditResult;
      if (merge === null) {
        outcome = { ok: true, revision: this.store.revision, checkpointId: '' };
      } else {
        const result = await this.store.commit(merge, {
          ...options,
          label,
          meta: { ...options.meta, rehearsalEdits: branch.edits },
        });
        if (!result.ok)
          return refusal(
            'refused',
            `the rehearsal does not merge: ${result.error.message}`,
            result.error.path,
          );
        outcome = { ok: true, revision: result.checkpoint.revision, checkpointId: result.checkpoint.id };
      }
      this.rehearsal = null;
      this.emit('branch', 'main');
      return outcome;
    });
  }

  discardRehearsal(): Promise<EditResult> {
    return this.serially(() => {
      if (this.rehearsal === null) return refusal('conflict', 'rehearsal is not on', '');
      this.rehearsal = null;
      this.emit('branch', 'main');
      return { ok: true, revision: this.store.revision, checkpointId: '' };
    });
  }

  private edit(change: (store: EditableShow) => CommitResult | Promise<CommitResult>): Promise<EditResult> {
    return this.serially(async () => {
      const target = this.rehearsal?.history ?? this.store;
      const branch = this.branch;
      const before = target.show;
      const baseRevision = target.revision;
      const result = await change(target);
      if (!result.ok) return refusal('refused', result.error.message, result.error.path);
      const names = target.checkpointNames();
      this.emit('changed', {
        branch,
        before,
        after: result.show,
        baseRevision,
        checkpoint: summarize(result.checkpoint, names.get(result.checkpoint.id)),
        canUndo: target.canUndo,
        canRedo: target.canRedo,
      });
      return { ok: true, revision: result.checkpoint.revision, checkpointId: result.checkpoint.id };
    });
  }

  /**
   * Requests run one after another, so each sees the show the previous one left. A store that fails
   * (storage full, disk gone) refuses the request; the show stays as it was stored.
   */
  private serially(task: () => EditResult | Promise<EditResult>): Promise<EditResult> {
    const guarded = async (): Promise<EditResult> => {
      try {
        return await task();
      } catch (error) {
        return refusal('unavailable', error instanceof Error ? error.message : String(error), '');
      }
    };
    const run = this.queue.then(guarded, guarded);
    this.queue = run;
    return run;
  }
}

function refusal(code: EditErrorCode, message: string, path: string): EditResult {
  return { ok: false, code, message, path };
}

function summarize(checkpoint: Checkpoint, name: string | undefined): CheckpointSummary {
  return {
    id: checkpoint.id,
    revision: checkpoint.revision,
    time: checkpoint.time,
    author: checkpoint.author,
    label: checkpoint.label,
    kind: checkpoint.kind,
    ...(checkpoint.target === undefined ? {} : { target: checkpoint.target }),
    ...(name === undefined ? {} : { name }),
  };
}
