import { defineConfig } from 'vitest/config';

// Tests start real Python processes: their waits end as soon as the awaited event arrives, and
// the deadlines only bound a failure. Generous timeouts keep a loaded CI machine from flaking.
// *.timing.test.ts assert wall-clock budgets: they run alone afterwards (vitest.timing.config.ts),
// not beside the other test files, whose load would make the figure meaningless.
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/**/*.timing.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
