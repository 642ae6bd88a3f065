/**
 * vitest globalSetup: one temporary PostgreSQL cluster for the whole run (test/helpers/postgres.ts),
 * its base URL provided to every test file as `inject('pgBaseUrl')`. Started only when PostgreSQL is
 * installed; tests that need it fail with a clear message otherwise (.ci/run installs it).
 */
import type { TestProject } from 'vitest/node';
import { type PgCluster, pgBinDir, startPgCluster } from '../helpers/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
  }
}

/**
 * vitest runs this setup for the root and again for every project of the run, in one process:
 * they share one cluster (kept on globalThis, counted), stopped by the last teardown.
 */
type Shared = { started: Promise<PgCluster | null>; users: number };
const KEY = Symbol.for('waspada.test.pgCluster');
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;

export async function setup(project: TestProject): Promise<void> {
  registry[KEY] ??= { started: pgBinDir() ? startPgCluster() : Promise.resolve(null), users: 0 };
  const shared = registry[KEY];
  shared.users++;
  const cluster = await shared.started;
  project.provide('pgBaseUrl', cluster?.baseUrl ?? '');
}

export async function teardown(): Promise<void> {
  const shared = registry[KEY];
  if (!shared || --shared.users > 0) return;
  registry[KEY] = undefined;
  (await shared.started)?.stop();
}
