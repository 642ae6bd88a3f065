/**
 * The registry held in memory, one immutable snapshot per registry version: the trigram index
 * (trigram-index.ts), what each agency shows, and the two sorted orders exact and prefix look-ups
 * need. A search over it reads no database at all — so it is as fast on PostgreSQL as on SQLite,
 * gives the same answers on both (built from the same rows in id order), and is safe to call
 * inside any caller's transaction (a conversation turn).
 *
 * Display values are packed into one string per agency (fields split only for the few hits a
 * search shows): 100,000 agencies cost a few MB beyond the index.
 */
import { normaliseLicense, normaliseName } from './normalise.js';
import {
  type AgencyHit,
  type Candidate,
  type Counter,
  createCounter,
  type Display,
  licenceLike,
  MAX_CANDIDATES,
  MAX_EXACT_NAMES,
  MEMORY_GATHERING,
  pickTrigrams,
  rankSimilar,
  type SearchOptions,
  toHit,
} from './registry-search.js';
import { buildTrigramIndex, frequencyOf, indexBytes, postingsOf, type TrigramIndex } from './trigram-index.js';

/** One stored agency as the snapshot is built from it (columns of `agencies`, in id order). */
export type StoredAgency = {
  id: number;
  name: string;
  nameNorm: string;
  licenseNumber: string;
  licenseNorm: string;
  status: string;
  validUntil: string | null;
  city: string | null;
  province: string | null;
};

/** What the registry says about itself (`meta`), read with the rows. */
export type RegistryMeta = { version: string | null; updatedAt: string | null; demo: boolean };

export type Snapshot = {
  meta: RegistryMeta;
  index: TrigramIndex;
  /** Display fields of each dense index, joined by SEP. */
  display: string[];
  /** Dense indexes sorted by normalised name / licence (exact and prefix look-ups). */
  byName: Int32Array;
  byLicense: Int32Array;
  /** The searcher's reusable counters. */
  counter: Counter;
};

const SEP = '\u001f';
const NULL = '\u0000';

const pack = (a: StoredAgency): string =>
  [a.name, a.licenseNumber, a.status, a.validUntil ?? NULL, a.city ?? NULL, a.province ?? NULL].join(SEP);

function unpack(s: string): Display {
  const [name, licenseNumber, status, validUntil, city, province] = s.split(SEP);
  const orNull = (v: string) => (v === NULL ? null : v);
  return { name, licenseNumber, status, validUntil: orNull(validUntil), city: orNull(city), province: orNull(province) };
}

function sortedBy(keys: string[]): Int32Array {
  const order = Int32Array.from(keys.keys());
  return order.sort((x, y) => (keys[x] < keys[y] ? -1 : keys[x] > keys[y] ? 1 : x - y));
}

/** First position in `order` whose key is >= `key`. */
function lowerBound(order: Int32Array, keys: string[], key: string): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[order[mid]] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Dense indexes whose key starts with `prefix` (equals it when `exact`), in key order, at most `max`. */
function scan(order: Int32Array, keys: string[], prefix: string, exact: boolean, max: number): number[] {
  const out: number[] = [];
  for (let i = lowerBound(order, keys, prefix); i < order.length && out.length < max; i++) {
    const k = keys[order[i]];
    if (exact ? k !== prefix : !k.startsWith(prefix)) break;
    out.push(order[i]);
  }
  return out;
}

/** Build a snapshot from every agency (in id order) and the registry's meta. */
export function buildSnapshot(agencies: StoredAgency[], meta: RegistryMeta): Snapshot {
  const index = buildTrigramIndex(agencies.map((a) => [a.id, a.nameNorm, a.licenseNorm]));
  return {
    meta,
    index,
    display: agencies.map(pack),
    byName: sortedBy(index.names),
    byLicense: sortedBy(index.licenses),
    counter: createCounter(),
  };
}

/** Approximate bytes the snapshot retains (logs, the bench). */
export function snapshotBytes(s: Snapshot): number {
  let display = 0;
  for (const d of s.display) display += 16 + d.length;
  return indexBytes(s.index) + display + s.byName.byteLength + s.byLicense.byteLength;
}

/**
 * Search by licence number or name. Exact hits (equal normalised licence or name) come first
 * with score 1; then similar ones by descending score, never above 0.99.
 *
 * ```ts
 * searchSnapshot(snapshot, 'maju jya abadi', { limit: 5, today: '2026-03-01' });
 * ```
 */
export function searchSnapshot(s: Snapshot, query: string, opts: SearchOptions): AgencyHit[] {
  const ix = s.index;
  const qName = normaliseName(query);
  const qLic = normaliseLicense(query);
  const exact: number[] = [];
  if (qLic) exact.push(...scan(s.byLicense, ix.licenses, qLic, true, Number.MAX_SAFE_INTEGER));
  if (qName) for (const d of scan(s.byName, ix.names, qName, true, MAX_EXACT_NAMES)) if (!exact.includes(d)) exact.push(d);
  const hits = exact.map((d) => toHit(unpack(s.display[d]), 'exact', 1, opts.today));
  const exactIds = new Set(exact.map((d) => ix.ids[d]));
  const found = candidates(s, qName, qLic);
  for (const { row, score } of rankSimilar({ name: qName, lic: qLic }, found, exactIds, opts)) {
    if (hits.length >= opts.limit) break;
    const d = found.dense.get(row.id);
    if (d !== undefined) hits.push(toHit(unpack(s.display[d]), 'similar', score, opts.today));
  }
  return hits.slice(0, opts.limit);
}

/** Candidates from the in-memory postings, or the prefix look-up for queries under 3 characters. */
function candidates(s: Snapshot, qName: string, qLic: string): { rows: Candidate[]; prefix: boolean; dense: Map<number, number> } {
  const ix = s.index;
  const licLike = licenceLike(qLic);
  const nameTris = pickTrigrams(qName.split(' '), (t) => frequencyOf(ix.name, t), MEMORY_GATHERING);
  const licTris = licLike ? pickTrigrams([qLic.toLowerCase()], (t) => frequencyOf(ix.license, t), MEMORY_GATHERING) : [];
  let dense: number[];
  let prefix = false;
  if (nameTris.length || licTris.length) {
    for (const t of nameTris) s.counter.count(postingsOf(ix.name, t));
    for (const t of licTris) s.counter.count(postingsOf(ix.license, t));
    dense = s.counter.best(MEMORY_GATHERING.candidates);
  } else {
    prefix = true;
    dense = [];
    if (qName) dense.push(...scan(s.byName, ix.names, qName, false, MAX_CANDIDATES));
    if (qLic) dense.push(...scan(s.byLicense, ix.licenses, qLic, false, MAX_CANDIDATES));
  }
  const map = new Map<number, number>();
  const rows = dense.map((d) => {
    map.set(ix.ids[d], d);
    return { id: ix.ids[d], name_norm: ix.names[d], license_norm: ix.licenses[d] };
  });
  return { rows, prefix, dense: map };
}
