/**
 * The licensed-agency (P3MI) registry on the storage port (SQLite or PostgreSQL): idempotent
 * imports keyed by the normalised licence number, whole-registry swaps, each in one transaction
 * that also bumps `registry_version` (so every instance's in-memory snapshot notices it), the
 * rows a snapshot is built from, and a search straight from SQL for registries too large to hold
 * in memory (SQLite: the FTS5 trigram table; PostgreSQL: plain SQL, no extension needed).
 *
 * Only this file touches the `agencies`, `agencies_fts` and `meta` tables.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Q, Storage } from '../storage/storage.js';
import { normaliseLicense, normaliseName } from './normalise.js';
import {
  type AgencyHit,
  type AgencyRecord,
  type Candidate,
  createCounter,
  licenceLike,
  MAX_CANDIDATES,
  MAX_EXACT_NAMES,
  pickTrigrams,
  rankSimilar,
  SQL_GATHERING,
  type SearchOptions,
  toHit,
  queryTrigrams,
  wordTrigrams,
} from './registry-search.js';
import type { RegistryMeta, StoredAgency } from './registry-snapshot.js';

export { AGENCY_STATUSES, type AgencyHit, type AgencyRecord, type AgencyStatus, MAX_CANDIDATES, type SearchOptions } from './registry-search.js';

export type ImportOptions = {
  replace: boolean;
  source: string | null;
  importedAt: number;
  /** Meta entries written in the import's transaction (null deletes a key). */
  meta?: Record<string, string | null>;
};

export type ImportCounts = { inserted: number; updated: number; unchanged: number; removed: number };

/** Meta keys the registry keeps. `version` changes with every import, on any instance. */
export const META = { updatedAt: 'registry_updated_at', source: 'registry_source', demo: 'demo', version: 'registry_version' } as const;

/**
 * Above this many agencies (by default; `memoryIndexMaxAgencies` overrides it) no in-memory
 * snapshot is built and searches read SQL: slower, but bounded memory. 100,000 agencies retain
 * about 30 MB (`npm run bench:registry` measures it).
 */
export const MEMORY_INDEX_MAX_AGENCIES = 1_000_000;

/** Rows inserted per statement (11 parameters each: far below either dialect's limit). */
const INSERT_BATCH = 500;

type Row = typeof import('../storage/schema.js').agencies.$inferSelect;

function sameData(row: Row, r: AgencyRecord): boolean {
  return (
    row.name === r.name &&
    row.licenseNumber === r.licenseNumber &&
    row.status === r.status &&
    row.validUntil === r.validUntil &&
    row.address === r.address &&
    row.city === r.city &&
    row.province === r.province
  );
}

const display = (r: Row) => ({ name: r.name, licenseNumber: r.licenseNumber, status: r.status, validUntil: r.validUntil, city: r.city, province: r.province });

/**
 * Repository over a migrated storage.
 *
 * ```ts
 * const repo = createRegistryRepository(storage);
 * await repo.applyImport(records, { replace: false, source: 'siskop2mi', importedAt: now() });
 * const { agencies, meta } = await repo.loadAll();
 * ```
 */
export function createRegistryRepository(s: Storage) {
  const { agencies, meta } = s.t;

  /**
   * Reads for the SQL search. On SQLite straight on the one connection rather than through the
   * storage's queue: a search may run inside a caller's open transaction (a conversation turn),
   * and waiting for the queue there would wait for itself.
   */
  const read = <T>(fn: (q: Q) => Promise<T>): Promise<T> => (s.sqlite ? fn(s.sqlite) : s.run(fn));

  async function setMetaIn(q: Q, key: string, value: string | null): Promise<void> {
    if (value === null) await q.delete(meta).where(eq(meta.key, key));
    else await q.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } });
  }

  async function getMetaIn(q: Q, key: string): Promise<string | null> {
    const [row] = await q.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).limit(1);
    return row?.value ?? null;
  }

  // SQLite's FTS5 document frequencies (a TEMP fts5vocab table over the index), per registry version.
  let df: { version: string | null; map: Map<string, number> } | null = null;

  async function ftsCandidates(q: Q, qName: string, qLic: string, version: string | null): Promise<Candidate[] | null> {
    if (!df || df.version !== version) {
      await s.exec(q, sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.agencies_fts_vocab USING fts5vocab(main, agencies_fts, row)`);
      const terms = await s.rows<{ term: string; doc: number }>(q, sql`SELECT term, doc FROM temp.agencies_fts_vocab`);
      df = { version, map: new Map(terms.map((t) => [t.term, t.doc])) };
    }
    const freq = df.map;
    const nameTris = pickTrigrams(qName.split(' '), (t) => freq.get(t) ?? 0, SQL_GATHERING);
    const licTris = licenceLike(qLic) ? pickTrigrams([qLic.toLowerCase()], (t) => freq.get(t) ?? 0, SQL_GATHERING) : [];
    if (!nameTris.length && !licTris.length) return null;
    const counter = createCounter();
    const match = async (column: string, t: string) => {
      const phrase = `${column} : "${t.replace(/"/g, '""')}"`;
      const ids = await s.rows<{ id: number }>(q, sql`SELECT rowid AS id FROM agencies_fts WHERE agencies_fts MATCH ${phrase}`);
      counter.count(ids.map((r) => r.id));
    };
    for (const t of nameTris) await match('name_norm', t);
    for (const t of licTris) await match('license_norm', t);
    const ids = counter.best(SQL_GATHERING.candidates);
    if (!ids.length) return [];
    const rows = await q.select({ id: agencies.id, name_norm: agencies.nameNorm, license_norm: agencies.licenseNorm }).from(agencies).where(inArray(agencies.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * PostgreSQL without extensions: one scan counting, per agency, how many of the query's
   * trigrams its name (or lower-cased licence) contains; the best-counted are re-ranked.
   */
  async function pgCandidates(q: Q, qName: string, qLic: string): Promise<Candidate[] | null> {
    const nameTris = queryTrigrams(qName.split(' ')).slice(0, 24);
    const licTris = licenceLike(qLic) ? wordTrigrams([qLic.toLowerCase()]).slice(0, 16) : [];
    if (!nameTris.length && !licTris.length) return null;
    const terms = [
      ...nameTris.map((t) => sql`(strpos(name_norm, ${t}) > 0)::int`),
      ...licTris.map((t) => sql`(strpos(lower(license_norm), ${t}) > 0)::int`),
    ];
    return s.rows<Candidate>(
      q,
      sql`SELECT id, name_norm, license_norm FROM (SELECT id, name_norm, license_norm, ${sql.join(terms, sql` + `)} AS n FROM agencies) c
          WHERE n > 0 ORDER BY n DESC, id LIMIT ${SQL_GATHERING.candidates}`,
    );
  }

  async function prefixCandidates(q: Q, qName: string, qLic: string): Promise<Candidate[]> {
    const cols = { id: agencies.id, name_norm: agencies.nameNorm, license_norm: agencies.licenseNorm };
    const out: Candidate[] = [];
    const starts = (col: typeof agencies.nameNorm | typeof agencies.licenseNorm, p: string) =>
      s.dialect === 'postgres' ? sql`starts_with(${col}, ${p})` : sql`${col} >= ${p} AND ${col} < ${`${p}\uffff`}`;
    if (qName) out.push(...(await q.select(cols).from(agencies).where(starts(agencies.nameNorm, qName)).orderBy(asc(agencies.nameNorm), asc(agencies.id)).limit(MAX_CANDIDATES)));
    if (qLic) out.push(...(await q.select(cols).from(agencies).where(starts(agencies.licenseNorm, qLic)).orderBy(asc(agencies.licenseNorm), asc(agencies.id)).limit(MAX_CANDIDATES)));
    return out;
  }

  async function apply(records: AgencyRecord[], opts: ImportOptions, onlyIfEmpty: boolean): Promise<ImportCounts | null> {
    // The last record of each licence is what the registry keeps.
    const final = new Map<string, AgencyRecord>();
    for (const r of records) final.set(normaliseLicense(r.licenseNumber), r);
    return s.tx(async (q) => {
      // Two instances importing at once take turns (PostgreSQL); SQLite's transaction already excludes.
      await s.lock(q, 'registry:import');
      const before = new Map((await q.select().from(agencies).orderBy(asc(agencies.id))).map((r) => [r.licenseNorm, r]));
      // The demo set only ever fills an empty registry, even if another instance imported meanwhile.
      if (onlyIfEmpty && before.size) return null;
      const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
      const fresh: Array<typeof agencies.$inferInsert> = [];
      const toRow = (key: string, r: AgencyRecord) => ({
        ...r,
        nameNorm: normaliseName(r.name),
        licenseNorm: key,
        source: opts.source,
        importedAt: opts.importedAt,
      });
      const counted = new Set<string>();
      for (const r of records) {
        const key = normaliseLicense(r.licenseNumber);
        if (counted.has(key)) continue;
        counted.add(key);
        const old = before.get(key);
        counts[!old ? 'inserted' : sameData(old, r) ? 'unchanged' : 'updated']++;
      }
      if (opts.replace) {
        for (const key of before.keys()) if (!final.has(key)) counts.removed++;
        await q.delete(agencies);
        for (const [key, r] of final) fresh.push(toRow(key, r));
      } else {
        for (const [key, r] of final) {
          const old = before.get(key);
          if (!old) fresh.push(toRow(key, r));
          else if (!sameData(old, r)) {
            const { licenseNorm: _k, ...set } = toRow(key, r);
            await q.update(agencies).set(set).where(eq(agencies.id, old.id));
          }
        }
      }
      for (let i = 0; i < fresh.length; i += INSERT_BATCH) await q.insert(agencies).values(fresh.slice(i, i + INSERT_BATCH));
      for (const [k, v] of Object.entries(opts.meta ?? {})) await setMetaIn(q, k, v);
      // Last, so a reader that sees the new version also sees every row of it.
      await setMetaIn(q, META.version, randomUUID());
      return counts;
    });
  }

  return {
    /**
     * Apply one import in a single transaction: upsert every record keyed by normalised licence
     * (a later duplicate in the same batch wins), or with `replace` swap the whole registry.
     * Counts compare with the registry as it was before (a licence repeated in the batch counts
     * once); `removed` is only non-zero on replace. `meta` entries are written in the same
     * transaction (null deletes a key), and `registry_version` changes.
     */
    async applyImport(records: AgencyRecord[], opts: ImportOptions): Promise<ImportCounts> {
      return (await apply(records, opts, false)) as ImportCounts;
    },

    /** `applyImport` with `replace`, only into an empty registry (the demo set); false when not empty. */
    async importIfEmpty(records: AgencyRecord[], opts: Omit<ImportOptions, 'replace'>): Promise<boolean> {
      return (await apply(records, { ...opts, replace: true }, true)) !== null;
    },

    /**
     * Every agency in id order and the registry's meta, to build a snapshot from; null when
     * there are more than `max` agencies. The version is read first: an import committing in
     * between makes the rows newer than it, and the next version check loads them again.
     */
    async loadAll(max: number = MEMORY_INDEX_MAX_AGENCIES): Promise<{ agencies: StoredAgency[]; meta: RegistryMeta } | null> {
      return s.run(async (q) => {
        const version = await getMetaIn(q, META.version);
        const [{ n }] = await q.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(agencies);
        if (n > max) return null;
        const rows = await q
          .select({
            id: agencies.id,
            name: agencies.name,
            nameNorm: agencies.nameNorm,
            licenseNumber: agencies.licenseNumber,
            licenseNorm: agencies.licenseNorm,
            status: agencies.status,
            validUntil: agencies.validUntil,
            city: agencies.city,
            province: agencies.province,
          })
          .from(agencies)
          .orderBy(asc(agencies.id));
        const kv = new Map((await q.select().from(meta).where(inArray(meta.key, [META.updatedAt, META.demo]))).map((r) => [r.key, r.value]));
        return { agencies: rows, meta: { version, updatedAt: kv.get(META.updatedAt) ?? null, demo: kv.get(META.demo) === 'true' } };
      });
    },

    /** The meta a search answer carries, read where `search` reads (see `read`). */
    async describe(): Promise<RegistryMeta> {
      return read(async (q) => {
        const kv = new Map((await q.select().from(meta).where(inArray(meta.key, [META.version, META.updatedAt, META.demo]))).map((r) => [r.key, r.value]));
        return { version: kv.get(META.version) ?? null, updatedAt: kv.get(META.updatedAt) ?? null, demo: kv.get(META.demo) === 'true' };
      });
    },

    /** The current `registry_version` (changes with every import on any instance). */
    async version(): Promise<string | null> {
      return s.run((q) => getMetaIn(q, META.version));
    },

    /**
     * Search straight from SQL (registries above the in-memory limit): the same ranking as the
     * snapshot's, over candidates gathered by the dialect's own means.
     */
    async search(query: string, opts: SearchOptions): Promise<AgencyHit[]> {
      const qName = normaliseName(query);
      const qLic = normaliseLicense(query);
      return read(async (q) => {
        const exact = new Map<number, Row>();
        if (qLic) for (const r of await q.select().from(agencies).where(eq(agencies.licenseNorm, qLic))) exact.set(r.id, r);
        if (qName) {
          const named = await q.select().from(agencies).where(eq(agencies.nameNorm, qName)).orderBy(asc(agencies.id)).limit(MAX_EXACT_NAMES);
          for (const r of named) if (!exact.has(r.id)) exact.set(r.id, r);
        }
        const hits = [...exact.values()].map((r) => toHit(display(r), 'exact', 1, opts.today));
        const gathered = s.dialect === 'postgres' ? await pgCandidates(q, qName, qLic) : await ftsCandidates(q, qName, qLic, await getMetaIn(q, META.version));
        const found = gathered ? { rows: gathered, prefix: false } : { rows: await prefixCandidates(q, qName, qLic), prefix: true };
        const ranked = rankSimilar({ name: qName, lic: qLic }, found, new Set(exact.keys()), opts).slice(0, Math.max(0, opts.limit - hits.length));
        if (ranked.length) {
          const full = new Map((await q.select().from(agencies).where(inArray(agencies.id, ranked.map((r) => r.row.id)))).map((r) => [r.id, r]));
          for (const { row, score } of ranked) {
            const r = full.get(row.id);
            if (r) hits.push(toHit(display(r), 'similar', score, opts.today));
          }
        }
        return hits.slice(0, opts.limit);
      });
    },

    /** Number of agencies in the registry. */
    async count(): Promise<number> {
      return s.run(async (q) => (await q.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(agencies))[0].n);
    },

    async getMeta(key: string): Promise<string | null> {
      return s.run((q) => getMetaIn(q, key));
    },

    async setMeta(key: string, value: string | null): Promise<void> {
      await s.run((q) => setMetaIn(q, key, value));
    },
  };
}

export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
