/**
 * Evidence files that never joined a report (an upload abandoned mid-report, a file stored just
 * before its conversation moved on) are deleted: at start-up and every hour, once they are older
 * than a grace period. A file is kept while a report (the `media` table) or an open conversation
 * (its pending answers) refers to it. The sweep also re-measures storage for the quota.
 */
import { sql } from 'drizzle-orm';
import type { Storage } from '../storage/storage.js';
import type { EvidenceStore } from './evidence-types.js';

/** Files younger than this are never swept: their turn may still be committing. */
export const SWEEP_GRACE_MS = 60 * 60_000;

/**
 * Every evidence hash something still refers to. The same SQL on both backends (PostgreSQL
 * renders jsonb as text with a space after each colon, hence `\s*`). With a shared `DATA_DIR`,
 * the rows of every instance are in the one database, so no instance sweeps another's pending file.
 */
export async function referencedEvidence(s: Storage): Promise<Set<string>> {
  const { conversations, media } = s.t;
  const refs = new Set<string>();
  const [files, pending] = await s.run(async (q) => [
    await q.select({ sha: media.sha256 }).from(media),
    await q
      .select({ state: sql<string>`cast(${conversations.state} as text)` })
      .from(conversations)
      .where(sql`cast(${conversations.state} as text) like '%"sha256"%'`),
  ] as const);
  for (const r of files) refs.add(r.sha);
  for (const r of pending) for (const m of String(r.state).matchAll(/"sha256":\s*"([0-9a-f]{64})"/g)) refs.add(m[1]);
  return refs;
}

/**
 * ```ts
 * const sweep = createEvidenceSweep({ storage, evidence, clock });
 * app.addHook('onReady', async () => sweep.start());
 * ```
 */
export function createEvidenceSweep(deps: {
  storage: Storage;
  evidence: EvidenceStore;
  clock: () => number;
  everyMs?: number;
  onError?: (err: unknown) => void;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  async function runOnce(): Promise<number> {
    const refs = await referencedEvidence(deps.storage);
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
