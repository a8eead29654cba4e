// Runs the real CLI (`node bin/smlive.js …`) in a child process, as a user or a script would.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../../support/shared-vectors.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runSmlive(args: readonly string[], cwd: string = repoRoot): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'smlive.js'), ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}
