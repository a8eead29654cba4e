#!/usr/bin/env node
// Runs the compiled daemon from dist/ when it is up to date (npm install builds it), else the TypeScript
// sources through tsx: a clone needs no build step, and an edited source is never run stale.
import { compiledIsFresh } from './compiled-sources.mjs';

if (process.env.SMLIVE_FROM_SOURCE !== '1' && compiledIsFresh()) {
  await import('../dist/src/server/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/server/cli.ts');
}
