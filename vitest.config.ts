import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Soak tests measure timing over a minute: they run afterwards, alone (vitest.soak.config.ts).
    exclude: ['**/node_modules/**', 'tests/**/*.soak.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start real servers, ptys and emulators; two cores are all CI has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
