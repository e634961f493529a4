import { defineConfig } from 'vitest/config';

// The wall-clock budgets (grading a class of 30 under 10 s), measured with nothing else running.
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.timing.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
