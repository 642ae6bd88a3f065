/**
 * The audit trail: who did what to which case, and when. Every officer action (API, dashboard,
 * Telegram buttons) lands here so a task force can answer "who saw or changed this tip?".
 *
 * It never records reporter identity: actors are officers or the system, and `detail` must hold
 * only workflow facts (statuses, counts, route names), never message text or addresses.
 */
import type { Q, Storage } from './storage.js';

export type AuditEntry = {
  /** `officer:<id>:<name>`, `admin-token`, `telegram:<userId>` or `system`. */
  actor: string;
  /** A dotted verb such as `tip.status`, `tip.view`, `token.create`. */
  action: string;
  tipId?: string | null;
  detail?: Record<string, unknown> | null;
  /** When it happened (ms); injected so tests control time. */
  now: number;
};

/**
 * Append one audit row, inside the same transaction `q` as the change it records (either backend).
 *
 * ```ts
 * await storage.tx((q) => recordAudit(storage, q, { actor: 'officer:3:Sari', action: 'tip.status', tipId: 'TIP-7K3F9Q', detail: { from: 'new', to: 'claimed' }, now: clock() }));
 * ```
 */
export async function recordAudit(s: Storage, q: Q, entry: AuditEntry): Promise<void> {
  await q.insert(s.t.auditLog).values({
    at: entry.now,
    actor: entry.actor,
    action: entry.action,
    tipId: entry.tipId ?? null,
    detail: entry.detail ?? null,
  });
}
