/**
 * The officers' view of cases: listing with a stable cursor, one case with its thread, evidence
 * and related cases, workflow changes, replies, CSV rows, statistics and erasure.
 *
 * Every shape returned here is built field by field: the reporter's pseudonym and receipt hash
 * are never selected, so they cannot leak into a response, an export or the dashboard.
 */
import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { reasonText } from '../alerts/reason-words.js';
import type { tips as sqliteTips } from '../storage/schema.js';
import type { Q, Storage, Tables } from '../storage/storage.js';
import { SELF_ERASE_DELAY_MS } from '../tips/erasure.js';
import { type TipStatus, TransitionError } from '../tips/tip-status.js';
import type { TipsRepository } from '../tips/tips-repository.js';
import { isoWeek, zoneOffsetMs } from '../time.js';
import { recordAudit } from './audit.js';
import type { Officer } from './officers-repository.js';

type TipRecord = typeof sqliteTips.$inferSelect;
/** A filter that matches nothing (a scoped token with no regencies), valid SQL on both backends. */
const NOTHING = sql`1 = 0`;
/** Plain code-unit order (SQLite's BINARY collation), independent of a PostgreSQL server's locale. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const URGENCIES = ['urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];
/** "No wrong door" referrals an officer can record on a case outside the task force's remit. */
export const REFERRALS = ['sapa129', 'kp2mi', 'lapor', 'peduli_wni', 'police'] as const;
export type Referral = (typeof REFERRALS)[number];

export type TipMessageView = {
  id: number;
  direction: string;
  author: string | null;
  text: string | null;
  createdAt: string;
};

export type TipMediaView = { id: string; mime: string; size: number; kind: string; url: string };

export type TipView = {
  id: string;
  channel: string;
  locale: string;
  category: string | null;
  regency: string | null;
  destination: string | null;
  recruiter: string | null;
  description: string | null;
  answers: unknown;
  urgency: string;
  urgencyScore: number;
  urgencyReasons: string[];
  /** The same reasons as words officers read, in both dashboard languages. */
  urgencyReasonsText: { id: string[]; en: string[] };
  status: string;
  complete: boolean;
  mayContact: boolean;
  claimedBy: string | null;
  referral: string | null;
  redactedAt: string | null;
  /** The reporter asked to erase the case (with the receipt); the content goes after the delay unless `hold`. */
  erasureRequestedAt: string | null;
  /** When the content will be erased (null without a request, or while held). */
  erasureDueAt: string | null;
  /** Officers hold the case (an active investigation): a reporter's erase request waits. */
  hold: boolean;
  createdAt: string;
  updatedAt: string;
  media: { count: number; items: TipMediaView[] };
  messages: TipMessageView[];
  related: string[];
  /** Identifiers this tip names that people also checked in job adverts, with how often (never who). */
  checkedElsewhere: CheckedIdentifier[];
};

export type CheckedIdentifier = { kind: string; value: string; checks: number };
/** Counts of identifiers seen in job-ad checks, keyed `kind:value` (the ad-check room's port). */
export type CheckCounts = (q: Q, ids: Array<{ kind: 'phone' | 'link' | 'bank' | 'agency'; value: string }>) => Promise<Map<string, number>>;

export type ListFilter = {
  status?: TipStatus;
  urgency?: Urgency;
  /** Only tips created at or after this instant (ms). */
  since?: number;
  /** A scoped token's regencies (null/absent: every tip). */
  regencies?: string[] | null;
  limit: number;
  cursor?: string | null;
};

export type Stats = {
  total: number;
  byRegency: Array<{ key: string; count: number }>;
  byCategory: Array<{ key: string; count: number }>;
  byUrgency: Array<{ key: string; count: number }>;
  byStatus: Array<{ key: string; count: number }>;
  /** ISO weeks (Asia/Pontianak), oldest first, e.g. `2026-W05`. */
  byWeek: Array<{ week: string; count: number }>;
};

// The columns officers may see. pseudonym and receipt_hash are deliberately absent.
function tipColumnsOf(tips: Tables['tips']) {
  return {
    id: tips.id,
    channel: tips.channel,
    locale: tips.locale,
    category: tips.category,
    regency: tips.regency,
    destination: tips.destination,
    recruiter: tips.recruiter,
    description: tips.description,
    answers: tips.answers,
    urgency: tips.urgency,
    urgencyScore: tips.urgencyScore,
    urgencyReasons: tips.urgencyReasons,
    status: tips.status,
    complete: tips.complete,
    mayContact: tips.mayContact,
    claimedBy: tips.claimedBy,
    referral: tips.referral,
    redactedAt: tips.redactedAt,
    erasureRequestedAt: tips.erasureRequestedAt,
    hold: tips.hold,
    createdAt: tips.createdAt,
    updatedAt: tips.updatedAt,
  };
}
type TipRow = { [K in keyof ReturnType<typeof tipColumnsOf>]: TipRecord[K] };

const iso = (ms: number) => new Date(ms).toISOString();

/** SQLite bounds the number of bound parameters; batch IN lists well below it. */
function chunks<T>(xs: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Opaque keyset cursor over (created_at, id): stable when newer tips arrive meanwhile. */
export function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(`${createdAt}|${id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null if it is not one of ours. */
export function decodeCursor(cursor: string): { createdAt: number; id: string } | null {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{1,16})\|([A-Za-z0-9_-]{1,64})$/.exec(raw);
  return m ? { createdAt: Number(m[1]), id: m[2] } : null;
}

/** ISO-8601 week label of an instant in Asia/Pontianak (`time.ts`). */
export { isoWeek };

export type OfficerTipsRepository = ReturnType<typeof createOfficerTipsRepository>;

/**
 * Reads are built here, for officers, on the storage port (the same queries on SQLite and
 * PostgreSQL); every change goes through the tips repository (`deps.tips`), the lifecycle's one
 * owner.
 *
 * ```ts
 * const repo = createOfficerTipsRepository(app.storage, { now: clock, tips: app.tipsRepository });
 * const page = await repo.list({ urgency: 'urgent', limit: 20 });
 * await repo.update('TIP-7K3F9Q', { status: 'claimed' }, officer);
 * ```
 */
export function createOfficerTipsRepository(s: Storage, deps: { now: () => number; tips: TipsRepository; checkCounts?: CheckCounts }) {
  const { media, tipLinks, tipMessages, tips } = s.t;
  const tipColumns = tipColumnsOf(tips);

  /** Per tip, its linked identifiers that were seen in job-ad checks. */
  async function checkedMany(q: Q, ids: string[]): Promise<Map<string, CheckedIdentifier[]>> {
    const out = new Map<string, CheckedIdentifier[]>(ids.map((id) => [id, []]));
    if (!deps.checkCounts) return out;
    const links: Array<{ tipId: string; kind: string; value: string }> = [];
    for (const part of chunks(ids)) {
      links.push(...(await q.select({ tipId: tipLinks.tipId, kind: tipLinks.kind, value: tipLinks.value }).from(tipLinks).where(inArray(tipLinks.tipId, part))));
    }
    // Kind, then value, in code-unit order: the same list on every backend and collation.
    links.sort((a, b) => byCodeUnits(a.kind, b.kind) || byCodeUnits(a.value, b.value));
    const counts = await deps.checkCounts(
      q,
      links.map((l) => ({ kind: l.kind as 'phone', value: l.value })),
    );
    for (const l of links) {
      const n = counts.get(`${l.kind}:${l.value}`);
      if (n) out.get(l.tipId)?.push({ kind: l.kind, value: l.value, checks: n });
    }
    return out;
  }

  function filterWhere(f: Omit<ListFilter, 'limit' | 'cursor'>): SQL[] {
    const where: SQL[] = [];
    if (f.status) where.push(eq(tips.status, f.status));
    if (f.urgency) where.push(eq(tips.urgency, f.urgency));
    if (f.since !== undefined) where.push(gte(tips.createdAt, f.since));
    if (f.regencies) where.push(f.regencies.length ? inArray(tips.regency, f.regencies) : NOTHING);
    return where;
  }

  /** Related tip ids for many tips at once: other tips sharing any normalised identifier. */
  async function relatedMany(q: Q, ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const part of chunks(ids)) {
      // A self-join, the same SQL on both backends; ids sorted here, not by the server's collation.
      const rows = await s.rows<{ src: string; id: string }>(
        q,
        sql`select distinct l1.tip_id as src, l2.tip_id as id from tip_links l1
            join tip_links l2 on l2.kind = l1.kind and l2.value = l1.value and l2.tip_id <> l1.tip_id
            where ${inArray(sql`l1.tip_id`, part)}`,
      );
      for (const r of rows) out.get(r.src)?.push(r.id);
    }
    for (const list of out.values()) list.sort(byCodeUnits);
    return out;
  }

  /** Turn rows into full views with a few batched queries per page (not a few per tip). */
  async function hydrate(q: Q, rows: TipRow[]): Promise<TipView[]> {
    const ids = rows.map((r) => r.id);
    const mediaBy = new Map<string, TipMediaView[]>(ids.map((id) => [id, []]));
    const msgsBy = new Map<string, TipMessageView[]>(ids.map((id) => [id, []]));
    for (const part of chunks(ids)) {
      const ms = await q
        .select({ tipId: media.tipId, id: media.id, mime: media.mime, size: media.size, kind: media.kind })
        .from(media)
        .where(inArray(media.tipId, part))
        .orderBy(asc(media.createdAt), asc(media.id));
      for (const { tipId, ...m } of ms) {
        if (tipId) mediaBy.get(tipId)?.push({ ...m, url: `/api/tips/${tipId}/media/${encodeURIComponent(m.id)}` });
      }
      const msgs = await q
        .select({
          tipId: tipMessages.tipId,
          id: tipMessages.id,
          direction: tipMessages.direction,
          author: tipMessages.author,
          text: tipMessages.text,
          createdAt: tipMessages.createdAt,
        })
        .from(tipMessages)
        .where(inArray(tipMessages.tipId, part))
        .orderBy(asc(tipMessages.id));
      for (const { tipId, ...m } of msgs) msgsBy.get(tipId)?.push({ ...m, createdAt: iso(m.createdAt) });
    }
    const rel = await relatedMany(q, ids);
    const checked = await checkedMany(q, ids);
    return rows.map((row) => {
      const items = mediaBy.get(row.id) ?? [];
      const reasons = Array.isArray(row.urgencyReasons) ? row.urgencyReasons.map(String) : [];
      return {
        ...row,
        urgencyReasons: reasons,
        urgencyReasonsText: { id: reasons.map((r) => reasonText(r, 'id')), en: reasons.map((r) => reasonText(r, 'en')) },
        redactedAt: row.redactedAt === null ? null : iso(row.redactedAt),
        erasureRequestedAt: row.erasureRequestedAt === null ? null : iso(row.erasureRequestedAt),
        erasureDueAt: row.erasureRequestedAt === null || row.hold ? null : iso(row.erasureRequestedAt + SELF_ERASE_DELAY_MS),
        createdAt: iso(row.createdAt),
        updatedAt: iso(row.updatedAt),
        media: { count: items.length, items },
        messages: msgsBy.get(row.id) ?? [],
        related: rel.get(row.id) ?? [],
        checkedElsewhere: checked.get(row.id) ?? [],
      };
    });
  }

  async function row(q: Q, id: string): Promise<TipRow | undefined> {
    const [r] = await q.select(tipColumns).from(tips).where(eq(tips.id, id)).limit(1);
    return r;
  }

  async function get(id: string): Promise<TipView | null> {
    return s.run(async (q) => {
      const r = await row(q, id);
      return r ? (await hydrate(q, [r]))[0] : null;
    });
  }

  return {
    /** Newest first; `nextCursor` continues exactly after the last item, whatever arrived since. */
    async list(f: ListFilter): Promise<{ items: TipView[]; nextCursor: string | null }> {
      const where = filterWhere(f);
      if (f.cursor) {
        const c = decodeCursor(f.cursor);
        if (!c) throw new Error('bad cursor');
        where.push(or(lt(tips.createdAt, c.createdAt), and(eq(tips.createdAt, c.createdAt), lt(tips.id, c.id))) as SQL);
      }
      return s.run(async (q) => {
        const rows = await q
          .select(tipColumns)
          .from(tips)
          .where(and(...where))
          .orderBy(desc(tips.createdAt), desc(tips.id))
          .limit(f.limit + 1);
        const page = rows.slice(0, f.limit);
        const last = page[page.length - 1];
        return {
          items: await hydrate(q, page),
          nextCursor: rows.length > f.limit && last ? encodeCursor(last.createdAt, last.id) : null,
        };
      });
    },

    get,

    /** Media metadata for serving a file, only if it belongs to that tip. */
    async mediaOf(tipId: string, mediaId: string): Promise<{ sha256: string; mime: string; size: number } | null> {
      const [m] = await s.run((q) =>
        q
          .select({ sha256: media.sha256, mime: media.mime, size: media.size })
          .from(media)
          .where(and(eq(media.id, mediaId), eq(media.tipId, tipId)))
          .limit(1),
      );
      return m ?? null;
    },

    /**
     * Apply a workflow change (and an optional referral, hold and note) in one transaction, each
     * step audited in it. The status moves through the tips repository's state machine
     * (compare-and-set, so two officers on two instances cannot both win); a refused move throws
     * {@link TransitionError} (HTTP 409) and changes nothing.
     */
    async update(id: string, change: { status?: TipStatus; referral?: Referral; note?: string; hold?: boolean }, officer: Officer): Promise<TipView | null> {
      const now = deps.now();
      const found = await s.tx(async (q) => {
        const current = await row(q, id);
        if (!current) return false;
        if (change.status) {
          const moved = await deps.tips.transition(q, id, { to: change.status, by: officer.name }, now);
          if (moved.kind === 'not_found') return false;
          if (moved.kind === 'conflict') throw new TransitionError(moved.from, change.status);
          if (moved.kind === 'ok') {
            await recordAudit(s, q, { actor: officer.actor, action: 'tip.status', tipId: id, detail: { from: moved.from, to: change.status }, now });
          }
        }
        if (change.referral) {
          await deps.tips.setReferral(q, id, change.referral, officer.name, now);
          await recordAudit(s, q, { actor: officer.actor, action: 'tip.referral', tipId: id, detail: { referral: change.referral }, now });
        }
        if (change.hold !== undefined && change.hold !== current.hold) {
          await deps.tips.setHold(q, id, change.hold, now);
          await recordAudit(s, q, { actor: officer.actor, action: change.hold ? 'tip.hold' : 'tip.release', tipId: id, now });
        }
        if (change.note) {
          await deps.tips.addMessage(q, id, { direction: 'note', author: officer.name, text: change.note }, now);
          await recordAudit(s, q, { actor: officer.actor, action: 'tip.note', tipId: id, now });
        }
        return true;
      });
      return found ? get(id) : null;
    },

    /** All matching tips, newest first, for the CSV export (no thread, no files). */
    async exportRows(f: Omit<ListFilter, 'limit' | 'cursor'>): Promise<Array<TipRow & { mediaCount: number; related: string[] }>> {
      return s.run(async (q) => {
        const rows = await q
          .select(tipColumns)
          .from(tips)
          .where(and(...filterWhere(f)))
          .orderBy(desc(tips.createdAt), desc(tips.id));
        const ids = rows.map((r) => r.id);
        const counts = new Map<string, number>();
        for (const part of chunks(ids)) {
          const n = await q
            .select({ id: media.tipId, n: count() })
            .from(media)
            .where(inArray(media.tipId, part))
            .groupBy(media.tipId);
          for (const r of n) if (r.id) counts.set(r.id, Number(r.n));
        }
        const rel = await relatedMany(q, ids);
        return rows.map((r) => ({ ...r, mediaCount: counts.get(r.id) ?? 0, related: rel.get(r.id) ?? [] }));
      });
    },

    /** Counts for charts, grouped in SQL; spam is counted in `byStatus` only. `regencies` scopes them. */
    async stats(regencies?: string[] | null): Promise<Stats> {
      // A scoped token counts only its regencies (bound parameters, never interpolated values).
      const scope = regencies ? (regencies.length ? inArray(tips.regency, regencies) : NOTHING) : undefined;
      const notSpam = ne(tips.status, 'spam');
      // Local day in SQL (the zone's offset from time.ts; WIB has no daylight saving), folded
      // into ISO weeks below. Integer division on both backends (bigint on PostgreSQL).
      const offset = Math.trunc(zoneOffsetMs(deps.now()));
      const dayExpr = sql`(${tips.createdAt} + ${sql.raw(String(offset))}) / 86400000`;
      return s.run(async (q) => {
        const group = async (col: SQLiteColumn, includeSpam = false) => {
          const rows = await q
            .select({ key: sql<string>`coalesce(${col}, 'unknown')`, count: count() })
            .from(tips)
            .where(and(scope, includeSpam ? undefined : notSpam))
            .groupBy(sql`coalesce(${col}, 'unknown')`);
          // Count first, then the key in code-unit order: the same on every server collation.
          return rows
            .map((r) => ({ key: String(r.key), count: Number(r.count) }))
            .sort((a, b) => b.count - a.count || byCodeUnits(a.key, b.key));
        };
        const days = await q
          .select({ day: sql<number>`${dayExpr}`.mapWith(Number), n: count() })
          .from(tips)
          .where(and(scope, notSpam))
          .groupBy(dayExpr);
        const weeks = new Map<string, number>();
        for (const d of days) {
          const w = isoWeek(d.day * 86_400_000 + 43_200_000 - offset);
          weeks.set(w, (weeks.get(w) ?? 0) + Number(d.n));
        }
        const byStatus = await group(tips.status, true);
        return {
          total: byStatus.filter((r) => r.key !== 'spam').reduce((a, r) => a + r.count, 0),
          byRegency: await group(tips.regency),
          byCategory: await group(tips.category),
          byUrgency: await group(tips.urgency),
          byStatus,
          byWeek: [...weeks].map(([week, count]) => ({ week, count })).sort((a, b) => a.week.localeCompare(b.week)),
        };
      });
    },
  };
}
