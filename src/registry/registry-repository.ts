/**
 * The licensed-agency (P3MI) registry in SQLite: idempotent imports keyed by the normalised
 * licence number, whole-registry swaps in one transaction, and a typo-tolerant search
 * (exact licence → exact name → FTS5 trigram candidates re-ranked by word alignment).
 *
 * Only this file touches the `agencies`, `agencies_fts` and `meta` tables.
 */
import { type Db, tx } from '../storage/db.js';
import { normaliseLicense, normaliseName } from './normalise.js';
import { createNameScorer, stringSimilarityAtLeast } from './similarity.js';
import { buildTrigramIndex, frequencyOf, indexBytes, postingsOf, type TrigramIndex } from './trigram-index.js';

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

/**
 * How candidates are gathered (see `pickTrigrams`): at most `maxTrigrams` trigrams, at least
 * `minTrigrams`, up to `perWord` from each word, stopping once about `budget` postings would be
 * read; the `candidates` agencies sharing most of them are re-ranked.
 */
type Gathering = { maxTrigrams: number; minTrigrams: number; perWord: number; budget: number; candidates: number };

/**
 * From the in-memory index postings cost next to nothing, so many more are counted than FTS5
 * could afford; the better-counted candidates are then good enough to re-rank only 60 of them
 * (the re-ranking is most of a search's time). On the 100,000-agency bench this raised
 * recall@3 from 96.8% to 98.1% while cutting CPU per query about fourfold.
 */
const MEMORY_GATHERING: Gathering = { maxTrigrams: 16, minTrigrams: 3, perWord: 4, budget: 20_000, candidates: 60 };
/** Reading postings through SQL is the cost here: fewer trigrams, more candidates. */
const FTS_GATHERING: Gathering = { maxTrigrams: 8, minTrigrams: 3, perWord: 3, budget: 4000, candidates: 200 };
/** Candidates for queries too short for trigrams (prefix look-ups). */
export const MAX_CANDIDATES = 200;
const DEFAULT_MIN_SCORE = 0.45;
/** The best a non-exact hit can score, so it always ranks below an exact one. */
const MAX_SIMILAR_SCORE = 0.99;

/**
 * Above this many agencies (by default; `memoryIndexMaxAgencies` overrides it) the in-memory
 * trigram index is not built and candidates come from FTS5: slower, but bounded memory.
 * 100,000 agencies retain about 30 MB (`npm run bench:registry` measures it).
 */
export const MEMORY_INDEX_MAX_AGENCIES = 1_000_000;

/**
 * Imports per connection, so every repository over one connection rebuilds its in-memory index
 * after any of them imports (`PRAGMA data_version` only reports other connections' commits).
 */
const importGenerations = new WeakMap<object, number>();

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
export function createRegistryRepository(db: Db, opts: { memoryIndexMaxAgencies?: number } = {}) {
  const memoryIndexMax = opts.memoryIndexMaxAgencies ?? MEMORY_INDEX_MAX_AGENCIES;
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
  // Keys counted in the current query (in-memory path), reused across queries.
  let touchedKeys: Int32Array<ArrayBuffer> = new Int32Array(0);
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
   * their postings are short), at most `g.perWord` from each word so that a typo in one word
   * leaves the others to find the agency; absent trigrams are skipped (they cannot match).
   * Stops at `g.maxTrigrams`, or once the postings to read would exceed `g.budget` (after at
   * least `g.minTrigrams`).
   */
  function pickTrigrams(words: string[], freq: (t: string) => number, g: Gathering): string[] {
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
        .map((t): [string, number] => [t, freq(t)])
        .filter(([, f]) => f > 0)
        .sort((a, b) => a[1] - b[1]);
      pool.push(...ts.slice(0, g.perWord));
    }
    pool.sort((a, b) => a[1] - b[1]);
    const picked: string[] = [];
    let budget = 0;
    for (const [t, f] of pool) {
      if (picked.includes(t)) continue;
      if (picked.length >= g.maxTrigrams || (picked.length >= g.minTrigrams && budget + f > g.budget)) break;
      picked.push(t);
      budget += f;
    }
    return picked;
  }

  // The in-memory index (see trigram-index.ts), built on the first search and rebuilt when
  // another connection commits (data_version) or any repository on this connection imports.
  const allKeys = sql.prepare<[], [number, string, string]>('SELECT id, name_norm, license_norm FROM agencies').raw();
  let memory: TrigramIndex | null = null;
  let memoryVersion = -1;
  let memoryGeneration = -1;
  function memoryIndex(): TrigramIndex | null {
    const v = dataVersion.get() ?? 0;
    const g = importGenerations.get(sql) ?? 0;
    if (v !== memoryVersion || g !== memoryGeneration) {
      memoryVersion = v;
      memoryGeneration = g;
      memory = null;
      if ((countAll.get()?.n ?? 0) <= memoryIndexMax) memory = buildTrigramIndex(allKeys.all());
    }
    return memory;
  }

  /**
   * The first `touchedCount` entries of `touched` (every key counted at least once, in order of
   * first count), reduced to the `max` counted most often, most counted first; ties
   * at the cut keep the earliest counted. Resets `counts` for the next query. Works on a count
   * histogram rather than per-count lists: this runs over thousands of keys per query.
   */
  function bestCounted(touched: ArrayLike<number>, touchedCount: number, top: number, max: number): number[] {
    const hist = new Int32Array(top + 1);
    for (let k = 0; k < touchedCount; k++) hist[counts[touched[k]]]++;
    // The lowest count that still makes the cut, and how many keys at exactly that count fit.
    let cut = top;
    let room = max;
    while (cut > 1 && hist[cut] < room) room -= hist[cut--];
    const best: Array<{ id: number; n: number }> = [];
    for (let k = 0; k < touchedCount; k++) {
      const id = touched[k];
      const n = counts[id];
      counts[id] = 0;
      if (n > cut || (n === cut && room-- > 0)) best.push({ id, n });
    }
    // Most counted first (stable), so the re-ranking meets the likeliest answers early.
    return best.sort((x, y) => y.n - x.n).map((b) => b.id);
  }

  /** Candidates from the in-memory postings: no SQL per query. */
  function memoryCandidates(ix: TrigramIndex, qName: string, qLic: string, licLike: boolean): Candidate[] | null {
    const nameTris = pickTrigrams(qName.split(' '), (t) => frequencyOf(ix.name, t), MEMORY_GATHERING);
    const licTris = licLike ? pickTrigrams([qLic.toLowerCase()], (t) => frequencyOf(ix.license, t), MEMORY_GATHERING) : [];
    if (!nameTris.length && !licTris.length) return null;
    if (counts.length < ix.size) counts = new Uint8Array(ix.size);
    // Count, per agency, how many of the chosen trigrams it contains (counters indexed by the
    // dense index, reset in `bestCounted`).
    if (touchedKeys.length < ix.size) touchedKeys = new Int32Array(ix.size);
    const touched = touchedKeys;
    let touchedCount = 0;
    let top = 0;
    const count = (docs: Int32Array) => {
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k];
        const n = ++counts[d];
        if (n === 1) touched[touchedCount++] = d;
        if (n > top) top = n;
      }
    };
    for (const t of nameTris) count(postingsOf(ix.name, t));
    for (const t of licTris) count(postingsOf(ix.license, t));
    return bestCounted(touched, touchedCount, top, MEMORY_GATHERING.candidates).map((d) => ({ id: ix.ids[d], name_norm: ix.names[d], license_norm: ix.licenses[d] }));
  }

  /** Candidates from FTS5 postings, for registries too large to hold in memory. */
  function ftsCandidates(qName: string, qLic: string, licLike: boolean): Candidate[] | null {
    const freq = docFrequencies();
    const nameTris = pickTrigrams(qName.split(' '), (t) => freq.get(t) ?? 0, FTS_GATHERING);
    const licTris = licLike ? pickTrigrams([qLic.toLowerCase()], (t) => freq.get(t) ?? 0, FTS_GATHERING) : [];
    if (!nameTris.length && !licTris.length) return null;
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
    return keysByIds.all(JSON.stringify(bestCounted(touched, touched.length, top, FTS_GATHERING.candidates)));
  }

  /** Candidate rows; `prefix` when they came from the short-query prefix look-up. */
  function candidates(qName: string, qLic: string, licLike: boolean): { rows: Candidate[]; prefix: boolean } {
    const ix = memoryIndex();
    const rows = ix ? memoryCandidates(ix, qName, qLic, licLike) : ftsCandidates(qName, qLic, licLike);
    if (rows) return { rows, prefix: false };
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
      // Whatever the outcome, this connection's in-memory indexes are rebuilt on their next search.
      importGenerations.set(sql, (importGenerations.get(sql) ?? 0) + 1);
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
      const nameScore = qName ? createNameScorer(qName) : null;
      // The `limit` best similar scores so far, descending. A candidate scoring below the last
      // of them (or below `minScore`) cannot be shown, so its scores need only be exact from
      // there up (see `createNameScorer`, `stringSimilarityAtLeast`): most alignments stop early.
      const best: number[] = [];
      const scored = new Set<number>();
      for (const row of found.rows) {
        if (exact.has(row.id) || scored.has(row.id)) continue;
        scored.add(row.id);
        const shown = found.prefix ? 0 : Math.max(minScore, opts.limit > 0 && best.length >= opts.limit ? best[opts.limit - 1] : 0);
        const licScore = licLike ? stringSimilarityAtLeast(qLic, row.license_norm, shown) : 0;
        const floor = Math.max(shown, licScore);
        let score = nameScore ? nameScore(row.name_norm, floor) : 0;
        score = Math.max(score, licScore);
        // A one- or two-letter query that starts a name is as good an answer as it can get.
        if (found.prefix) score = Math.max(score, minScore);
        score = Math.min(score, MAX_SIMILAR_SCORE);
        if (score >= minScore) {
          similar.push({ row, score });
          if (best.length < opts.limit || score > best[best.length - 1]) {
            let k = best.length;
            while (k > 0 && best[k - 1] < score) k--;
            best.splice(k, 0, score);
            if (best.length > opts.limit) best.pop();
          }
        }
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

    /**
     * Build the in-memory index now rather than on the first search (start-up, benchmarks), and
     * say what the search uses: `memory` with its approximate size, or `fts` for a registry
     * above `MEMORY_INDEX_MAX_AGENCIES`.
     */
    warmIndex(): { kind: 'memory'; agencies: number; bytes: number } | { kind: 'fts' } {
      const ix = memoryIndex();
      return ix ? { kind: 'memory', agencies: ix.size, bytes: indexBytes(ix) } : { kind: 'fts' };
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
