/**
 * The registry as the rest of Waspada sees it: the public search route's answer, the
 * conversation flow's "check an agency" outcome, and the fictional demo registry a fresh
 * install starts with (CONTRACT.md: "a clearly marked fictional demo registry loaded if the
 * registry is empty").
 */
import type { Db } from '../storage/db.js';
import { DEMO_AGENCIES } from './demo-registry.js';
import { type AgencyHit, type AgencyStatus, createRegistryRepository } from './registry-repository.js';
import { localDate } from '../time.js';

/** Meta keys the registry keeps. */
export const META = { updatedAt: 'registry_updated_at', source: 'registry_source', demo: 'demo' } as const;

/** Similar hits below this are not offered in the conversation (the route shows them). */
export const CHECK_MIN_SCORE = 0.6;

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

/**
 * ```ts
 * const registry = createRegistryService({ db, now: Date.now });
 * registry.ensureDemo();
 * registry.check('PT Maju Jaya'); // { outcome: 'similar', demo: true, items: [...] }
 * ```
 */
export function createRegistryService(deps: { db: Db; now: () => number }) {
  const repo = createRegistryRepository(deps.db);
  const isDemo = () => repo.getMeta(META.demo) === 'true';

  return {
    repository: repo,

    /** The public search (`GET /api/agencies`). */
    search(q: string, limit: number): SearchAnswer {
      const results = repo.search(q, { limit, today: todayInPontianak(deps.now()) });
      return { registryUpdatedAt: repo.getMeta(META.updatedAt), demo: isDemo(), results };
    },

    /** The conversation's agency check: one outcome to route on, and what to show. */
    check(query: string): CheckResult {
      const base = { demo: isDemo(), updatedAt: repo.getMeta(META.updatedAt) };
      const hits = repo.search(query.slice(0, 200), {
        limit: 10,
        today: todayInPontianak(deps.now()),
        minScore: CHECK_MIN_SCORE,
      });
      const exact = hits.filter((h) => h.match === 'exact');
      if (exact.length) {
        // Several agencies can share a normalised name; an active one answers "licensed".
        const best = exact.find((h) => h.status === 'active') ?? exact[0];
        return { ...base, outcome: best.status === 'active' ? 'exact_active' : 'exact_inactive', items: [toItem(best)] };
      }
      if (hits.length) return { ...base, outcome: 'similar', items: hits.slice(0, 3).map(toItem) };
      return { ...base, outcome: 'not_found', items: [] };
    },

    /**
     * Load the fictional demo registry when the registry is empty, marking it `demo`. Returns
     * whether it loaded anything. A real import later clears the flag.
     */
    ensureDemo(): boolean {
      if (repo.count() > 0) return false;
      const now = deps.now();
      repo.applyImport(DEMO_AGENCIES, {
        replace: true,
        source: 'demo',
        importedAt: now,
        meta: { [META.demo]: 'true', [META.updatedAt]: new Date(now).toISOString(), [META.source]: 'demo' },
      });
      return true;
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
