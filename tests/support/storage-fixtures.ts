// Temporary data folders for storage tests, removed after each test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function temporaryDataDirs(prefix = 'smlive-storage-'): { next(): string; removeAll(): void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let count = 0;
  return {
    next: () => join(root, `data-${++count}`),
    removeAll: () => rmSync(root, { recursive: true, force: true }),
  };
}
