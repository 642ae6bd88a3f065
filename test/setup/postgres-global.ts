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

let cluster: PgCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!pgBinDir()) {
    project.provide('pgBaseUrl', '');
    return;
  }
  cluster = await startPgCluster();
  project.provide('pgBaseUrl', cluster.baseUrl);
}

export async function teardown(): Promise<void> {
  cluster?.stop();
}
