import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import type { RegistryPort } from '../../../src/conversations/runtime.js';
import type { AgencyRecord } from '../../../src/registry/registry-repository.js';
import { createRegistryService, type RegistryService } from '../../../src/registry/registry-service.js';
import { type Db, openDb } from '../../../src/storage/db.js';
import { runMigrations } from '../../../src/storage/migrate.js';

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

let dir: string;
let db: Db;
let registry: RegistryService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-registry-'));
  db = openDb(join(dir, 'test.db'));
  runMigrations(db);
  registry = createRegistryService({ db, now: () => NOW });
  registry.repository.applyImport(REGISTRY, { replace: false, source: 'test', importedAt: NOW, meta: { registry_updated_at: new Date(NOW).toISOString() } });
});

afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const top = (q: string, n = 3) => registry.search(q, n).results;

describe('registry search', () => {
  it('finds exact names however they are written, and exact licence numbers however punctuated', () => {
    for (const q of ['PT. Maju-Jaya Abadi, Tbk', 'maju jaya abadi', 'P.T. MAJU JAYA ABADI', 'kep1182019', 'KEP-118-2019', 'Kep 118 / 2019']) {
      expect(top(q)[0], q).toMatchObject({ name: 'PT Maju Jaya Abadi', match: 'exact', score: 1 });
    }
  });

  it('never calls an impostor name one word longer or shorter exact', () => {
    for (const q of ['PT Maju Jaya Abadi Internasional', 'PT Maju Jaya', 'Maju Jaya Abadi Sejahtera', 'Sinar Harapan', 'PT Karya Bersama Mandiri Indo']) {
      const results = top(q, 10);
      expect(results.length, q).toBeGreaterThan(0);
      expect(results.every((r) => r.match === 'similar'), q).toBe(true);
      expect(results.every((r) => r.score < 1), q).toBe(true);
    }
    expect(top('PT Maju Jaya Abadi Internasional')[0]).toMatchObject({ name: 'PT Maju Jaya Abadi', match: 'similar' });
  });

  it('finds the agency in the top 3 despite typos, missing and swapped words', () => {
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
      expect(top(q).map((r) => r.name), q).toContain(name);
    }
  });

  it('reports an active licence past its validity as expired', () => {
    expect(top('Duta Insani Sejahtera')[0]).toMatchObject({ status: 'expired', validUntil: '2025-12-31' });
    expect(top('Karya Bersama Mandiri')[0]).toMatchObject({ status: 'revoked' });
  });

  it('copes with short queries and FTS syntax in the text', () => {
    expect(top('ma').map((r) => r.name)).toContain('PT Maju Jaya Abadi');
    expect(top('x')).toEqual([]);
    for (const q of ['"', '" OR *', 'NEAR(a b)', 'maju"jaya', 'AND', '-', '(((', "'; DROP TABLE agencies; --"]) {
      expect(() => top(q), q).not.toThrow();
    }
    expect(registry.repository.count()).toBe(REGISTRY.length);
  });

  it('respects the limit and orders by score', () => {
    const results = top('abadi', 2);
    expect(results.length).toBeLessThanOrEqual(2);
    const scores = top('maju jaya', 10).map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

describe('registry check (conversation)', () => {
  it('fits the conversation runtime\'s registry port', async () => {
    const port: RegistryPort = registry;
    expect((await port.check('maju jaya abadi')).outcome).toBe('exact_active');
  });

  it('routes exact active, exact inactive, similar and not found', () => {
    expect(registry.check('PT Maju Jaya Abadi')).toEqual({
      outcome: 'exact_active',
      demo: false,
      updatedAt: new Date(NOW).toISOString(),
      items: [{ name: 'PT Maju Jaya Abadi', license: 'KEP 118/2019', status: 'active', validUntil: '2027-01-01', city: 'Kota Pontianak' }],
    });
    expect(registry.check('kep 300/2021')).toMatchObject({ outcome: 'exact_inactive', items: [{ status: 'revoked' }] });
    expect(registry.check('Duta Insani Sejahtera')).toMatchObject({ outcome: 'exact_inactive', items: [{ status: 'expired' }] });
    const similar = registry.check('PT Maju Jaya Abadi Internasional');
    expect(similar.outcome).toBe('similar');
    expect(similar.items[0].name).toBe('PT Maju Jaya Abadi');
    expect(similar.items.length).toBeLessThanOrEqual(3);
    expect(registry.check('Zebra Quantum Holdings')).toMatchObject({ outcome: 'not_found', items: [] });
  });
});

describe('demo registry', () => {
  it('loads only into an empty registry, is marked demo, and a real import clears the mark', () => {
    expect(registry.ensureDemo()).toBe(false);

    const empty = openDb(join(dir, 'empty.db'));
    runMigrations(empty);
    const demo = createRegistryService({ db: empty, now: () => NOW });
    expect(demo.ensureDemo()).toBe(true);
    expect(demo.ensureDemo()).toBe(false);
    const answer = demo.search('Contoh Sejahtera Abadi', 5);
    expect(answer.demo).toBe(true);
    expect(answer.results[0]).toMatchObject({ name: 'PT Contoh Sejahtera Abadi (FIKTIF)', match: 'exact' });
    expect(answer.results.find((r) => r.name.includes('Internasional'))).toMatchObject({ match: 'similar', status: 'revoked' });
    expect(demo.repository.count()).toBeGreaterThanOrEqual(25);
    demo.repository.applyImport([rec('PT Nyata', 'KEP 1/2026')], { replace: true, source: 'real', importedAt: NOW, meta: { demo: null } });
    expect(demo.search('nyata', 1).demo).toBe(false);
    empty.$client.close();
  });
});

describe('GET /api/agencies', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    const config = parseConfig({ DATABASE_PATH: join(dir, 'app.db'), PORT: '0' }, { secret: 'x'.repeat(64) });
    app = await buildApp(config, { logger: false, db, clock: () => NOW });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
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
