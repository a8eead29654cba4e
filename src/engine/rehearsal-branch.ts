// Rehearsal edits live on a branch of the show's history: an ordinary ShowHistory that starts from the
// show as it was when rehearsal began. Keeping it replays the branch's commands onto the show as one batch,
// so the show's history gains exactly one checkpoint; discarding it leaves the show untouched.
import { ShowHistory, type Show } from '../show/index.js';

export class RehearsalBranch {
  readonly history: ShowHistory;

  constructor(
    readonly base: Show,
    readonly baseRevision: number,
    clock: () => Date = () => new Date(),
  ) {
    this.history = new ShowHistory(base, [], clock, baseRevision);
  }

  get edits(): number {
    return this.history.checkpoints().length;
  }

  /**
   * The one command that turns the base show into the branch's show: every checkpoint's command in order
   * (undo and redo checkpoints included, as they were applied), or null when nothing changed.
   */
  mergeCommand(label: string): { type: 'batch'; commands: unknown[]; label: string } | null {
    const checkpoints = this.history.checkpoints();
    if (checkpoints.length === 0) return null;
    return { type: 'batch', commands: checkpoints.map((checkpoint) => checkpoint.command), label };
  }
}
