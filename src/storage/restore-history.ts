import { ShowHistory } from '../show/index.js';
import { describeError, StorageError } from './storage-error.js';
import type { StoredShow } from './stored-show.js';

/**
 * Rebuilds a show's history by replaying its stored checkpoints onto the initial show; a checkpoint that no
 * longer applies is an error naming its file and line (the history is never cut short silently).
 */
export function restoreHistory(stored: StoredShow, clock?: () => Date): ShowHistory {
  const history = new ShowHistory(stored.initial, [], clock);
  for (const checkpoint of stored.checkpoints) {
    try {
      history.replay(checkpoint);
    } catch (error) {
      throw new StorageError(describeError(error), stored.file, stored.lineOfCheckpoint.get(checkpoint.id), {
        cause: error,
      });
    }
  }
  for (const [id, name] of stored.names) history.name(id, name);
  return history;
}
