// The official vectors live in ../shared beside the checkout (and CI's clone), never in the project.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Directory of ../shared/golden/prg, or null after saying so in one line. */
export function goldenPrgDir(): string | null {
  const dir = join(repoRoot, '..', 'shared', 'golden', 'prg');
  if (!existsSync(join(dir, 'manifest.json'))) {
    console.log(`official PRG vectors not found at ${dir}: the golden PRG tests have nothing to read`);
    return null;
  }
  return dir;
}
