import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AgencyRecord, createRegistryRepository } from '../../../src/registry/registry-repository.js';
import { type Db, openDb } from '../../../src/storage/db.js';
import { runMigrations } from '../../../src/storage/migrate.js';

const TODAY = '2026-01-15';

const rec = (name: string, licenseNumber: string): AgencyRecord => ({
  name,
  licenseNumber,
  status: 'active',
  validUntil: '2027-01-01',
  address: null,
  city: 'Kota Pontianak',
  province: 'Kalimantan Barat',
});

const REGISTRY: AgencyRecord[] = [
  rec('PT Maju Jaya Abadi', 'KEP 118/2019'),
  rec('PT Maju Jaya Abadi Internasional', 'KEP 119/2019'),
  rec('PT Sinar Harapan Nusantara', 'KEP 200/2020'),
  rec('PT Karya Bersama Mandiri', 'KEP 300/2021'),
  rec('PT Borneo Tenaga Kerja', 'B.500/KEP/2022'),
  rec('PT Khatulistiwa Prima', 'KEP 600/2023'),
  rec('CV Sumber Rezeki Abadi', 'KEP 800/2019'),
  rec('PT Sumber Rejeki Jaya', 'KEP 801/2019'),
];

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-registry-index-'));
  db = openDb(join(dir, 'test.db'));
  runMigrations(db);
});

afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const names = (repo: ReturnType<typeof createRegistryRepository>, q: string, limit = 5) =>
  repo.search(q, { limit, today: TODAY }).map((h) => `${h.name} ${h.match} ${h.score}`);

describe('registry search index', () => {
  it('finds the same agencies through the in-memory index as through the FTS5 fallback', () => {
    const memory = createRegistryRepository(db);
    const fts = createRegistryRepository(db, { memoryIndexMaxAgencies: 0 });
    memory.applyImport(REGISTRY, { replace: true, source: 'test', importedAt: 0 });
    expect(memory.warmIndex()).toMatchObject({ kind: 'memory', agencies: REGISTRY.length });
    expect(fts.warmIndex()).toEqual({ kind: 'fts' });
    const cases: Array<[string, RegExp]> = [
      ['maju jyaa abadi', /^PT Maju Jaya Abadi similar/],
      ['sumber rezeki abadi', /^CV Sumber Rezeki Abadi exact 1$/],
      ['sumber rejeki jya', /^PT Sumber Rejeki Jaya similar/],
      ['harapan sinar', /^PT Sinar Harapan Nusantara similar/],
      ['katulistiwa prima', /^PT Khatulistiwa Prima similar/],
      ['b500 kep 2022', /^PT Borneo Tenaga Kerja exact 1$/],
      ['b 501 kep 2022', /^PT Borneo Tenaga Kerja similar/],
      ['KEP 118/2018', /^PT Maju Jaya Abadi similar/],
      ['kep1182019', /^PT Maju Jaya Abadi exact 1$/],
      ['borneo kerj', /^PT Borneo Tenaga Kerja similar/],
      ['ma', /^PT Maju Jaya Abadi/],
    ];
    for (const [q, first] of cases) {
      expect(names(memory, q)[0], `memory: ${q}`).toMatch(first);
      expect(names(fts, q)[0], `fts: ${q}`).toMatch(first);
    }
    for (const q of ['x', '" OR *', 'zebra quantum holdings']) {
      expect(names(memory, q), q).toEqual([]);
      expect(names(fts, q), q).toEqual([]);
    }
  });

  it('sees an import made through another repository on the same connection', () => {
    const searcher = createRegistryRepository(db);
    const importer = createRegistryRepository(db);
    importer.applyImport(REGISTRY.slice(0, 2), { replace: true, source: 'test', importedAt: 0 });
    expect(names(searcher, 'khatulistiwa prma')).toEqual([]);
    importer.applyImport(REGISTRY, { replace: true, source: 'test', importedAt: 1 });
    expect(names(searcher, 'khatulistiwa prma')[0]).toMatch(/^PT Khatulistiwa Prima similar/);
  });

  it('sees an import committed by another connection (the import CLI)', () => {
    const searcher = createRegistryRepository(db);
    searcher.applyImport(REGISTRY.slice(0, 2), { replace: true, source: 'test', importedAt: 0 });
    expect(names(searcher, 'karya bersma')).toEqual([]);
    const other = openDb(join(dir, 'test.db'));
    try {
      createRegistryRepository(other).applyImport(REGISTRY, { replace: true, source: 'cli', importedAt: 1 });
    } finally {
      other.$client.close();
    }
    expect(names(searcher, 'karya bersma')[0]).toMatch(/^PT Karya Bersama Mandiri similar/);
    expect(names(searcher, 'maju jaya abadi')[0]).toMatch(/^PT Maju Jaya Abadi exact 1$/);
  });
});
