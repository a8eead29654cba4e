// The daemon serves src/controller-ui/dist, which `npm install` builds. A test run after editing the UI
// (or the show code it bundles) must not drive an old build: rebuild when any source is newer than it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const BUILT_INDEX = join(REPO_ROOT, 'src', 'controller-ui', 'dist', 'index.html');
const SOURCES = [
  'src/controller-ui/src',
  'src/controller-ui/public',
  'src/controller-ui/index.html',
  'src/contracts',
  'src/show',
];

function newestModification(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestModification(join(path, name))));
}

export function ensureControllerBuilt(): void {
  const builtAt = existsSync(BUILT_INDEX) ? statSync(BUILT_INDEX).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((source) => newestModification(join(REPO_ROOT, source))));
  if (builtAt >= sourcesAt) return;
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'src/controller-ui/vite.config.ts',
    ],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
}
