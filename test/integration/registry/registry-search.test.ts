/**
 * Registry search and the conversation's check, on SQLite and PostgreSQL with the same import:
 * the answers are the same on both (the in-memory snapshot is built from the same rows in id
 * order), and the public route answers the contract shape.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import type { AgencyRecord } from '../../../src/registry/registry-repository.js';
import { createRegistryService, type RegistryService } from '../../../src/registry/registry-service.js';
import { type Db, openDb } from '../../../src/storage/db.js';
import { runMigrations } from '../../../src/storage/migrate.js';
import { sqliteStorage } from '../../../src/storage/storage.js';
import { BACKENDS, openStorages } from '../../helpers/storages.js';

const NOW = Date.UTC(2026, 0, 15, 3, 0, 0); // 2026-01-15 in Pontianak

const rec = (name: string, licenseNumber: string, status: AgencyRecord['status'] = 'active', validUntil: string | null = '2027-01-01'): AgencyRecord => ({
  name,
  licenseNumber,
  status,
  validUntil,
  address: null,
  city: 'Kota Pontianak',
  province: 'Kalimantan Barat',
});

const REGISTRY: AgencyRecord[] = [
  rec('PT Maju Jaya Abadi', 'KEP 118/2019'),
  rec('PT Sinar Harapan Nusantara', 'KEP 200/2020', 'suspended'),
  rec('PT Karya Bersama Mandiri', 'KEP 300/2021', 'revoked'),
  rec('PT Duta Insani Sejahtera', 'KEP 400/2018', 'active', '2025-12-31'),
  rec('PT Borneo Tenaga Kerja', 'B.500/KEP/2022'),
  rec('PT Khatulistiwa Prima', 'KEP 600/2023'),
  rec('PT Amanah Berkah Mulia', 'KEP 700/2020'),
  rec('CV Sumber Rezeki Abadi', 'KEP 800/2019'),
];

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** Queries whose whole answers are compared across backends (typos, impostors, licences, short, none). */
const SAME_ANSWER_QUERIES = [
  'PT. Maju-Jaya Abadi, Tbk', 'kep1182019', 'maju jyaa abadi', 'PT Maju Jaya Abadi Internasional', 'PT Maju Jaya', 'harapan sinar',
  'katulistiwa prima', 'b500 kep 2022', 'KEP 118/2018', 'borneo tenaga kerj', 'sumber rejeki abadi', 'abadi', 'ma', 'x', 'Zebra Quantum Holdings',
];

describe.each(BACKENDS)('registry on %s', (backend) => {
  let registry: RegistryService;

  beforeEach(async () => {
    const [storage] = await openStorages(backend, 1, closers);
    registry = createRegistryService({ storage, now: () => NOW });
    await registry.applyImport(REGISTRY, { replace: false, source: 'test', importedAt: NOW, meta: { registry_updated_at: new Date(NOW).toISOString() } });
  });

  const top = async (q: string, n = 3) => (await registry.search(q, n)).results;

  it('finds exact names however they are written, and exact licence numbers however punctuated', async () => {
    for (const q of ['PT. Maju-Jaya Abadi, Tbk', 'maju jaya abadi', 'P.T. MAJU JAYA ABADI', 'kep1182019', 'KEP-118-2019', 'Kep 118 / 2019']) {
      expect((await top(q))[0], q).toMatchObject({ name: 'PT Maju Jaya Abadi', match: 'exact', score: 1 });
    }
  });

  it('never calls an impostor name one word longer or shorter exact', async () => {
    for (const q of ['PT Maju Jaya Abadi Internasional', 'PT Maju Jaya', 'Maju Jaya Abadi Sejahtera', 'Sinar Harapan', 'PT Karya Bersama Mandiri Indo']) {
      const results = await top(q, 10);
      expect(results.length, q).toBeGreaterThan(0);
      expect(results.every((r) => r.match === 'similar'), q).toBe(true);
      expect(results.every((r) => r.score < 1), q).toBe(true);
    }
    expect((await top('PT Maju Jaya Abadi Internasional'))[0]).toMatchObject({ name: 'PT Maju Jaya Abadi', match: 'similar' });
  });

  it('finds the agency in the top 3 despite typos, missing and swapped words', async () => {
    const cases: Array<[string, string]> = [
      ['maju jyaa abadi', 'PT Maju Jaya Abadi'],
      ['maju jaya abdi', 'PT Maju Jaya Abadi'],
      ['mju jaya', 'PT Maju Jaya Abadi'],
      ['sinar harapn nusantra', 'PT Sinar Harapan Nusantara'],
      ['harapan sinar', 'PT Sinar Harapan Nusantara'],
      ['karya bersma', 'PT Karya Bersama Mandiri'],
      ['khatulistiwa', 'PT Khatulistiwa Prima'],
      ['katulistiwa prima', 'PT Khatulistiwa Prima'],
      ['borneo tenaga kerj', 'PT Borneo Tenaga Kerja'],
      ['sumber rejeki abadi', 'CV Sumber Rezeki Abadi'],
      ['b500 kep 2022', 'PT Borneo Tenaga Kerja'],
      ['KEP 118/2018', 'PT Maju Jaya Abadi'],
    ];
    for (const [q, name] of cases) {
      expect((await top(q)).map((r) => r.name), q).toContain(name);
    }
  });

  it('reports an active licence past its validity as expired', async () => {
    expect((await top('Duta Insani Sejahtera'))[0]).toMatchObject({ status: 'expired', validUntil: '2025-12-31' });
    expect((await top('Karya Bersama Mandiri'))[0]).toMatchObject({ status: 'revoked' });
  });

  it('copes with short queries and FTS syntax in the text', async () => {
    expect((await top('ma')).map((r) => r.name)).toContain('PT Maju Jaya Abadi');
    expect(await top('x')).toEqual([]);
    for (const q of ['"', '" OR *', 'NEAR(a b)', 'maju"jaya', 'AND', '-', '(((', "'; DROP TABLE agencies; --"]) {
      await expect(top(q), q).resolves.toBeInstanceOf(Array);
    }
    expect(await registry.repository.count()).toBe(REGISTRY.length);
  });

  it('respects the limit and orders by score', async () => {
    const results = await top('abadi', 2);
    expect(results.length).toBeLessThanOrEqual(2);
    const scores = (await top('maju jaya', 10)).map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('routes the conversation\'s check: exact active, exact inactive, similar and not found', async () => {
    expect(await registry.check('PT Maju Jaya Abadi')).toEqual({
      outcome: 'exact_active',
      demo: false,
      updatedAt: new Date(NOW).toISOString(),
      items: [{ name: 'PT Maju Jaya Abadi', license: 'KEP 118/2019', status: 'active', validUntil: '2027-01-01', city: 'Kota Pontianak' }],
    });
    expect(await registry.check('kep 300/2021')).toMatchObject({ outcome: 'exact_inactive', items: [{ status: 'revoked' }] });
    expect(await registry.check('Duta Insani Sejahtera')).toMatchObject({ outcome: 'exact_inactive', items: [{ status: 'expired' }] });
    const similar = await registry.check('PT Maju Jaya Abadi Internasional');
    expect(similar.outcome).toBe('similar');
    expect(similar.items[0].name).toBe('PT Maju Jaya Abadi');
    expect(similar.items.length).toBeLessThanOrEqual(3);
    expect(await registry.check('Zebra Quantum Holdings')).toMatchObject({ outcome: 'not_found', items: [] });
    // The synchronous view (for callers not awaiting yet) answers the same from the snapshot.
    expect(registry.memory.check('PT Maju Jaya Abadi Internasional')).toEqual(similar);
  });

  it('loads the demo only into an empty registry, marked demo; a real import clears the mark', async () => {
    expect(await registry.ensureDemo()).toBe(false);
    const [empty] = await openStorages(backend, 1, closers);
    const demo = createRegistryService({ storage: empty, now: () => NOW });
    expect(await demo.ensureDemo()).toBe(true);
    expect(await demo.ensureDemo()).toBe(false);
    const answer = await demo.search('Contoh Sejahtera Abadi', 5);
    expect(answer.demo).toBe(true);
    expect(answer.results[0]).toMatchObject({ name: 'PT Contoh Sejahtera Abadi (FIKTIF)', match: 'exact' });
    expect(answer.results.find((r) => r.name.includes('Internasional'))).toMatchObject({ match: 'similar', status: 'revoked' });
    expect(await demo.repository.count()).toBeGreaterThanOrEqual(25);
    await demo.applyImport([rec('PT Nyata', 'KEP 1/2026')], { replace: true, source: 'real', importedAt: NOW, meta: { demo: null } });
    expect((await demo.search('nyata', 1)).demo).toBe(false);
  });
});

describe('the same import answers the same on SQLite and PostgreSQL', () => {
  it('gives identical answers, through the snapshot and through SQL', async () => {
    const answers: Record<string, unknown[]> = {};
    for (const backend of BACKENDS) {
      const [storage] = await openStorages(backend, 1, closers);
      const memory = createRegistryService({ storage, now: () => NOW });
      const sql = createRegistryService({ storage, now: () => NOW, memoryIndexMaxAgencies: 0 });
      await memory.applyImport(REGISTRY, { replace: true, source: 'test', importedAt: NOW });
      await sql.load();
      expect(memory.index()).toMatchObject({ kind: 'memory', agencies: REGISTRY.length });
      expect(sql.index()).toEqual({ kind: 'sql' });
      answers[backend] = [];
      for (const q of SAME_ANSWER_QUERIES) {
        const fromMemory = (await memory.search(q, 5)).results;
        answers[backend].push(fromMemory);
        // SQL gathers candidates differently (FTS5 or a scan), so only the best answer must agree.
        const fromSql = (await sql.search(q, 5)).results;
        expect(fromSql[0]?.name, `${backend} sql: ${q}`).toBe(fromMemory[0]?.name);
        expect(fromSql[0]?.match, `${backend} sql: ${q}`).toBe(fromMemory[0]?.match);
      }
    }
    expect(answers.postgres).toEqual(answers.sqlite);
    // Every query but the two nonsense ones finds something.
    expect(answers.sqlite.filter((a) => (a as unknown[]).length > 0)).toHaveLength(SAME_ANSWER_QUERIES.length - 2);
  });
});

describe('GET /api/agencies', () => {
  let dir: string;
  let db: Db;
  let app: FastifyInstance;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'waspada-registry-'));
    db = openDb(join(dir, 'test.db'));
    runMigrations(db);
    const seed = createRegistryService({ storage: sqliteStorage(db, { ownsDb: false }), now: () => NOW });
    await seed.applyImport(REGISTRY, { replace: false, source: 'test', importedAt: NOW, meta: { registry_updated_at: new Date(NOW).toISOString() } });
    const config = parseConfig({ DATABASE_PATH: join(dir, 'app.db'), PORT: '0' }, { secret: 'x'.repeat(64) });
    app = await buildApp(config, { logger: false, db, clock: () => NOW });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the contract shape', async () => {
    const res = await app.inject({ url: '/api/agencies?q=maju%20jaya%20abadi%20internasional&limit=2' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      registryUpdatedAt: new Date(NOW).toISOString(),
      demo: false,
      results: [
        {
          name: 'PT Maju Jaya Abadi',
          licenseNumber: 'KEP 118/2019',
          status: 'active',
          validUntil: '2027-01-01',
          city: 'Kota Pontianak',
          province: 'Kalimantan Barat',
          match: 'similar',
          score: expect.any(Number),
        },
      ],
    });
    expect(body.results[0].score).toBeLessThan(1);
  });

  it('defaults the limit and rejects bad queries with the error shape', async () => {
    expect((await app.inject({ url: '/api/agencies?q=kep1182019' })).json().results[0]).toMatchObject({ match: 'exact' });
    for (const url of ['/api/agencies', '/api/agencies?q=', `/api/agencies?q=${'a'.repeat(201)}`, '/api/agencies?q=a&limit=0', '/api/agencies?q=a&limit=51', '/api/agencies?q=a&limit=x']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ error: { code: 'invalid_request', message: expect.any(String) } });
    }
  });
});
