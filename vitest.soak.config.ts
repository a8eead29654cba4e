import { defineConfig } from 'vitest/config';

// Timing soaks (the 60 s show-clock run) alone on the machine, after the other tests: run beside the
// emulator and browser tests they would measure those tests' load, not the clock.
export default defineConfig({
  test: {
    include: ['tests/**/*.soak.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
