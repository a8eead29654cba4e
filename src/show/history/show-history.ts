import { apply } from '../commands/apply.js';
import type { CommandError } from '../commands/command-error.js';
import type { Show } from '../model/show.js';
import { checkpointId, type Author, type Checkpoint, type CheckpointKind } from './checkpoint.js';

export type CommitResult =
  { ok: true; checkpoint: Checkpoint; show: Show } | { ok: false; error: CommandError };

export interface CommitOptions {
  readonly author: Author;
  readonly label?: string | undefined;
  readonly meta?: Record<string, unknown> | undefined;
}

/**
 * A show and every change made to it. Each change is a checkpoint; undo, redo and revert add checkpoints
 * too, so what happened on stage can always be read back and reverted in turn.
 */
export class ShowHistory {
  private current: Show;
  private readonly log: Checkpoint[] = [];
  private readonly undoStack: string[] = [];
  private readonly redoStack: string[] = [];
  private readonly names = new Map<string, string>();

  /** `initial` is the show at revision 0; `checkpoints` (in revision order) are replayed onto it. */
  constructor(
    initial: Show,
    checkpoints: readonly Checkpoint[] = [],
    private readonly clock: () => Date = () => new Date(),
    private readonly startRevision = 0,
  ) {
    this.current = initial;
    for (const checkpoint of checkpoints) this.replay(checkpoint);
  }

  get show(): Show {
    return this.current;
  }

  get revision(): number {
    return this.log.at(-1)?.revision ?? this.startRevision;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  checkpoints(): readonly Checkpoint[] {
    return this.log;
  }

  checkpoint(id: string): Checkpoint | undefined {
    return this.log.find((checkpoint) => checkpoint.id === id);
  }

  checkpointNames(): ReadonlyMap<string, string> {
    return this.names;
  }

  commit(command: unknown, options: CommitOptions): CommitResult {
    return this.record(command, 'edit', options);
  }

  undo(options: CommitOptions): CommitResult {
    const targetId = this.undoStack.at(-1);
    const target = targetId === undefined ? undefined : this.checkpoint(targetId);
    if (!target) return { ok: false, error: { path: '', message: 'nothing to undo' } };
    return this.record(
      target.inverse,
      'undo',
      { ...options, label: options.label ?? `undo: ${target.label}` },
      target.id,
    );
  }

  redo(options: CommitOptions): CommitResult {
    const targetId = this.redoStack.at(-1);
    const target = targetId === undefined ? undefined : this.checkpoint(targetId);
    if (!target) return { ok: false, error: { path: '', message: 'nothing to redo' } };
    return this.record(
      target.command,
      'redo',
      { ...options, label: options.label ?? `redo: ${target.label}` },
      target.id,
    );
  }

  /** Brings the show back to how it was at `revision`, as a new checkpoint (which can be undone in turn). */
  revert(revision: number, options: CommitOptions): CommitResult {
    if (!Number.isInteger(revision) || revision < this.startRevision || revision > this.revision) {
      return {
        ok: false,
        error: {
          path: 'revision',
          message: `no revision ${revision} (${this.startRevision}–${this.revision})`,
        },
      };
    }
    if (revision === this.revision)
      return { ok: false, error: { path: 'revision', message: 'the show is already at that revision' } };
    const inverses = this.log
      .filter((checkpoint) => checkpoint.revision > revision)
      .map((checkpoint) => checkpoint.inverse);
    const command = { type: 'batch', commands: inverses.reverse(), label: `revert to revision ${revision}` };
    return this.record(
      command,
      'revert',
      { ...options, label: options.label ?? `revert to revision ${revision}` },
      revision,
    );
  }

  /** The show as it was at `revision` (undoing later checkpoints from the current show). */
  showAt(revision: number): Show {
    let show = this.current;
    for (let index = this.log.length - 1; index >= 0; index--) {
      const checkpoint = this.log[index] as Checkpoint;
      if (checkpoint.revision <= revision) break;
      const result = apply(show, checkpoint.inverse);
      if (!result.ok) throw new Error(`history is inconsistent at ${checkpoint.id}: ${result.error.message}`);
      show = result.show;
    }
    return show;
  }

  name(checkpointIdToName: string, name: string): void {
    if (!this.checkpoint(checkpointIdToName)) throw new Error(`no checkpoint ${checkpointIdToName}`);
    this.names.set(checkpointIdToName, name);
  }

  /** Adds a checkpoint loaded from storage, re-applying its command; throws if it does not fit. */
  replay(checkpoint: Checkpoint): void {
    const result = apply(this.current, checkpoint.command);
    if (!result.ok) throw new Error(`checkpoint ${checkpoint.id} does not apply: ${result.error.message}`);
    this.current = result.show;
    this.log.push(checkpoint);
    this.updateStacks(checkpoint);
  }

  private record(
    command: unknown,
    kind: CheckpointKind,
    options: CommitOptions,
    target?: string | number,
  ): CommitResult {
    const result = apply(this.current, command);
    if (!result.ok) return result;
    const revision = this.revision + 1;
    const checkpoint: Checkpoint = {
      id: checkpointId(this.current.id, revision),
      showId: this.current.id,
      revision,
      time: this.clock().toISOString(),
      author: options.author,
      label: options.label ?? result.label,
      kind,
      command: result.command,
      inverse: result.inverse,
      ...(target === undefined ? {} : { target }),
      ...(options.meta ? { meta: options.meta } : {}),
    };
    this.current = result.show;
    this.log.push(checkpoint);
    this.updateStacks(checkpoint);
    return { ok: true, checkpoint, show: result.show };
  }

  private updateStacks(checkpoint: Checkpoint): void {
    switch (checkpoint.kind) {
      case 'edit':
      case 'revert':
        this.undoStack.push(checkpoint.id);
        this.redoStack.length = 0;
        break;
      case 'undo':
        this.undoStack.pop();
        this.redoStack.push(String(checkpoint.target));
        break;
      case 'redo':
        this.redoStack.pop();
        this.undoStack.push(checkpoint.id);
        break;
      default:
        checkpoint.kind satisfies never;
    }
  }
}
