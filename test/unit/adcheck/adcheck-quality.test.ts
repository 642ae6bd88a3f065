/**
 * The job-ad checker on 48 adverts written for it (test/fixtures/adcheck-adverts.json):
 * scam-typical and procedural, Indonesian and Malay, with typos. Prints flag precision/recall
 * and agency-match accuracy; fails below the thresholds stated in the README.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AD_FLAGS } from '../../../flows/adcheck-flags.js';
import { createAdChecker } from '../../../src/adcheck/analyse.js';
import { normaliseName } from '../../../src/registry/normalise.js';
import { createRegistryService } from '../../../src/registry/registry-service.js';
import { openDb } from '../../../src/storage/db.js';
import { runMigrations } from '../../../src/storage/migrate.js';

type Expected = { quoted: string; match: 'exact' | 'similar' | 'none'; license?: string };
type Advert = { id: string; lang: string; kind: string; text: string; flags: string[]; agencies: Expected[] };

// The demo registry's validity dates are early 2026–2027: read it on 1 March 2026.
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/adcheck-adverts.json', import.meta.url), 'utf8')) as { adverts: Advert[] };
const THRESHOLDS = { flagRecall: 0.9, flagPrecision: 0.85, agencyAccuracy: 0.9 };

const db = openDb(':memory:');
runMigrations(db);
const registry = createRegistryService({ db, now: () => Date.UTC(2026, 2, 1, 3) });
registry.ensureDemo();
const checker = createAdChecker(registry);
afterAll(() => db.$client.close());

describe('job-ad checker quality on the written adverts', () => {
  it('has at least 40 adverts of both kinds, in Indonesian and Malay, naming only known flags', () => {
    const ads = fixture.adverts;
    expect(ads.length).toBeGreaterThanOrEqual(40);
    expect(ads.filter((a) => a.kind === 'scam').length).toBeGreaterThanOrEqual(20);
    expect(ads.filter((a) => a.kind !== 'scam').length).toBeGreaterThanOrEqual(15);
    expect(new Set(ads.map((a) => a.lang))).toEqual(new Set(['id', 'ms']));
    const known = new Set(AD_FLAGS.map((f) => f.id));
    for (const a of ads) for (const f of a.flags) expect(known, `${a.id}: ${f}`).toContain(f);
  });

  it(`flags: recall ≥ ${THRESHOLDS.flagRecall}, precision ≥ ${THRESHOLDS.flagPrecision}; agencies: accuracy ≥ ${THRESHOLDS.agencyAccuracy}`, () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const perFlag = new Map<string, { tp: number; fp: number; fn: number }>();
    const bump = (id: string, k: 'tp' | 'fp' | 'fn') => {
      const e = perFlag.get(id) ?? { tp: 0, fp: 0, fn: 0 };
      e[k]++;
      perFlag.set(id, e);
    };
    let agencyRight = 0;
    let agencyTotal = 0;
    const misses: string[] = [];
    for (const ad of fixture.adverts) {
      const r = checker.analyse(ad.text);
      const got = new Set(r.flags);
      const want = new Set(ad.flags);
      for (const f of got) {
        if (want.has(f)) {
          tp++;
          bump(f, 'tp');
        } else {
          fp++;
          bump(f, 'fp');
          misses.push(`${ad.id} extra ${f}`);
        }
      }
      for (const f of want) {
        if (!got.has(f)) {
          fn++;
          bump(f, 'fn');
          misses.push(`${ad.id} missed ${f}`);
        }
      }
      // Agencies: each expected company answered right; a company read that is not expected counts as wrong.
      const licences = new Set(r.licences);
      const used = new Set<number>();
      for (const e of ad.agencies) {
        agencyTotal++;
        const i = r.agencies.findIndex((a, k) => !used.has(k) && normaliseName(a.quoted) === normaliseName(e.quoted));
        const f = r.agencies[i];
        if (i >= 0) used.add(i);
        const ok = f && f.match === e.match && (e.license === undefined || f.hits[0]?.licenseNumber === e.license);
        if (ok) agencyRight++;
        else misses.push(`${ad.id} agency ${e.quoted}: got ${f ? `${f.match} ${f.hits[0]?.licenseNumber ?? ''}` : 'nothing'}`);
      }
      r.agencies.forEach((a, k) => {
        if (used.has(k) || licences.has(a.quoted)) return;
        agencyTotal++;
        misses.push(`${ad.id} unexpected company "${a.quoted}"`);
      });
    }
    const recall = tp / (tp + fn);
    const precision = tp / (tp + fp);
    const accuracy = agencyRight / agencyTotal;
    const rows = [...perFlag].sort().map(([id, e]) => `  ${id.padEnd(24)} tp ${e.tp}  fp ${e.fp}  fn ${e.fn}`);
    console.log(
      [
        `job-ad checker on ${fixture.adverts.length} adverts:`,
        `  flags: recall ${recall.toFixed(3)} (${tp}/${tp + fn}), precision ${precision.toFixed(3)} (${tp}/${tp + fp})`,
        `  agencies: accuracy ${accuracy.toFixed(3)} (${agencyRight}/${agencyTotal})`,
        ...rows,
        ...(misses.length ? ['  differences:', ...misses.map((m) => `    ${m}`)] : []),
      ].join('\n'),
    );
    expect(recall).toBeGreaterThanOrEqual(THRESHOLDS.flagRecall);
    expect(precision).toBeGreaterThanOrEqual(THRESHOLDS.flagPrecision);
    expect(accuracy).toBeGreaterThanOrEqual(THRESHOLDS.agencyAccuracy);
  });

  it('answers an impostor name one word longer than a licensed one as similar, never exact', () => {
    const r = checker.analyse('Lowongan dari PT Contoh Maju Jaya Abadi ke Malaysia');
    expect(r.agencies).toHaveLength(1);
    expect(r.agencies[0].match).toBe('similar');
    expect(r.agencies[0].hits.map((h) => h.name)).toContain('PT Contoh Maju Jaya (FIKTIF)');
  });

  it('reads licence numbers of any format without judging them, and finds the holder', () => {
    const r = checker.analyse('Resmi! No. Izin: demo-kep-003-2025, SIUP 503/123/DPMPTSP/2019.');
    expect(r.licences).toEqual(['demo-kep-003-2025', '503/123/DPMPTSP/2019']);
    expect(r.agencies).toEqual([expect.objectContaining({ quoted: 'demo-kep-003-2025', match: 'exact' })]);
  });
});
