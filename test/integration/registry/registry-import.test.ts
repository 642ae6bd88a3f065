import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError, importRegistryFile } from '../../../src/registry/import.js';
import { createRegistryRepository, type RegistryRepository } from '../../../src/registry/registry-repository.js';
import { createRegistryService } from '../../../src/registry/registry-service.js';
import { migrateStorage } from '../../../src/storage/migrate.js';
import { openPostgresStorage } from '../../../src/storage/postgres.js';
import type { Storage } from '../../../src/storage/storage.js';
import { freshPgDatabase } from '../../helpers/backend.js';
import { BACKENDS, openStorages } from '../../helpers/storages.js';

const fixture = fileURLToPath(new URL('../../fixtures/registry-messy.csv', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
const NOW = Date.UTC(2026, 0, 15, 3, 0, 0);
const TODAY = '2026-01-15';

let dir: string;
const closers: Array<() => unknown> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-registry-'));
});

afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe.each(BACKENDS)('registry import on %s', (backend) => {
  let storage: Storage;
  let repo: RegistryRepository;
  beforeEach(async () => {
    [storage] = await openStorages(backend, 1, closers);
    repo = createRegistryRepository(storage);
  });
  /** Every agency row, in id order (SQL the same on both backends). */
  const allRows = () => storage.run((q) => q.select().from(storage.t.agencies).orderBy(storage.t.agencies.id));
  /** SQLite's FTS5 table follows the rows (its triggers); PostgreSQL has none. */
  const ftsCount = () =>
    storage.sqlite ? (storage.sqlite.$client.prepare("SELECT count(*) AS n FROM agencies_fts WHERE agencies_fts MATCH 'name_norm : \"aya\" OR name_norm : \"ker\"'").get() as { n: number }).n : 1;

  it('imports a messy spreadsheet export: aliases, BOM, CRLF, quotes, Indonesian dates, bad rows by line', async () => {
    const s = await importRegistryFile(repo, fixture, { now: () => NOW, source: 'test' });
    expect(s).toMatchObject({ rows: 12, inserted: 7, updated: 0, unchanged: 0, rejected: 5, removed: 0 });
    // Line numbers are the file's: header on line 1, a quoted two-line name on lines 10–11.
    expect(s.errors).toEqual([
      { line: 4, reason: 'no name' },
      { line: 5, reason: 'no licence number' },
      { line: 6, reason: 'unknown status "Entah"' },
      { line: 7, reason: 'impossible or unreadable date "31/02/2026"' },
      { line: 13, reason: 'no licence number' },
    ]);
    const [maju] = await repo.search('kep-118-2019', { limit: 1, today: TODAY });
    expect(maju).toMatchObject({
      name: 'PT. Maju-Jaya Abadi, Tbk',
      licenseNumber: 'KEP 118/2019',
      status: 'active',
      validUntil: '2030-01-12',
      city: 'Kota Pontianak',
      province: 'Kalimantan Barat',
      match: 'exact',
    });
    expect((await repo.search('Sinar Harapan Internasional', { limit: 1, today: TODAY }))[0]).toMatchObject({
      status: 'suspended',
      validUntil: '2029-12-31',
      match: 'exact',
    });
    expect((await repo.search('Multi Baris Sejahtera', { limit: 1, today: TODAY }))[0]).toMatchObject({ name: 'PT Multi Baris Sejahtera', validUntil: '2031-01-12' });
    expect((await repo.search('Habis Berlaku', { limit: 1, today: TODAY }))[0]).toMatchObject({ status: 'expired', validUntil: '2023-08-05' });
    expect(await repo.getMeta('registry_updated_at')).toBe(new Date(NOW).toISOString());
    expect(await repo.getMeta('registry_source')).toBe('test');
  });

  it('re-importing the same file changes nothing', async () => {
    await importRegistryFile(repo, fixture, { now: () => NOW });
    const before = await allRows();
    const s = await importRegistryFile(repo, fixture, { now: () => NOW + 1000 });
    expect(s).toMatchObject({ inserted: 0, updated: 0, unchanged: 7, rejected: 5 });
    expect(await allRows()).toEqual(before);
  });

  it('upserts by normalised licence number and counts updates', async () => {
    await importRegistryFile(repo, fixture, { now: () => NOW });
    const path = csv('update.csv', 'name,license_number,status\nPT Maju Jaya Abadi,kep-118-2019,dicabut\nPT Baru,KEP 9999/2026,aktif\n');
    const s = await importRegistryFile(repo, path, { now: () => NOW });
    expect(s).toMatchObject({ inserted: 1, updated: 1, unchanged: 0, rejected: 0 });
    expect(await repo.count()).toBe(8);
    expect((await repo.search('maju jaya abadi', { limit: 1, today: TODAY }))[0]).toMatchObject({ status: 'revoked', licenseNumber: 'kep-118-2019' });
  });

  it('--replace swaps the whole registry and keeps the trigram index in sync', async () => {
    await importRegistryFile(repo, fixture, { now: () => NOW });
    const path = csv('new.csv', 'Nama Perusahaan;Nomor Izin;Status\r\nPT Karya Baru;KEP 1/2026;Aktif\r\nPT Maju Jaya Abadi;KEP 118/2019;Aktif\r\n');
    const s = await importRegistryFile(repo, path, { now: () => NOW, replace: true });
    expect(s).toMatchObject({ inserted: 1, updated: 1, unchanged: 0, removed: 6 });
    expect(await repo.count()).toBe(2);
    expect(await repo.search('Habis Berlaku', { limit: 5, today: TODAY })).toEqual([]);
    expect((await repo.search('karya baru', { limit: 1, today: TODAY }))[0]).toMatchObject({ match: 'exact' });
    if (storage.sqlite) {
      const rows = storage.sqlite.$client.prepare("SELECT rowid FROM agencies_fts WHERE agencies_fts MATCH 'name_norm : \"karya\"'").all();
      expect(rows).toHaveLength(1);
      storage.sqlite.$client.exec("INSERT INTO agencies_fts(agencies_fts, rank) VALUES('integrity-check', 1)");
    }
  });

  it('a failed import leaves the registry untouched', async () => {
    await importRegistryFile(repo, fixture, { now: () => NOW, source: 'first' });
    const path = csv('bad.csv', 'Nama,Alamat\nPT A,Jl. B\n');
    await expect(importRegistryFile(repo, path, { now: () => NOW, replace: true })).rejects.toBeInstanceOf(ImportError);
    expect(await repo.count()).toBe(7);
    expect(await repo.getMeta('registry_source')).toBe('first');
    expect(ftsCount()).toBeGreaterThan(0);
  });

  it('reports progress on large files', async () => {
    const body = Array.from({ length: 2500 }, (_, i) => `PT Agen ${i},KEP ${i}/2026,aktif`).join('\n');
    const seen: number[] = [];
    const s = await importRegistryFile(repo, csv('big.csv', `name,license_number,status\n${body}\n`), {
      now: () => NOW,
      progressEvery: 1000,
      onProgress: (n) => seen.push(n),
    });
    expect(seen).toEqual([1000, 2000]);
    expect(s.inserted).toBe(2500);
  });
});

describe('registry:import CLI', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/registry-import.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: join(dir, 'cli.db'), ...env },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('imports, prints the summary and the rejected lines, exits 0; fails clearly on a bad file', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--replace');

    const ok = await run([fixture, '--source', 'kp2mi', '--create']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('7 inserted, 0 updated, 0 unchanged, 5 rejected');
    expect(ok.stderr).toContain('line 6: unknown status "Entah"');

    const missing = await run([join(dir, 'nope.csv')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('cannot read');

    const noColumns = await run([csv('cols.csv', 'Nama,Alamat\nPT A,Jl. B\n')]);
    expect(noColumns.code).not.toBe(0);
    expect(noColumns.stderr).toContain('Missing required column(s)');
  }, 60_000);

  it('imports into PostgreSQL when DATABASE_URL is set, and a running instance answers from it within the check interval', async () => {
    const url = await freshPgDatabase();
    const running = openPostgresStorage(url);
    closers.push(() => running.close());
    await migrateStorage(running, { DATABASE_URL: url });
    let t = 0;
    const service = createRegistryService({ storage: running, now: () => NOW, monotonic: () => t });
    expect(await service.ensureDemo()).toBe(true);

    const neverCreated = join(dir, 'never.db');
    const r = await run([fixture, '--source', 'kp2mi'], { DATABASE_URL: url, DATABASE_PATH: neverCreated });
    expect(r.stderr).not.toMatch(/failed/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The fictional demo registry');
    expect(r.stdout).toMatch(/into PostgreSQL [^ ]+\/t_\w+: 7 inserted/);
    const password = new URL(url).password;
    if (password) expect(r.stdout).not.toContain(password);
    expect(existsSync(neverCreated)).toBe(false);

    t = 3_000;
    await service.search('x', 1);
    await service.settled();
    const answer = await service.search('kep-118-2019', 1);
    expect(answer.demo).toBe(false);
    expect(answer.results[0]).toMatchObject({ name: 'PT. Maju-Jaya Abadi, Tbk', match: 'exact' });
  }, 60_000);
});
