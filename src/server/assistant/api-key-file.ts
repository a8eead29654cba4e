// The assistant's API key lives in one file in the daemon's data folder, readable by its owner only. It is
// never sent to a controller (they see only whether a key is set) and never written to a log.
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE_NAME = 'assistant-api-key';

export function apiKeyPath(dataDir: string): string {
  return join(dataDir, FILE_NAME);
}

export async function readApiKey(dataDir: string): Promise<string | undefined> {
  try {
    const key = (await readFile(apiKeyPath(dataDir), 'utf8')).trim();
    return key === '' ? undefined : key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Saves the key (or removes it, for null) with mode 0600, also when the file already existed. */
export async function writeApiKey(dataDir: string, key: string | null): Promise<void> {
  const path = apiKeyPath(dataDir);
  if (key === null || key.trim() === '') {
    await rm(path, { force: true });
    return;
  }
  await writeFile(path, `${key.trim()}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}
