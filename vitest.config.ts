import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start real servers, ptys and emulators; two cores are all CI has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
