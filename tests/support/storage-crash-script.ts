// The edits the storage crash test makes: a fixed sequence that depends only on the history so far, so the
// writer (tests/support/storage-crash-writer.ts) and the test itself reach the same show at every revision.
import { createHash } from 'node:crypto';
import type { Checkpoint, CommitOptions, CommitResult, Show } from '../../src/show/index.js';
import { bigShow } from './big-show.js';
import { realisticEdit } from './realistic-edits.js';

export const CRASH_SHOW_ID = 'test-show';

/**
 * A show with 8 props of 100 segments: each checkpoint carries real commands and inverses, while the writer,
 * restarted dozens of times, still loads its history quickly.
 */
export function crashShow(): Show {
  return bigShow(8, 4, 100, 1);
}

/** What the script needs of a history: ShowHistory and PersistentShow both fit (sync or async results). */
export interface EditableHistory<R> {
  readonly revision: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  commit(command: unknown, options: CommitOptions): R;
  undo(options: CommitOptions): R;
  redo(options: CommitOptions): R;
  revert(revision: number, options: CommitOptions): R;
}

const who = { author: 'operator' as const, meta: { source: 'crash test', 'model.name': 'none' } };

/** The next edit for a history at `revision`: mostly edits, with undo, redo and revert mixed in. */
export function nextEdit<R extends CommitResult | Promise<CommitResult>>(history: EditableHistory<R>): R {
  const step = history.revision + 1;
  if (step % 11 === 0 && history.canUndo) return history.undo(who);
  if (step % 13 === 0 && history.canRedo) return history.redo(who);
  if (step % 29 === 0 && history.revision > 5) return history.revert(history.revision - 5, who);
  return history.commit(realisticEdit(step, 8, 95), who);
}

/** A digest of a checkpoint that ignores key order, to compare what was acknowledged with what was read back. */
export function checkpointDigest(checkpoint: Checkpoint): string {
  return createHash('sha256').update(canonicalJson(checkpoint)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
