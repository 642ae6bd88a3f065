/**
 * Service foundation: migrations, online backup, the error shape, graceful shutdown, start-up.
 * Real SQLite files in temp dirs; the process tests spawn the real `src/server.ts`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIdentity } from '../../src/conversations/identity.js';
import { openDb } from '../../src/storage/db.js';
import { runMigrations } from '../../src/storage/migrate.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { ROOT, startServer } from '../helpers/server-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-foundation-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function schemaOf(db: Database.Database) {
  const objects = db.prepare("select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name").all() as Array<{
    type: string;
    name: string;
  }>;
  const counts = Object.fromEntries(
    objects.filter((o) => o.type === 'table').map((o) => [o.name, (db.prepare(`select count(*) as n from "${o.name}"`).get() as { n: number }).n]),
  );
  return { objects, counts };
}

describe('migrations', () => {
  it('apply to an empty file, then re-apply as a no-op', () => {
    const path = join(dir, 'waspada.db');
    const db = openDb(path);
    runMigrations(db);
    const first = schemaOf(db.$client);
    const journal = db.$client.prepare('select * from __drizzle_migrations order by id').all();
    expect(first.objects.map((o) => o.name)).toEqual(expect.arrayContaining(['conversations', 'tips', 'agencies', '__drizzle_migrations']));
    expect(journal.length).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length,
    );
    db.$client.close();

    const again = openDb(path);
    runMigrations(again);
    expect(schemaOf(again.$client)).toEqual(first);
    expect(again.$client.prepare('select * from __drizzle_migrations order by id').all()).toEqual(journal);
    again.$client.close();
  });

  it('npm run db:migrate refuses a missing DATABASE_PATH, creates it with --create and says so; the second run changes nothing', async () => {
    const path = join(dir, 'sub', 'waspada.db');
    const refused = await run(['src/cli/db-migrate.ts'], { DATABASE_PATH: path });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`no database at ${path}`);
    const first = await run(['src/cli/db-migrate.ts', '--create'], { DATABASE_PATH: path });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Created .*waspada\.db: applied \d+ migrations?/);
    const second = await run(['src/cli/db-migrate.ts'], { DATABASE_PATH: path });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already up to date/);
    const help = await run(['src/cli/db-migrate.ts', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: npm run db:migrate/);
  });
});

describe('db:backup', () => {
  it('explains itself, and refuses to run without FILE or to overwrite one', async () => {
    const path = join(dir, 'waspada.db');
    const db = openDb(path);
    runMigrations(db);
    db.$client.close();

    const help = await run(['src/cli/db-backup.ts', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Restore:[\s\S]*stop the service[\s\S]*-wal[\s\S]*-shm/);

    const missing = await run(['src/cli/db-backup.ts'], { DATABASE_PATH: path });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing FILE/);

    const out = join(dir, 'backup.db');
    const ok = await run(['src/cli/db-backup.ts', out], { DATABASE_PATH: path });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Backed up .* to .*backup\.db: [\d.]+ KiB .* in \d+ ms, integrity ok/);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const again = await run(['src/cli/db-backup.ts', out], { DATABASE_PATH: path });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; pass --force/);
    const forced = await run(['src/cli/db-backup.ts', out, '--force'], { DATABASE_PATH: path });
    expect(forced.code).toBe(0);
  });

  it('takes a consistent copy while another process keeps writing, with every row committed before it started', async () => {
    const path = join(dir, 'waspada.db');
    const db = openDb(path);
    runMigrations(db);
    // A few MB so the copy is not instantaneous.
    const fill = db.$client.prepare('insert into meta (key, value) values (?, ?)');
    db.$client.transaction(() => {
      for (let i = 0; i < 20_000; i++) fill.run(`fill:${i}`, 'x'.repeat(200));
    })();

    // The writer: one committed row per iteration, keys w:1, w:2, … in order, until killed.
    const writer: ChildProcess = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import Database from 'better-sqlite3';
         const db = new Database(process.argv[1]);
         db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
         const ins = db.prepare('insert into meta (key, value) values (?, ?)');
         let n = 0;
         for (;;) { n++; ins.run('w:' + n, 'y'.repeat(100)); if (n === 100) process.stdout.write('ready\\n'); }`,
        path,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        writer.stdout?.on('data', (c: Buffer) => {
          if (c.toString().includes('ready')) resolve();
        });
        writer.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
      });
      const count = db.$client.prepare("select count(*) as n from meta where key like 'w:%'");
      const committedBefore = (count.get() as { n: number }).n;
      const out = join(dir, 'backup.db');
      const result = await run(['src/cli/db-backup.ts', out], { DATABASE_PATH: path });
      const committedAfter = (count.get() as { n: number }).n;
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      // The writer really was writing during the backup.
      expect(committedAfter).toBeGreaterThan(committedBefore);

      const copy = new Database(out, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = copy.prepare("select cast(substr(key, 3) as integer) as n from meta where key like 'w:%' order by n").all() as Array<{ n: number }>;
      const fills = (copy.prepare("select count(*) as n from meta where key like 'fill:%'").get() as { n: number }).n;
      copy.close();
      expect(fills).toBe(20_000);
      expect(rows.length).toBeGreaterThanOrEqual(committedBefore);
      // One snapshot: exactly w:1 … w:k, no gaps.
      expect(rows.every((r, i) => r.n === i + 1)).toBe(true);
      expect(existsSync(`${out}-wal`)).toBe(false);
    } finally {
      writer.kill('SIGKILL');
      db.$client.close();
    }
  }, 60_000);
});

describe('error shape', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ BODY_LIMIT_BYTES: '2048' });
  });
  afterEach(async () => {
    await t.close();
  });

  function expectErrorShape(body: unknown, code: string) {
    expect(body).toEqual({ error: { code, message: expect.any(String) } });
    expect((body as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
  }

  it('unknown routes get 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expectErrorShape(res.json(), 'not_found');
  });

  it('bodies over BODY_LIMIT_BYTES get 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/chat', payload: { text: 'a'.repeat(4000) } });
    expect(res.statusCode).toBe(413);
    expectErrorShape(res.json(), 'payload_too_large');
  });

  it('invalid JSON gets 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/chat', headers: { 'content-type': 'application/json' }, payload: '{"text": ' });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'invalid_json');
  });

  it('validation errors get 400 and say what is wrong', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/chat', payload: { conversation: 'not-a-token' } });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'invalid_request');
    expect(res.json().error.message).toMatch(/conversation/);
    const extra = await t.app.inject({ method: 'POST', url: '/api/chat', payload: { surprise: 1 } });
    expect(extra.statusCode).toBe(400);
    expectErrorShape(extra.json(), 'invalid_request');
  });

  it('a wrong content type gets 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/chat', headers: { 'content-type': 'application/xml' }, payload: '<text>hello</text>' });
    expect(res.statusCode).toBe(415);
    expectErrorShape(res.json(), 'unsupported_media_type');
  });
});

describe('the process', () => {
  it('npm start: answers /health ok within seconds and creates the database (start-up time and idle RSS printed)', async () => {
    const dbPath = join(dir, 'db', 'waspada.db');
    const spawned = performance.now();
    const server = await startServer({ DATA_DIR: join(dir, 'data'), DATABASE_PATH: dbPath });
    try {
      const res = await fetch(`${server.baseUrl}/health`);
      const startupMs = performance.now() - spawned;
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', channels: { web: 'up' } });
      expect(existsSync(dbPath)).toBe(true);
      expect(statSync(join(dir, 'data', 'pseudonym.secret')).mode & 0o777).toBe(0o600);
      // Generous: CI boxes are often loaded; the figure itself is printed below.
      expect(startupMs).toBeLessThan(45_000);
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];
      console.log(`start-up (spawn → /health ok): ${Math.round(startupMs)} ms; idle RSS: ${rss ? Math.round(Number(rss) / 1024) : '?'} MiB`);
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('shuts down cleanly on SIGTERM under load, losing no acknowledged write', async () => {
    const dataDir = join(dir, 'data');
    const dbPath = join(dir, 'waspada.db');
    // Many requests from one address on purpose: lift the per-client limit (it has its own tests).
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_PATH: dbPath, RATE_LIMIT_PER_MINUTE: '100000', OPEN_PER_ADDRESS_PER_MINUTE: '100000', OPEN_PER_MINUTE: '1000000' });
    const acknowledged = new Map<string, number>();
    let oks = 0;
    let signalled: () => void = () => {};
    const enoughTraffic = new Promise<void>((r) => {
      signalled = r;
    });
    async function post(body: object): Promise<{ conversation: string } | null> {
      try {
        const res = await fetch(`${server.baseUrl}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status !== 200) return null;
        const json = (await res.json()) as { conversation: string };
        acknowledged.set(json.conversation, (acknowledged.get(json.conversation) ?? 0) + 1);
        if (++oks === 60) signalled();
        return json;
      } catch {
        return null; // connection refused or reset once the server stops listening
      }
    }
    async function client(): Promise<void> {
      for (;;) {
        const start = await post({});
        if (!start) return;
        if (!(await post({ conversation: start.conversation, choice: 'report' }))) return;
      }
    }
    try {
      const clients = Array.from({ length: 16 }, () => client());
      await enoughTraffic;
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      await Promise.all(clients);
      expect(exit).toEqual({ code: 0, signal: null });
    } finally {
      server.child.kill('SIGKILL');
    }
    expect(oks).toBeGreaterThanOrEqual(60);

    const identity = createIdentity(readFileSync(join(dataDir, 'pseudonym.secret'), 'utf8').trim());
    const db = new Database(dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const byPseudonym = new Map(
        (db.prepare("select pseudonym, message_count as n from conversations where channel = 'web'").all() as Array<{ pseudonym: string; n: number }>).map(
          (r) => [r.pseudonym, r.n],
        ),
      );
      for (const [conversation, count] of acknowledged) {
        expect(byPseudonym.get(identity.pseudonym('web', conversation))).toBe(count);
      }
      expect(byPseudonym.size).toBe(acknowledged.size);
    } finally {
      db.close();
    }
  }, 90_000);
});
