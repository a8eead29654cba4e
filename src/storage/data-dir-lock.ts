import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageError } from './storage-error.js';

const LOCK_FILE = 'LOCK';
const heldHere = new Set<string>();

/**
 * One process writes a data folder at a time: two writers appending to the same datafiles would interleave
 * their lines. The lock file holds the owner's pid; a lock left by a process that no longer runs (killed,
 * crashed) is taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    const file = join(dataDir, LOCK_FILE);
    if (heldHere.has(file)) throw new StorageError('already open in this process', dataDir);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(file, 'wx');
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        heldHere.add(file);
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = Number.parseInt((await readFile(file, 'utf8').catch(() => '')).trim(), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new StorageError(`in use by process ${owner} (${LOCK_FILE} holds its pid)`, dataDir);
      }
      await unlink(file).catch(() => undefined);
    }
    throw new StorageError(`cannot take ${LOCK_FILE}: another process keeps taking it`, dataDir);
  }

  async release(): Promise<void> {
    heldHere.delete(this.file);
    await unlink(this.file).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
