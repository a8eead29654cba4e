// The daemon's TypeScript compiled ahead of time into dist/ (one .js per .ts, same layout), so a start
// does not pay for compiling every module through tsx (about 2 s and 35 MB on a Pi-class machine).
// `npm install` builds it (prepare); bin/smlive.js uses it only while it is newer than every source file,
// and falls back to running the sources through tsx otherwise, so an edit is never run stale.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const sourceDir = join(repoRoot, 'src');
export const distDir = join(repoRoot, 'dist');
const stampFile = join(distDir, '.compiled-at');
/** The controller is built by Vite into its own folder; it never runs in Node. */
const SKIPPED = new Set([join(sourceDir, 'controller-ui')]);

function* sourceFiles(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(path)) yield* sourceFiles(path);
    } else if (/\.(ts|mjs|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      yield path;
    }
  }
}

function newestSourceMtime() {
  let newest = 0;
  for (const file of sourceFiles(sourceDir)) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

/** True when dist/ holds a build newer than every source file. */
export function compiledIsFresh() {
  if (!existsSync(stampFile)) return false;
  return Number(readFileSync(stampFile, 'utf8')) >= newestSourceMtime();
}

export async function compileSources() {
  const { transform } = await import('esbuild');
  const started = Date.now();
  let count = 0;
  for (const file of sourceFiles(sourceDir)) {
    const target = join(distDir, 'src', relative(sourceDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    if (!file.endsWith('.ts')) {
      copyFileSync(file, target);
      continue;
    }
    const result = await transform(readFileSync(file, 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcefile: file,
    });
    writeFileSync(target, result.code);
    count += 1;
  }
  writeFileSync(stampFile, String(started));
  return count;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = await compileSources();
  console.log(`compiled ${count} source files into dist/`);
}
