/**
 * The CLIs read the server's configuration (the same .env and schema) and never create a database
 * silently; the first real registry import replaces the fictional demo set.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { freshPgDatabase } from '../../helpers/backend.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = import.meta.resolve('tsx');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Run a CLI from `cwd` (the deployment's directory, where its .env lives), without DATABASE_PATH in the environment. */
function cli(script: string, args: string[], cwd = dir, env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.DATABASE_PATH;
  delete base.DATA_DIR;
  return promisify(execFile)(process.execPath, ['--import', TSX, join(ROOT, 'src/cli', script), ...args], { cwd, env: { ...base, ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const CSV = 'Nama Perusahaan,Nomor Izin,Status,Masa Berlaku\nPT Nyata Sekali,KEP 12/2026,aktif,30/11/2026\nPT Kedua Nyata,KEP 13/2026,dicabut,01/01/2026\n';

describe('CLI configuration', () => {
  it('reads DATABASE_PATH from the .env the server reads, and refuses to create a database unless --create', async () => {
    writeFileSync(join(dir, '.env'), 'DATABASE_PATH=./srv/waspada-prod.db\n');
    const expected = join(dir, 'srv', 'waspada-prod.db');

    const refused = await cli('officer-token.ts', ['--name', 'Bripka Sari']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`no database at ${expected}`);
    expect(refused.stderr).toContain('--create');
    expect(existsSync(expected)).toBe(false);
    expect(existsSync(join(dir, 'data', 'waspada.db'))).toBe(false); // the old silent default

    const created = await cli('officer-token.ts', ['--name', 'Bripka Sari', '--create']);
    expect(created.code).toBe(0);
    expect(existsSync(expected)).toBe(true);
    const listed = await cli('officer-token.ts', ['--list']);
    expect(listed.stdout).toContain('Bripka Sari');

    writeFileSync(join(dir, 'p3mi.csv'), CSV);
    const imported = await cli('registry-import.ts', ['p3mi.csv']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`into ${expected}`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  }, 60_000);

  it('without .env or DATABASE_PATH names the default path it looked at', async () => {
    const r = await cli('registry-import.ts', ['x.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no database at ${join(dir, 'data', 'waspada.db')} (from the default`);
    const backup = await cli('db-backup.ts', ['out.db']);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('no database at');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  }, 60_000);

  it('stops on a bad value with one line naming the variable, as the server does', async () => {
    writeFileSync(join(dir, '.env'), 'DATABASE_PATH=./w.db\nDIGEST_HOUR=25\n');
    const r = await cli('db-migrate.ts', ['--create']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DIGEST_HOUR: .*\(got "25"\)/);
    expect(existsSync(join(dir, 'w.db'))).toBe(false);
  }, 60_000);
});

describe('the CLIs on PostgreSQL (DATABASE_URL)', () => {
  it('migrate and import into DATABASE_URL, create no SQLite file, name the database without credentials, and send backups to pg_dump', async () => {
    const url = await freshPgDatabase();
    writeFileSync(join(dir, '.env'), `DATABASE_URL=${url}\nDATABASE_PATH=./never.db\n`);
    const first = await cli('db-migrate.ts', []);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Migrated PostgreSQL [^ ]+: applied \d+ migrations? \(\d+ in total\) from .*migrations\/pg\n$/);
    const again = await cli('db-migrate.ts', []);
    expect(again.stdout).toContain('already up to date');

    writeFileSync(join(dir, 'p3mi.csv'), CSV);
    const imported = await cli('registry-import.ts', ['p3mi.csv']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/into PostgreSQL [^ ]+: 2 inserted, 0 updated, 0 unchanged, 0 rejected/);
    const password = new URL(url).password;
    if (password) expect(imported.stdout + imported.stderr).not.toContain(password);

    const backup = await cli('db-backup.ts', ['out.db']);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain('pg_dump');
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
    expect(existsSync(join(dir, 'out.db'))).toBe(false);
  }, 60_000);
});

describe('the first real import replaces the demo registry', () => {
  it('removes every fictional agency, clears the demo flag, and says why', async () => {
    // A fresh service start loads the demo set into the database.
    const t = await buildTestApp();
    const dbPath = t.config.DATABASE_PATH;
    const before = (await t.app.inject({ url: '/api/agencies?q=Contoh%20Maju%20Jaya' })).json();
    expect(before.demo).toBe(true);
    await t.app.close();

    mkdirSync(join(dir, 'in'), { recursive: true });
    writeFileSync(join(dir, 'in', 'p3mi.csv'), CSV);
    const r = await cli('registry-import.ts', [join(dir, 'in', 'p3mi.csv'), '--source', 'BP3MI Kalbar'], dir, { DATABASE_PATH: dbPath });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The fictional demo registry (30 agencies) was replaced');
    expect(r.stdout).toContain('2 inserted, 0 updated, 0 unchanged, 0 rejected, 30 removed');

    const { buildApp } = await import('../../../src/app.js');
    const again = await buildApp(t.config, { logger: false });
    try {
      const after = (await again.inject({ url: '/api/agencies?q=Contoh%20Maju%20Jaya' })).json();
      expect(after.demo).toBe(false);
      expect(after.results.filter((x: { name: string }) => x.name.includes('FIKTIF'))).toEqual([]);
      const count = again.db.$client.prepare('select count(*) n from agencies').get();
      expect(count).toEqual({ n: 2 });
    } finally {
      await again.close();
      rmSync(t.dir, { recursive: true, force: true });
    }
  }, 60_000);
});
