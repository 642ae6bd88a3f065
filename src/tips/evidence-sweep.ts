/**
 * Evidence files that never joined a report (an upload abandoned mid-report, a file stored just
 * before its conversation moved on) are deleted: at start-up and every hour, once they are older
 * than a grace period. A file is kept while a report (the `media` table) or an open conversation
 * (its pending answers) refers to it. The sweep also re-measures storage for the quota.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../storage/db.js';
import { conversations, media } from '../storage/schema.js';
import type { EvidenceStore } from './evidence-types.js';

/** Files younger than this are never swept: their turn may still be committing. */
export const SWEEP_GRACE_MS = 60 * 60_000;

/** Every evidence hash something still refers to. */
export function referencedEvidence(db: Db): Set<string> {
  const refs = new Set<string>();
  for (const r of db.select({ sha: media.sha256 }).from(media).all()) refs.add(r.sha);
  const pending = db
    .select({ state: sql<string>`cast(${conversations.state} as text)` })
    .from(conversations)
    .where(sql`cast(${conversations.state} as text) like '%"sha256"%'`)
    .all();
  for (const r of pending) for (const m of String(r.state).matchAll(/"sha256":"([0-9a-f]{64})"/g)) refs.add(m[1]);
  return refs;
}

/**
 * ```ts
 * const sweep = createEvidenceSweep({ db, evidence, clock });
 * app.addHook('onReady', async () => sweep.start());
 * ```
 */
export function createEvidenceSweep(deps: {
  db: Db;
  evidence: EvidenceStore;
  clock: () => number;
  everyMs?: number;
  onError?: (err: unknown) => void;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  async function runOnce(): Promise<number> {
    const refs = referencedEvidence(deps.db);
    return deps.evidence.sweep((sha) => refs.has(sha), deps.clock() - SWEEP_GRACE_MS);
  }
  const run = (): Promise<number> => {
    running ??= runOnce().finally(() => {
      running = null;
    });
    return running;
  };
  const safeRun = () =>
    run().catch((err) => {
      deps.onError?.(err);
      return 0;
    });
  return {
    /** Sweep now (tests, and start-up); resolves with the number of files removed. */
    run,
    start() {
      void safeRun();
      timer = setInterval(() => void safeRun(), deps.everyMs ?? 60 * 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
