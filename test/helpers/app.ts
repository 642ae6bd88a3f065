/**
 * Build the whole service on a real SQLite file in a fresh temp dir (or a fresh PostgreSQL database
 * when the suite runs on PostgreSQL, test/helpers/backend.ts), with an injectable clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../../src/app.js';
import { type Config, parseConfig } from '../../src/config.js';
import { backendEnv } from './backend.js';

export const TEST_SECRET = 'test-secret-'.padEnd(64, 'x');

export type TestApp = { app: FastifyInstance; config: Config; dir: string; clock: { now: number }; close(): Promise<void> };

export async function buildTestApp(env: Record<string, string> = {}, deps: Partial<AppDeps> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-test-'));
  const config = parseConfig(
    { DATABASE_PATH: join(dir, 'waspada.db'), DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', ...(await backendEnv()), ...env },
    { secret: TEST_SECRET },
  );
  const clock = { now: Date.UTC(2026, 10, 28, 3, 0, 0) };
  const app = await buildApp(config, { logger: false, clock: () => clock.now, ...deps });
  await app.ready();
  return {
    app,
    config,
    dir,
    clock,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny web-chat client over `inject`. */
export function webChat(app: FastifyInstance) {
  let conversation: string | undefined;
  let last: {
    replies: Array<{ text: string }>;
    prompt: { flow: string; step: string; kind: string; choices?: Array<{ id: string; label: string }> };
    locale: 'id' | 'en';
  };
  async function post(body: Record<string, string>) {
    const res = await app.inject({ method: 'POST', url: '/api/chat', payload: { ...(conversation ? { conversation } : {}), ...body } });
    if (res.statusCode !== 200) throw new Error(`POST /api/chat ${res.statusCode}: ${res.body}`);
    const json = res.json();
    conversation = json.conversation;
    last = json;
    return json as typeof last & { conversation: string };
  }
  return {
    start: () => post({}),
    say: (text: string) => post({ text }),
    choose: (choice: string) => post({ choice }),
    get conversation() {
      return conversation;
    },
    get last() {
      return last;
    },
    text: () => last.replies.map((r) => r.text).join('\n'),
  };
}
