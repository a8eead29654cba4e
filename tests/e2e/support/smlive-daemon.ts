// Starts the real daemon as a user would (`node bin/smlive.js serve --demo --port 0 --data DIR`) and reads
// what it prints: the controller URL on localhost (the first `http://localhost:PORT/` or
// `http://127.0.0.1:PORT/` in its banner) and the operator's code (`pairing code (operator): CODE`).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const STARTUP_TIMEOUT_MS = 60_000;

export interface RunningDaemon {
  readonly url: string;
  readonly pairingCode: string;
  /** The viewer's code, when the daemon prints one. */
  readonly viewerCode: string | undefined;
  readonly dataDir: string;
  /** Everything the daemon printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const URL_PATTERN = /(http:\/\/(?:localhost|127\.0\.0\.1):\d+\/?)/;
const CODE_PATTERN = /pairing code(?: \(operator\))?:\s*([A-Za-z0-9-]{4,})/i;
const VIEWER_CODE_PATTERN = /pairing code \(viewer\):\s*([A-Za-z0-9-]{4,})/i;

/** `extraArgs` go after `serve --demo …` (e.g. `--ltx-listen 127.0.0.60`). */
export async function startSmliveDaemon(extraArgs: readonly string[] = []): Promise<RunningDaemon> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smlive-e2e-'));
  const child = spawn(
    process.execPath,
    ['bin/smlive.js', 'serve', '--demo', '--port', '0', '--data', dataDir, ...extraArgs],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let printed = '';
  const found: { url?: string; code?: string } = {};
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`smlive serve printed no URL and pairing code in ${STARTUP_TIMEOUT_MS} ms:\n${printed}`),
        ),
      STARTUP_TIMEOUT_MS,
    );
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      found.url ??= URL_PATTERN.exec(printed)?.[1];
      found.code ??= CODE_PATTERN.exec(printed)?.[1];
      if (found.url && found.code) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`smlive serve exited (${code ?? signal}) before it was ready:\n${printed}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: (found.url as string).replace(/\/?$/, '/'),
    pairingCode: found.code as string,
    viewerCode: VIEWER_CODE_PATTERN.exec(printed)?.[1],
    dataDir,
    output: () => printed,
    async stop() {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
