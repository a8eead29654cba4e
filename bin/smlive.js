#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so a clone needs no build step before `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli.ts');
