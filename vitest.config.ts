import { defineConfig } from 'vitest/config';

// Tests start real Python processes: their waits end as soon as the awaited event arrives, and
// the deadlines only bound a failure. Generous timeouts keep a loaded CI machine from flaking.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
