import { CheckpointSchema, ShowSchema, type Checkpoint, type Show } from '../show/index.js';
import type { Collection } from './collection.js';
import { StorageError } from './storage-error.js';
import { INITIAL_RECORD_ID, type ShowFileRecord } from './stored-records.js';
import { parseStoredJson } from './zod-issue.js';

/** A show's history as read from its datafile: everything validated, nothing yet replayed. */
export interface StoredShow {
  readonly showId: string;
  readonly file: string;
  /** The show at revision 0. */
  readonly initial: Show;
  /** Revisions 1…n, in order, with no gap. */
  readonly checkpoints: readonly Checkpoint[];
  /** Checkpoint id → name. */
  readonly names: ReadonlyMap<string, string>;
  /** The line of each checkpoint in the datafile, for errors found when replaying it. */
  readonly lineOfCheckpoint: ReadonlyMap<string, number>;
  /** Torn lines dropped from the end of the file when it was opened (unacknowledged writes). */
  readonly droppedTornLines: number;
}

/** Reads and validates one show's datafile: the initial show, a gap-free run of checkpoints, the names. */
export async function readStoredShow(showId: string, file: Collection<ShowFileRecord>): Promise<StoredShow> {
  const records = await file.find();
  const where = (id: string) => file.lineOf(id);
  const initialRecord = records.find((record) => record.type === 'initial');
  if (!initialRecord) throw new StorageError(`no initial show record (the show's revision 0)`, file.file);
  const initial = parseStoredJson(
    ShowSchema,
    initialRecord.show,
    'the initial show',
    file.file,
    where(INITIAL_RECORD_ID),
  );
  if (initial.id !== showId)
    throw new StorageError(
      `the initial show has id "${initial.id}", not "${showId}"`,
      file.file,
      where(INITIAL_RECORD_ID),
    );

  const checkpointRecords = records
    .filter((record) => record.type === 'checkpoint')
    .sort((a, b) => a.revision - b.revision);
  const checkpoints: Checkpoint[] = [];
  const lineOfCheckpoint = new Map<string, number>();
  checkpointRecords.forEach((record, index) => {
    const line = where(record._id);
    if (record.revision !== index + 1) {
      throw new StorageError(
        `revision ${index + 1} is missing: the next checkpoint stored is revision ${record.revision}`,
        file.file,
        line,
      );
    }
    const checkpoint = parseStoredJson(
      CheckpointSchema,
      record.checkpoint,
      'the checkpoint',
      file.file,
      line,
    );
    if (checkpoint.revision !== record.revision || checkpoint.showId !== showId) {
      throw new StorageError(
        `checkpoint ${checkpoint.id} (revision ${checkpoint.revision} of "${checkpoint.showId}") is filed as revision ${record.revision} of "${showId}"`,
        file.file,
        line,
      );
    }
    checkpoints.push(checkpoint);
    if (line !== undefined) lineOfCheckpoint.set(checkpoint.id, line);
  });

  const names = new Map<string, string>();
  const storedIds = new Set(checkpoints.map((checkpoint) => checkpoint.id));
  for (const record of records) {
    if (record.type !== 'name') continue;
    if (!storedIds.has(record.checkpointId))
      throw new StorageError(
        `a name for checkpoint ${record.checkpointId}, which is not stored`,
        file.file,
        where(record._id),
      );
    names.set(record.checkpointId, record.name);
  }
  return {
    showId,
    file: file.file,
    initial,
    checkpoints,
    names,
    lineOfCheckpoint,
    droppedTornLines: file.scan.tornLines,
  };
}
