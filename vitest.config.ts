import { defineConfig } from 'vitest/config';

/**
 * Tests that spawn real processes (the server, the CLIs, a writer under SIGKILL): slow, so they run
 * in their own project, one file at a time, and never share CPU with each other. `npm test` runs
 * both `default` and `slow`; `npm run test:fast` only `default`.
 */
const PROCESS_TESTS = [
  'test/integration/crash-safety.test.ts',
  'test/integration/docker-layout.test.ts',
  'test/integration/foundation.test.ts',
  'test/integration/registry/registry-import.test.ts',
];

export default defineConfig({
  test: {
    // One temporary PostgreSQL cluster per run (Debian's postgresql; each test makes its own database).
    globalSetup: ['test/setup/postgres-global.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'node_modules/**', ...PROCESS_TESTS],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: PROCESS_TESTS,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
