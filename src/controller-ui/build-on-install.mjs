#!/usr/bin/env node
// `npm install` (prepare) builds the controller so a fresh clone serves it with no extra step. Without
// dev dependencies (npm install --omit=dev) there is no Vite: say so and let the install finish, since
// the daemon still runs and reports the missing UI; `npm run build:ui` builds it later.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('vite/package.json');
} catch {
  console.warn(
    'controller UI not built: Vite is not installed (dev dependencies omitted). Run `npm run build:ui`.',
  );
  process.exit(0);
}
const result = spawnSync('npm', ['run', '--silent', 'build:ui'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
