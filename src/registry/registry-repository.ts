/**
 * The licensed-agency (P3MI) registry in SQLite: idempotent imports keyed by the normalised
 * licence number, whole-registry swaps in one transaction, and a typo-tolerant search
 * (exact licence → exact name → FTS5 trigram candidates re-ranked by word alignment).
 *
 * Only this file touches the `agencies`, `agencies_fts` and `meta` tables.
 */
import { type Db, tx } from '../storage/db.js';
import { normaliseLicense, normaliseName } from './normalise.js';
import { nameSimilarity, stringSimilarity } from './similarity.js';

export const AGENCY_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];

/** One agency as imported: display values; normalised keys are derived here. */
export type AgencyRecord = {
  name: string;
  licenseNumber: string;
  status: AgencyStatus;
  /** ISO date `YYYY-MM-DD`, or null when the source gives none. */
  validUntil: string | null;
  address: string | null;
  city: string | null;
  province: string | null;
};

/** One search answer, as the public route shows it. */
export type AgencyHit = {
  name: string;
  licenseNumber: string;
  /** `active` with a passed `validUntil` is reported as `expired`. */
  status: AgencyStatus;
  validUntil: string | null;
  city: string | null;
  province: string | null;
  /** `exact` only when the normalised name or licence number is equal. */
  match: 'exact' | 'similar';
  /** 0..1; 1 for exact hits, below 1 for every similar one. */
  score: number;
};

export type ImportCounts = { inserted: number; updated: number; unchanged: number; removed: number };

export type SearchOptions = {
  limit: number;
  /** Today as ISO `YYYY-MM-DD`, to report passed validity as expired. */
  today: string;
  /** Similar hits scoring below this are dropped (default 0.45). */
  minScore?: number;
};

type Row = {
  id: number;
  name: string;
  name_norm: string;
  license_number: string;
  license_norm: string;
  status: string;
  valid_until: string | null;
  address: string | null;
  city: string | null;
  province: string | null;
};

/** What re-ranking needs of a candidate. */
type Candidate = Pick<Row, 'id' | 'name_norm' | 'license_norm'>;

/** How many FTS candidates are re-ranked at most. */
export const MAX_CANDIDATES = 200;
/** Trigrams whose postings are read per query, at most and at least (see `pickTrigrams`). */
const MAX_TRIGRAMS = 8;
const MIN_TRIGRAMS = 3;
const PER_WORD = 3;
/** Postings read per query, roughly at most, once `MIN_TRIGRAMS` are chosen. */
const POSTINGS_BUDGET = 4000;
const DEFAULT_MIN_SCORE = 0.45;
/** The best a non-exact hit can score, so it always ranks below an exact one. */
const MAX_SIMILAR_SCORE = 0.99;

const COLUMNS = 'id, name, name_norm, license_number, license_norm, status, valid_until, address, city, province';

/** Distinct trigrams of each word of at least 3 characters. */
function wordTrigrams(words: string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3));
  }
  return [...out];
}

/** A larger zeroed counter array holding index `id`. */
function growCounts(old: Uint8Array<ArrayBuffer>, id: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(Math.max(id + 1, old.length * 2));
  next.set(old);
  return next;
}

/** FTS5 string literal: double quotes doubled, so any text is a plain phrase. */
function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function sameData(row: Row, r: AgencyRecord): boolean {
  return (
    row.name === r.name &&
    row.license_number === r.licenseNumber &&
    row.status === r.status &&
    row.valid_until === r.validUntil &&
    row.address === r.address &&
    row.city === r.city &&
    row.province === r.province
  );
}

/**
 * Repository over an open, migrated database.
 *
 * ```ts
 * const repo = createRegistryRepository(db);
 * repo.applyImport(records, { replace: false, source: 'siskop2mi', importedAt: now() });
 * repo.search('maju jya abadi', { limit: 5, today: '2026-03-01' });
 * ```
 */
export function createRegistryRepository(db: Db) {
  const sql = db.$client;
  const byLicense = sql.prepare<[string], Row>(`SELECT ${COLUMNS} FROM agencies WHERE license_norm = ?`);
  const byName = sql.prepare<[string], Row>(`SELECT ${COLUMNS} FROM agencies WHERE name_norm = ? LIMIT 50`);
  const insert = sql.prepare(
    `INSERT INTO agencies (name, name_norm, license_number, license_norm, status, valid_until, address, city, province, source, imported_at)
     VALUES (@name, @nameNorm, @licenseNumber, @licenseNorm, @status, @validUntil, @address, @city, @province, @source, @importedAt)`,
  );
  const update = sql.prepare(
    `UPDATE agencies SET name = @name, name_norm = @nameNorm, license_number = @licenseNumber, status = @status,
       valid_until = @validUntil, address = @address, city = @city, province = @province, source = @source, imported_at = @importedAt
     WHERE id = @id`,
  );
  const namePrefix = sql.prepare<[string, string, number], Row>(
    `SELECT ${COLUMNS} FROM agencies WHERE name_norm >= ? AND name_norm < ? LIMIT ?`,
  );
  const licensePrefix = sql.prepare<[string, string, number], Row>(
    `SELECT ${COLUMNS} FROM agencies WHERE license_norm >= ? AND license_norm < ? LIMIT ?`,
  );
  const countAll = sql.prepare<[], { n: number }>('SELECT count(*) AS n FROM agencies');
  const getMetaStmt = sql.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMetaStmt = sql.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const deleteMetaStmt = sql.prepare('DELETE FROM meta WHERE key = ?');

  // Document frequency per trigram, to search with the rarest (most telling) trigrams only:
  // ranking every document that shares any trigram with the query (FTS5 `ORDER BY rank` over an
  // OR of all trigrams) costs tens of milliseconds on 100,000 agencies. A TEMP fts5vocab table
  // reads the FTS index itself; it is not part of the schema. The map is reloaded when this
  // connection imports or another connection (the import CLI) commits.
  sql.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.agencies_fts_vocab USING fts5vocab(main, agencies_fts, row)');
  const vocabAll = sql.prepare<[], [string, number]>('SELECT term, doc FROM temp.agencies_fts_vocab').raw();
  const dataVersion = sql.prepare<[], number>('PRAGMA data_version').pluck();
  const postings = sql.prepare<[string], number>('SELECT rowid FROM agencies_fts WHERE agencies_fts MATCH ?').pluck();
  const keysByIds = sql.prepare<[string], Candidate>(
    'SELECT id, name_norm, license_norm FROM agencies WHERE id IN (SELECT value FROM json_each(?))',
  );
  const rowById = sql.prepare<[number], Row>(`SELECT ${COLUMNS} FROM agencies WHERE id = ?`);
  let counts: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  let df: Map<string, number> | null = null;
  let dfVersion = -1;
  function docFrequencies(): Map<string, number> {
    const v = dataVersion.get() ?? 0;
    if (!df || v !== dfVersion) {
      df = new Map(vocabAll.all());
      dfVersion = v;
    }
    return df;
  }

  /**
   * The trigrams worth reading postings for: the rarest first (they single the agency out and
   * their postings are short), at most `PER_WORD` from each word so that a typo in one word
   * leaves the others to find the agency; absent trigrams are skipped (they cannot match).
   * Stops at `MAX_TRIGRAMS`, or once the postings to read would exceed `POSTINGS_BUDGET`
   * (after at least `MIN_TRIGRAMS`).
   */
  function pickTrigrams(words: string[], freq: Map<string, number>): string[] {
    const pool: Array<[string, number]> = [];
    // Each word with up to two characters of its neighbours: the index holds the whole
    // normalised name, so trigrams across a word boundary ("lu b") exist and are often rarer
    // than any inside a short word, which a typo may leave without one intact trigram.
    const full = words.join(' ');
    let at = 0;
    for (const w of words) {
      const span = full.slice(Math.max(0, at - 2), at + w.length + 2);
      at += w.length + 1;
      const ts = wordTrigrams([span])
        .map((t): [string, number] => [t, freq.get(t) ?? 0])
        .filter(([, f]) => f > 0)
        .sort((a, b) => a[1] - b[1]);
      pool.push(...ts.slice(0, PER_WORD));
    }
    pool.sort((a, b) => a[1] - b[1]);
    const picked: string[] = [];
    let budget = 0;
    for (const [t, f] of pool) {
      if (picked.includes(t)) continue;
      if (picked.length >= MAX_TRIGRAMS || (picked.length >= MIN_TRIGRAMS && budget + f > POSTINGS_BUDGET)) break;
      picked.push(t);
      budget += f;
    }
    return picked;
  }

  /** Candidate rows; `prefix` when they came from the short-query prefix look-up. */
  function candidates(qName: string, qLic: string, licLike: boolean): { rows: Candidate[]; prefix: boolean } {
    const freq = docFrequencies();
    const nameTris = pickTrigrams(qName.split(' '), freq);
    const licTris = licLike ? pickTrigrams([qLic.toLowerCase()], freq) : [];
    if (nameTris.length || licTris.length) {
      // Count, per agency, how many of the chosen trigrams it contains (a typed array indexed
      // by rowid, reset after use), then keep the best-counted, bucketed by count.
      const touched: number[] = [];
      let top = 0;
      const count = (column: string, t: string) => {
        for (const id of postings.all(`${column} : ${quote(t)}`)) {
          if (id >= counts.length) counts = growCounts(counts, id);
          const n = ++counts[id];
          if (n === 1) touched.push(id);
          if (n > top) top = n;
        }
      };
      for (const t of nameTris) count('name_norm', t);
      for (const t of licTris) count('license_norm', t);
      const buckets: number[][] = Array.from({ length: top + 1 }, () => []);
      for (const id of touched) {
        buckets[counts[id]].push(id);
        counts[id] = 0;
      }
      const best: number[] = [];
      for (let n = top; n > 0 && best.length < MAX_CANDIDATES; n--) {
        for (const id of buckets[n]) {
          if (best.length >= MAX_CANDIDATES) break;
          best.push(id);
        }
      }
      return { rows: keysByIds.all(JSON.stringify(best)), prefix: false };
    }
    // Too short for trigrams (under 3 characters): prefix look-ups on the plain indexes.
    const out: Candidate[] = [];
    if (qName) out.push(...namePrefix.all(qName, `${qName}\uffff`, MAX_CANDIDATES));
    if (qLic) out.push(...licensePrefix.all(qLic, `${qLic}\uffff`, MAX_CANDIDATES));
    return { rows: out, prefix: true };
  }

  function toHit(row: Row, match: 'exact' | 'similar', score: number, today: string): AgencyHit {
    const stored = row.status as AgencyStatus;
    const status = stored === 'active' && row.valid_until !== null && row.valid_until < today ? 'expired' : stored;
    return {
      name: row.name,
      licenseNumber: row.license_number,
      status,
      validUntil: row.valid_until,
      city: row.city,
      province: row.province,
      match,
      score: Math.round(score * 1000) / 1000,
    };
  }

  /** Insert or update one record against `existing`; returns what happened. */
  function write(existing: Row | undefined, r: AgencyRecord, source: string | null, importedAt: number) {
    const params = {
      ...r,
      nameNorm: normaliseName(r.name),
      licenseNorm: normaliseLicense(r.licenseNumber),
      source,
      importedAt,
    };
    if (!existing) {
      insert.run(params);
      return 'inserted' as const;
    }
    if (sameData(existing, r)) return 'unchanged' as const;
    update.run({ ...params, id: existing.id });
    return 'updated' as const;
  }

  return {
    /**
     * Apply one import in a single transaction: upsert every record keyed by normalised licence
     * (a later duplicate in the same batch wins), or with `replace` swap the whole registry.
     * Counts compare with the registry as it was before; `removed` is only non-zero on replace.
     * `meta` entries are written in the same transaction (null deletes a key).
     */
    applyImport(
      records: AgencyRecord[],
      opts: { replace: boolean; source: string | null; importedAt: number; meta?: Record<string, string | null> },
    ): ImportCounts {
      return tx(db, () => {
        const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
        let before: Map<string, Row> | undefined;
        if (opts.replace) {
          before = new Map(sql.prepare<[], Row>(`SELECT ${COLUMNS} FROM agencies`).all().map((r) => [r.license_norm, r]));
          sql.prepare('DELETE FROM agencies').run();
        }
        const seen = new Set<string>();
        for (const r of records) {
          const key = normaliseLicense(r.licenseNumber);
          const current = byLicense.get(key);
          if (before && !current) {
            // Classify against the previous registry, then insert afresh.
            const old = before.get(key);
            write(undefined, r, opts.source, opts.importedAt);
            counts[!old ? 'inserted' : sameData(old, r) ? 'unchanged' : 'updated']++;
          } else {
            const outcome = write(current, r, opts.source, opts.importedAt);
            // A licence repeated within the batch counts once, as its first occurrence did.
            if (!seen.has(key)) counts[outcome]++;
          }
          seen.add(key);
        }
        if (before) for (const key of before.keys()) if (!seen.has(key)) counts.removed++;
        for (const [k, v] of Object.entries(opts.meta ?? {})) {
          if (v === null) deleteMetaStmt.run(k);
          else setMetaStmt.run(k, v);
        }
        return counts;
      });
    },

    /**
     * Search by licence number or name. Exact hits (equal normalised licence or name) come
     * first with score 1; then similar ones by descending score, never above 0.99.
     */
    search(query: string, opts: SearchOptions): AgencyHit[] {
      const qName = normaliseName(query);
      const qLic = normaliseLicense(query);
      const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
      const exact = new Map<number, Row>();
      if (qLic) for (const r of byLicense.all(qLic)) exact.set(r.id, r);
      if (qName) for (const r of byName.all(qName)) exact.set(r.id, r);
      const hits: AgencyHit[] = [...exact.values()].map((r) => toHit(r, 'exact', 1, opts.today));
      const similar: Array<{ row: Candidate; score: number }> = [];
      const licLike = qLic.length >= 3 && /\d/.test(qLic);
      const found = candidates(qName, qLic, licLike);
      for (const row of found.rows) {
        if (exact.has(row.id)) continue;
        let score = qName ? nameSimilarity(qName, row.name_norm) : 0;
        if (licLike) score = Math.max(score, stringSimilarity(qLic, row.license_norm));
        // A one- or two-letter query that starts a name is as good an answer as it can get.
        if (found.prefix) score = Math.max(score, minScore);
        score = Math.min(score, MAX_SIMILAR_SCORE);
        if (score >= minScore) similar.push({ row, score });
      }
      similar.sort((a, b) => b.score - a.score || (a.row.name_norm < b.row.name_norm ? -1 : 1));
      const seen = new Set(exact.keys());
      for (const { row, score } of similar) {
        if (hits.length >= opts.limit) break;
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        const full = rowById.get(row.id);
        if (full) hits.push(toHit(full, 'similar', score, opts.today));
      }
      return hits.slice(0, opts.limit);
    },

    /** Number of agencies in the registry. */
    count(): number {
      return countAll.get()?.n ?? 0;
    },

    getMeta(key: string): string | null {
      return getMetaStmt.get(key)?.value ?? null;
    },

    setMeta(key: string, value: string | null): void {
      if (value === null) deleteMetaStmt.run(key);
      else setMetaStmt.run(key, value);
    },
  };
}

export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
