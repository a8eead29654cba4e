import { open } from 'node:fs/promises';

/**
 * How far a resolved write has gone. `power-loss`: the record is on the storage device (fdatasync after
 * each write), so it survives the machine losing power. `process-crash`: the record is in the file (the
 * kernel holds it), so it survives the process being killed but not the machine losing power.
 */
export type Durability = 'power-loss' | 'process-crash';

export const DEFAULT_DURABILITY: Durability = 'power-loss';

/** Flushes what has been written to `file` to the device, when the durability asks for it. */
export async function makeDurable(file: string, durability: Durability): Promise<void> {
  if (durability === 'process-crash') return;
  const handle = await open(file, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
