// The daemon serves src/controller-ui/dist, which `npm install` builds. A test run after editing the UI
// (or the show code it bundles) must not drive an old build: rebuild when any source is newer than it.
// E2E files run in parallel, each with a daemon serving dist: one builds at a time (a lock directory),
// into a fresh folder that then replaces dist in two renames, so no daemon serves a half-written build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const UI_DIR = join(REPO_ROOT, 'src', 'controller-ui');
const DIST = join(UI_DIR, 'dist');
const LOCK = join(UI_DIR, '.dist-build-lock');
const SOURCES = ['src', 'public', 'index.html', '../contracts', '../show'].map((path) => join(UI_DIR, path));
/** A lock older than this was left by a run that died. */
const STALE_LOCK_MS = 180_000;

function newestModification(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestModification(join(path, name))));
}

function buildIsStale(): boolean {
  const index = join(DIST, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  return builtAt < Math.max(...SOURCES.map(newestModification));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock(): void {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(200);
    }
  }
}

export function ensureControllerBuilt(): void {
  if (!buildIsStale()) return;
  takeLock();
  try {
    if (!buildIsStale()) return; // another run built it while we waited
    const fresh = join(UI_DIR, `.dist-${process.pid}`);
    execFileSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        join(UI_DIR, 'vite.config.ts'),
        '--outDir',
        fresh,
        '--emptyOutDir',
      ],
      { cwd: REPO_ROOT, stdio: 'inherit' },
    );
    const old = join(UI_DIR, `.dist-old-${process.pid}`);
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(fresh, DIST);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
