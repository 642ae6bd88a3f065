/**
 * Several instances on one database, each with its own in-memory registry snapshot: an import
 * made through another instance (or the import CLI) is answered within the check interval, and
 * imports from two instances at once never mix.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgencyRecord } from '../../../src/registry/registry-repository.js';
import { createRegistryService } from '../../../src/registry/registry-service.js';
import { BACKENDS, openStorages } from '../../helpers/storages.js';

const NOW = Date.UTC(2026, 0, 15, 3, 0, 0);

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

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

describe.each(BACKENDS)('registry snapshots across instances on %s', (backend) => {
  it('answers from an import made through another instance once the check interval has passed', async () => {
    const [a, b] = await openStorages(backend, 2, closers, { sqliteConnections: true });
    let t = 0;
    const searcher = createRegistryService({ storage: a, now: () => NOW, monotonic: () => t, checkEveryMs: 3_000 });
    const importer = createRegistryService({ storage: b, now: () => NOW });
    await searcher.applyImport(REGISTRY.slice(0, 2), { replace: true, source: 'test', importedAt: NOW });
    const first = async (q: string) => (await searcher.search(q, 3)).results[0]?.name ?? null;
    expect(await first('karya bersma')).toBeNull();

    await importer.applyImport(REGISTRY, { replace: true, source: 'cli', importedAt: NOW + 1 });
    // Within the interval the snapshot is not checked: the old answer stands.
    t = 2_999;
    expect(await first('karya bersma')).toBeNull();
    await searcher.settled();
    expect(await first('karya bersma')).toBeNull();
    // The first search after it looks at registry_version and rebuilds in the background…
    t = 3_000;
    expect(await first('karya bersma')).toBeNull();
    await searcher.settled();
    // …and from then on answers from the new registry.
    expect(await first('karya bersma')).toBe('PT Karya Bersama Mandiri');
    expect((await searcher.search('maju jaya abadi', 1)).results[0]).toMatchObject({ name: 'PT Maju Jaya Abadi', match: 'exact' });
    // Nothing changed since: the next check finds the same version and keeps the snapshot.
    t = 6_000;
    await searcher.search('x', 1);
    await searcher.settled();
    expect(searcher.index()).toMatchObject({ kind: 'memory', agencies: REGISTRY.length });
  });

  // Two SQLite connections in ONE process would wait on each other synchronously; on SQLite the
  // other writer is the import CLI's own process, and SQLite's write lock already excludes it.
  it.runIf(backend === 'postgres')('never mixes two imports made at once from two instances', async () => {
    const [a, b] = await openStorages(backend, 2, closers, { sqliteConnections: true });
    const one = createRegistryService({ storage: a, now: () => NOW });
    const two = createRegistryService({ storage: b, now: () => NOW });
    const left = REGISTRY.slice(0, 4);
    const right = REGISTRY.slice(4);
    const counts = await Promise.all([
      one.applyImport(left, { replace: true, source: 'one', importedAt: NOW }),
      two.applyImport(right, { replace: true, source: 'two', importedAt: NOW }),
    ]);
    // One ran after the other: the second replaced the first's agencies.
    expect(counts.map((c) => c.removed).sort()).toEqual([0, 4]);
    await one.load();
    const names = await Promise.all(REGISTRY.map(async (r) => (await one.search(r.name, 1)).results[0]?.match === 'exact'));
    const kept = REGISTRY.filter((_, i) => names[i]).map((r) => r.name);
    expect([left.map((r) => r.name), right.map((r) => r.name)]).toContainEqual(kept);
  });
});
