/**
 * The registry as the rest of Waspada sees it: the public search route's answer, the
 * conversation flow's "check an agency" outcome, and the fictional demo registry a fresh
 * install starts with (CONTRACT.md: "a clearly marked fictional demo registry loaded if the
 * registry is empty").
 *
 * Searches answer from an in-memory snapshot (registry-snapshot.ts) and read no database, so
 * they are safe inside a conversation turn's transaction. Several instances on one database
 * each hold their own snapshot: every import bumps `registry_version` in its transaction, and
 * before a search, at most every `checkEveryMs`, an instance reads that version in the
 * background and rebuilds its snapshot when it changed — an import made on another instance (or
 * by the import CLI) is answered within `checkEveryMs` plus one rebuild. Searches meanwhile keep
 * answering from the previous snapshot.
 */
import type { Storage } from '../storage/storage.js';
import { localDate } from '../time.js';
import { DEMO_AGENCIES } from './demo-registry.js';
import { type AgencyHit, type AgencyRecord, type AgencyStatus, createRegistryRepository, type ImportCounts, type ImportOptions, META, MEMORY_INDEX_MAX_AGENCIES } from './registry-repository.js';
import { buildSnapshot, type RegistryMeta, type Snapshot, searchSnapshot, snapshotBytes } from './registry-snapshot.js';

export { META } from './registry-repository.js';

/** Similar hits below this are not offered in the conversation (the route shows them). */
export const CHECK_MIN_SCORE = 0.6;

/** How often, at most, a search looks whether another instance imported (milliseconds). */
export const REGISTRY_CHECK_EVERY_MS = 3_000;

export type SearchAnswer = { registryUpdatedAt: string | null; demo: boolean; results: AgencyHit[] };

export type CheckItem = { name: string; license: string; status: AgencyStatus; validUntil: string | null; city: string | null };

export type CheckResult = {
  /** `exact_*` when the normalised name or licence is equal; `similar` for look-alikes only. */
  outcome: 'exact_active' | 'exact_inactive' | 'similar' | 'not_found';
  demo: boolean;
  updatedAt: string | null;
  /** The exact hit, or up to 3 similar ones. */
  items: CheckItem[];
};

/** Today's date in West Kalimantan, as ISO `YYYY-MM-DD` (`time.ts`). */
export const todayInPontianak = localDate;

function toItem(h: AgencyHit): CheckItem {
  return { name: h.name, license: h.licenseNumber, status: h.status, validUntil: h.validUntil, city: h.city };
}

function toCheck(meta: RegistryMeta, hits: AgencyHit[]): CheckResult {
  const base = { demo: meta.demo, updatedAt: meta.updatedAt };
  const exact = hits.filter((h) => h.match === 'exact');
  if (exact.length) {
    // Several agencies can share a normalised name; an active one answers "licensed".
    const best = exact.find((h) => h.status === 'active') ?? exact[0];
    return { ...base, outcome: best.status === 'active' ? 'exact_active' : 'exact_inactive', items: [toItem(best)] };
  }
  if (hits.length) return { ...base, outcome: 'similar', items: hits.slice(0, 3).map(toItem) };
  return { ...base, outcome: 'not_found', items: [] };
}

export type RegistryServiceDeps = {
  storage: Storage;
  /** The app clock: "today" for validity. */
  now: () => number;
  /** A monotonic clock for the version checks (tests inject one); default `performance.now`. */
  monotonic?: () => number;
  checkEveryMs?: number;
  /** Above this many agencies no snapshot is held and searches read SQL. */
  memoryIndexMaxAgencies?: number;
  /** A failed background check or rebuild (the previous snapshot keeps answering). */
  onError?: (err: unknown) => void;
};

/**
 * ```ts
 * const registry = createRegistryService({ storage, now: Date.now });
 * await registry.ensureDemo();
 * await registry.load();
 * await registry.check('PT Maju Jaya'); // { outcome: 'similar', demo: true, items: [...] }
 * ```
 */
export function createRegistryService(deps: RegistryServiceDeps) {
  const repo = createRegistryRepository(deps.storage);
  const monotonic = deps.monotonic ?? (() => performance.now());
  const checkEvery = deps.checkEveryMs ?? REGISTRY_CHECK_EVERY_MS;
  const max = deps.memoryIndexMaxAgencies ?? MEMORY_INDEX_MAX_AGENCIES;
  let snapshot: Snapshot | null = null;
  /** The version the current state was loaded at (also when too large for a snapshot). */
  let loadedVersion: string | null | undefined;
  let lastCheck = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | null = null;
  // Loads run one after another, so an older load never replaces a newer snapshot.
  let loading: Promise<void> = Promise.resolve();

  function load(): Promise<void> {
    const next = loading.then(async () => {
      const all = await repo.loadAll(max);
      if (all) {
        snapshot = buildSnapshot(all.agencies, all.meta);
        loadedVersion = all.meta.version;
      } else {
        snapshot = null;
        loadedVersion = (await repo.describe()).version;
      }
      lastCheck = monotonic();
    });
    loading = next.catch(() => undefined);
    return next;
  }

  /** At most every `checkEvery`: look for another instance's import in the background. */
  function maybeCheck(): void {
    const t = monotonic();
    if (checking || t - lastCheck < checkEvery) return;
    lastCheck = t;
    checking = (async () => {
      if ((await repo.version()) !== loadedVersion) await load();
    })()
      .catch((err) => deps.onError?.(err))
      .finally(() => {
        checking = null;
      });
  }

  const today = () => todayInPontianak(deps.now());

  function fromMemory(s: Snapshot, q: string, limit: number, minScore?: number): AgencyHit[] {
    return searchSnapshot(s, q, { limit, today: today(), minScore });
  }

  async function answer(q: string, limit: number, minScore?: number): Promise<{ meta: RegistryMeta; hits: AgencyHit[] }> {
    maybeCheck();
    const s = snapshot;
    if (s) return { meta: s.meta, hits: fromMemory(s, q, limit, minScore) };
    const [meta, hits] = [await repo.describe(), await repo.search(q, { limit, today: today(), minScore })];
    return { meta, hits };
  }

  /** The loaded snapshot for the synchronous answers (`memory`). */
  function loaded(): Snapshot {
    if (!snapshot) throw new Error('registry: no in-memory snapshot (not loaded yet, or above memoryIndexMaxAgencies): use the async search/check');
    maybeCheck();
    return snapshot;
  }

  return {
    repository: repo,

    /** Load (or reload) the snapshot now: at start-up, before the first question. */
    load,

    /** Resolves once a background version check and its rebuild (if any) are done (tests, shutdown). */
    async settled(): Promise<void> {
      await checking;
      await loading;
    },

    /** The public search (`GET /api/agencies`). */
    async search(q: string, limit: number): Promise<SearchAnswer> {
      const { meta, hits } = await answer(q, limit);
      return { registryUpdatedAt: meta.updatedAt, demo: meta.demo, results: hits };
    },

    /** The conversation's agency check: one outcome to route on, and what to show. */
    async check(query: string): Promise<CheckResult> {
      const { meta, hits } = await answer(query.slice(0, 200), 10, CHECK_MIN_SCORE);
      return toCheck(meta, hits);
    },

    /**
     * The same answers synchronously from the loaded snapshot, for the turn's agency check and the
     * ad checker: no database read, so nothing waits inside a turn's transaction. Throws without a
     * snapshot (only above `memoryIndexMaxAgencies`, 1 000 000 agencies; Indonesia licenses a few
     * hundred).
     */
    memory: {
      search(q: string, limit: number): SearchAnswer {
        const s = loaded();
        return { registryUpdatedAt: s.meta.updatedAt, demo: s.meta.demo, results: fromMemory(s, q, limit) };
      },
      check(query: string): CheckResult {
        const s = loaded();
        return toCheck(s.meta, fromMemory(s, query.slice(0, 200), 10, CHECK_MIN_SCORE));
      },
    },

    getMeta: (key: string) => repo.getMeta(key),

    /** Import on this instance: one transaction, then this instance's snapshot is rebuilt. */
    async applyImport(records: AgencyRecord[], opts: ImportOptions): Promise<ImportCounts> {
      try {
        return await repo.applyImport(records, opts);
      } finally {
        await load();
      }
    },

    /** What searches use: the snapshot and its approximate size, or SQL above the limit. */
    index(): { kind: 'memory'; agencies: number; bytes: number } | { kind: 'sql' } {
      return snapshot ? { kind: 'memory', agencies: snapshot.index.size, bytes: snapshotBytes(snapshot) } : { kind: 'sql' };
    },

    /**
     * Load the fictional demo registry when the registry is empty, marking it `demo`. Returns
     * whether it loaded anything. A real import later clears the flag.
     */
    async ensureDemo(): Promise<boolean> {
      if ((await repo.count()) > 0) return false;
      const now = deps.now();
      const loadedDemo = await repo.importIfEmpty(DEMO_AGENCIES, {
        source: 'demo',
        importedAt: now,
        meta: { [META.demo]: 'true', [META.updatedAt]: new Date(now).toISOString(), [META.source]: 'demo' },
      });
      if (loadedDemo) await load();
      return loadedDemo;
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
