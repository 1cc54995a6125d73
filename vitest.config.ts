import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code they test, and the cross-cutting
// end-to-end / fault tests in tests/ that start the real server and drive Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'server/src/**/*.test.ts', 'client/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser-heavy file at a time: CI has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
