// `npm run bench [-- NAME…]`: runs every *.bench.ts here (or the named ones) in one process, one after
// another, and prints one JSON object per benchmark with "bench" naming it.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark } from './benchmark.js';

const here = dirname(fileURLToPath(import.meta.url));

async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = readdirSync(here)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const benchmarks: Benchmark[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(here, file)).href)) as {
      default?: Benchmark | Benchmark[];
    };
    const exported = module.default;
    if (exported === undefined) throw new Error(`${file} has no default export`);
    benchmarks.push(...(Array.isArray(exported) ? exported : [exported]));
  }
  return benchmarks;
}

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const all = await loadBenchmarks();
const unknown = wanted.filter((name) => !all.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}; known: ${all.map((bench) => bench.name).join(', ')}`,
  );
  process.exit(2);
}
let failed = false;
for (const bench of all.filter((candidate) => wanted.length === 0 || wanted.includes(candidate.name))) {
  try {
    const figures = await bench.run();
    console.log(JSON.stringify({ bench: bench.name, ...figures }));
  } catch (error) {
    failed = true;
    const message = error instanceof Error ? error.message : String(error);
    console.log(JSON.stringify({ bench: bench.name, error: message }));
  }
}
process.exit(failed ? 1 : 0);
