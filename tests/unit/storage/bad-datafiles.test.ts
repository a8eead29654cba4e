// Corrupt datafiles give an error naming the file and line, and opening them changes nothing on disk.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, PersistentShow, StorageError } from '../../../src/storage/index.js';
import { emptyShow } from '../../support/show-fixtures.js';
import { temporaryDataDirs } from '../../support/storage-fixtures.js';

const dirs = temporaryDataDirs();
afterAll(() => dirs.removeAll());
const who = { author: 'operator' as const };
let pristine = '';

beforeAll(async () => {
  pristine = dirs.next();
  const storage = await openStorage(pristine);
  const show = await PersistentShow.create(storage.shows, emptyShow());
  for (let index = 0; index < 4; index++) {
    await show.commit(
      {
        type: 'addSegment',
        propId: 'ball1',
        start: index,
        end: index + 1,
        look: { kind: 'solid', color: [9, 9, 9] },
      },
      who,
    );
  }
  await show.name('test-show@2', 'verse');
  await storage.close();
});

/** A copy of the pristine data folder with its show datafile's lines passed through `edit`. */
function corruptedCopy(edit: (lines: string[]) => string[]): { dataDir: string; file: string; text: string } {
  const dataDir = dirs.next();
  cpSync(pristine, dataDir, { recursive: true });
  const folder = join(dataDir, 'shows');
  const file = join(folder, readdirSync(folder).find((name) => name.endsWith('.db')) as string);
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
  const text = `${edit(lines).join('\n')}\n`;
  writeFileSync(file, text);
  return { dataDir, file, text };
}

/** Line (1-based) of the checkpoint record of `revision`. */
function lineOfRevision(lines: string[], revision: number): number {
  return lines.findIndex((line) => line.includes(`"_id":"r${revision}"`)) + 1;
}

async function loadError(dataDir: string): Promise<StorageError> {
  const storage = await openStorage(dataDir);
  try {
    await PersistentShow.load(storage.shows, 'test-show');
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    return error as StorageError;
  } finally {
    await storage.close();
  }
  throw new Error('the show loaded although its datafile is corrupt');
}

function currentLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n');
}

function sortedLines(text: string): string[] {
  return text.split('\n').filter(Boolean).sort();
}

/** Builds a checkpoint record line from an edited checkpoint. */
function withCheckpoint(
  line: string,
  edit: (checkpoint: Record<string, unknown>) => Record<string, unknown>,
): string {
  const record = JSON.parse(line) as { checkpoint: string };
  return JSON.stringify({ ...record, checkpoint: JSON.stringify(edit(JSON.parse(record.checkpoint))) });
}

describe('corrupt datafiles', () => {
  it('a garbage line in the middle names the file and line, and the file is left as it was', async () => {
    let line = 0;
    const { dataDir, file, text } = corruptedCopy((lines) => {
      line = lineOfRevision(lines, 2);
      lines.splice(line - 1, 0, 'garbage \u0000\u0000 here');
      return lines;
    });
    const error = await loadError(dataDir);
    expect(error.message).toBe(`${file}:${line}: not a JSON record ("garbage \\u0000\\u0000 here")`);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a record of the wrong shape names the field', async () => {
    let line = 0;
    const { dataDir, file, text } = corruptedCopy((lines) => {
      line = lineOfRevision(lines, 3);
      lines[line - 1] = (lines[line - 1] as string).replace('"revision":3', '"revision":"three"');
      return lines;
    });
    const error = await loadError(dataDir);
    expect(error.message).toMatch(new RegExp(`^${file}:${line}: not a valid record: revision: `));
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a checkpoint that does not validate names the file, line and field', async () => {
    const { dataDir, file } = corruptedCopy((lines) => {
      const at = lineOfRevision(lines, 2) - 1;
      lines[at] = withCheckpoint(lines[at] as string, (checkpoint) => ({ ...checkpoint, author: 'ghost' }));
      return lines;
    });
    const error = await loadError(dataDir);
    const line = lineOfRevision(currentLines(file), 2);
    expect(error.message).toMatch(new RegExp(`^${file}:${line}: the checkpoint is not valid: author: `));
  });

  it('a checkpoint that does not apply names the file and line, and the show is not cut short', async () => {
    const { dataDir, file, text } = corruptedCopy((lines) => {
      const at = lineOfRevision(lines, 3) - 1;
      lines[at] = withCheckpoint(lines[at] as string, (checkpoint) => ({
        ...checkpoint,
        command: { ...(checkpoint.command as object), propId: 'ball9' },
      }));
      return lines;
    });
    const error = await loadError(dataDir);
    const line = error.line ?? 0;
    expect(error.message).toMatch(
      new RegExp(`^${file}:${line}: checkpoint test-show@3 does not apply: .*ball9`),
    );
    // Every line passed the checks, so NeDB loaded the file and compacted it: the same records, in its
    // order, and the line named is where that checkpoint is now.
    const now = readFileSync(file, 'utf8');
    expect(sortedLines(now)).toEqual(sortedLines(text));
    expect(now.split('\n')[line - 1]).toContain('"_id":"r3"');
  });

  it('a missing revision is named', async () => {
    const { dataDir, file } = corruptedCopy((lines) => {
      lines.splice(lineOfRevision(lines, 2) - 1, 1);
      return lines;
    });
    const error = await loadError(dataDir);
    const line = lineOfRevision(currentLines(file), 3);
    expect(error.message).toBe(
      `${file}:${line}: revision 2 is missing: the next checkpoint stored is revision 3`,
    );
  });

  it('a checkpoint filed under the wrong revision is named', async () => {
    const { dataDir } = corruptedCopy((lines) => {
      const at = lineOfRevision(lines, 2) - 1;
      lines[at] = withCheckpoint(lines[at] as string, (checkpoint) => ({ ...checkpoint, revision: 7 }));
      return lines;
    });
    expect((await loadError(dataDir)).message).toMatch(
      /checkpoint test-show@2 \(revision 7 .*filed as revision 2/,
    );
  });

  it('a garbage line in shows.db stops the store from opening, naming the file and line', async () => {
    const dataDir = dirs.next();
    cpSync(pristine, dataDir, { recursive: true });
    const index = join(dataDir, 'shows.db');
    const text = `[1,2,3]\n${readFileSync(index, 'utf8')}`;
    writeFileSync(index, text);
    await expect(openStorage(dataDir)).rejects.toThrow(`${index}:1: a record must be a JSON object`);
    expect(readFileSync(index, 'utf8')).toBe(text);
    // The failed open released the folder: once repaired it opens.
    writeFileSync(index, text.slice('[1,2,3]\n'.length));
    const storage = await openStorage(dataDir);
    expect(await storage.shows.listShows()).toHaveLength(1);
    await storage.close();
  });
});
