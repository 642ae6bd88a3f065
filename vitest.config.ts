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
  'test/integration/scaling/two-instances.test.ts',
];

/**
 * The integration and end-to-end suites again on PostgreSQL (WASPADA_TEST_BACKEND=postgres: every
 * `buildTestApp` / emulator service gets a fresh database on the run's temporary cluster). Left out:
 * files that already run each case on both backends themselves (storage port, repositories, two
 * instances), and files about SQLite itself (its file on disk, WAL, a connection handed in).
 */
const ON_BOTH_ALREADY = [
  'test/integration/storage/**',
  'test/integration/conversations/turns-across-instances.test.ts',
  'test/integration/tips/tips-repository.test.ts',
  'test/integration/tips/erasure-backends.test.ts',
  'test/integration/officers/officer-storage.test.ts',
  'test/integration/alerts/outbox.test.ts',
  'test/integration/alerts/alerts-service.test.ts',
  'test/integration/routing/routing-storage.test.ts',
  'test/integration/registry/**',
  'test/integration/whatsapp/wa-auth-store.test.ts',
  'test/integration/whatsapp/whatsapp-lease.test.ts',
];
const SQLITE_ONLY = [
  'test/e2e/alerts-emulator.test.ts', // restarts on the same SQLite file
  'test/e2e/erasure-service.test.ts', // scans the SQLite file and WAL for erased words
  'test/e2e/telegram/telegram-adapter.test.ts', // hands buildApp an open SQLite database
  'test/integration/adcheck/ad-check-ocr.test.ts',
  'test/integration/officers/retention.test.ts',
  'test/integration/whatsapp/whatsapp-adapter.test.ts',
  'test/integration/whatsapp/whatsapp-health.test.ts',
  'test/integration/field/cli-config.test.ts', // runs the CLIs on SQLite (their PostgreSQL cases are inside)
  // The injected clock jumps a month: on PostgreSQL the WhatsApp lease lapses meanwhile and the
  // re-opened session reads (so keeps alive) every key; whatsapp-lease.test.ts covers that path.
  'test/integration/whatsapp/wa-session-privacy.test.ts',
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
          name: 'postgres',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          exclude: ['node_modules/**', ...PROCESS_TESTS, ...ON_BOTH_ALREADY, ...SQLITE_ONLY],
          env: { WASPADA_TEST_BACKEND: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 30_000,
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
