/**
 * The conversation runtime: dedupe → one turn at a time per sender → load → advance → execute
 * effects → save, all in ONE transaction, then the replies. A crash before the commit loses
 * nothing acknowledged (no reply was sent); a crash after it loses nothing stored.
 *
 * Several instances on one PostgreSQL database: the turn takes a transaction-scoped lock on the
 * sender's pseudonym before it loads the conversation, so one sender's turns run one after another
 * whichever instance receives them (in-process, the keyed chain already orders them); the save is
 * still conditional on `rev`. Dedupe is the unique `processed_updates` row inserted first: a
 * redelivery to another instance waits on that row and then finds it taken.
 */
import { and, eq, lt, ne, sql } from 'drizzle-orm';
import { advance, expire } from '../engine/engine.js';
import type { ConversationState, Effect, EffectResult, FlowSet, Turn } from '../engine/types.js';
import { createWindowLimiter } from '../http/window-limiter.js';
import type { Inbound, Locale, MediaRef, Outbound } from '../messages.js';
import { createKeyedChain } from '../pacing/keyed-chain.js';
import { claimRun } from '../storage/leases.js';
import { affected, type Q, type Storage } from '../storage/storage.js';
import { checkpointWal, requestErasure } from '../tips/erasure.js';
import { jsonText } from '../tips/json-path.js';
import type { TipsService, TriagePort } from '../tips/tips-service.js';
import type { Identity } from './identity.js';
import { mediaGateFor } from './media-gate.js';
import type { ConversationRuntime, HandleResult } from './runtime-types.js';
import { humanDate, wibDate, wibDateTime } from './wib-dates.js';

export type AgencyCheck = {
  outcome: 'exact_active' | 'exact_inactive' | 'similar' | 'not_found';
  demo: boolean;
  updatedAt: string | null;
  items: Array<{ name: string; license: string; status: string; validUntil: string | null; city: string | null }>;
};
/**
 * The registry look-up (`lookup_agency`), run inside the turn's transaction `q`: any database read
 * it needs goes through `q`, never its own `storage.run`/`tx` (on SQLite that would wait for the
 * turn's own transaction: a deadlock).
 */
export type RegistryPort = { check(query: string, q?: Q): AgencyCheck | Promise<AgencyCheck> };

/** The idle sweep runs at most once per this interval across every instance (`claimRun`). */
export const IDLE_SWEEP_EVERY_MS = 60_000;

export type RuntimeDeps = {
  storage: Storage;
  flows: FlowSet;
  identity: Identity;
  tips: TipsService;
  registry: RegistryPort;
  /** Urgent phrases typed at any step may raise an early alert. */
  scanText: TriagePort['scanText'];
  clock: () => number;
  defaultLocale: Locale;
  idleMinutes: number;
  maxMessagesPerConversation: number;
  /** Messages per minute one sender may send; more get a polite "slow down" and are dropped. */
  perSenderPerMinute?: number;
  /** Whether a task-force channel receives this regency's urgent tips (the receipt says so only then). */
  urgentForwarded?: (regency: string | undefined) => boolean;
  /** The job-ad check (`check_ad` effect), run inside the turn's transaction `q` (it must not open its own). */
  checkAd?: (text: string, q: Q) => EffectResult | Promise<EffectResult>;
  /**
   * Local OCR of an image sent where a step reads media as text (`readMedia`); run before the
   * turn's transaction. Absent: the step tells the person it reads only text.
   */
  readImage?: (media: MediaRef) => Promise<{ text: string } | { error: 'unavailable' | 'unreadable' }>;
  /** Evidence files one report may hold (MEDIA_MAX_PER_TIP). */
  maxMediaPerTip?: number;
  /** Wrong receipts per hour from one client address across its conversations (web). */
  receiptAttemptsPerAddressPerHour?: number;
  logger?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
};


type Prepared<R> = { execute(values: Record<string, unknown>): PromiseLike<R> };

/**
 * A statement every turn runs. On SQLite it is built and prepared once (query building was about
 * half of a turn's CPU time, test/bench/profile-turn.ts; `q` is always the one connection); on
 * PostgreSQL it is prepared by name on the transaction's own connection, which keeps the parsed
 * statement for the next turn.
 */
function hotStatement<R>(s: Storage, name: string, build: (q: Q) => unknown): (q: Q, values: Record<string, unknown>) => PromiseLike<R> {
  let once: Prepared<R> | undefined;
  const prepare = (q: Q) => (build(q) as { prepare(name: string): Prepared<R> }).prepare(name);
  if (s.dialect === 'sqlite') {
    return (q, values) => {
      once ??= prepare(q);
      return once.execute(values);
    };
  }
  return (q, values) => prepare(q).execute(values);
}

export function createConversationRuntime(deps: RuntimeDeps): ConversationRuntime & {
  /**
   * Expire idle conversations (abandoned reports become incomplete tips): once per
   * {@link IDLE_SWEEP_EVERY_MS} across instances. Returns how many expired here.
   */
  expireIdle(): Promise<number>;
} {
  const { storage: s, flows, identity, tips, registry, clock } = deps;
  const { conversations, processedUpdates } = s.t;
  // One turn at a time per sender in this process (a second message waits for the first's
  // transaction); across instances the pseudonym lock inside the transaction does the same.
  const chains = createKeyedChain();
  type ConversationRow = typeof conversations.$inferSelect;
  const hot = {
    markProcessed: hotStatement<unknown>(s, 'turn_mark_processed', (q) =>
      q
        .insert(processedUpdates)
        .values({ channel: sql.placeholder('channel'), platformId: sql.placeholder('platformId'), processedAt: sql.placeholder('now') })
        .onConflictDoNothing(),
    ),
    insert: hotStatement<unknown>(s, 'turn_insert', (q) =>
      q
        .insert(conversations)
      .values({
        pseudonym: sql.placeholder('pseudonym'),
        channel: sql.placeholder('channel'),
        state: sql.placeholder('state'),
        locale: sql.placeholder('locale'),
        rev: 1,
        messageCount: 1,
        createdAt: sql.placeholder('now'),
        updatedAt: sql.placeholder('now'),
      }),
    ),
    // No LIMIT: the pseudonym is the primary key, and a bound LIMIT made SQLite's read ~3x slower.
    load: hotStatement<ConversationRow[]>(s, 'turn_load', (q) => q.select().from(conversations).where(eq(conversations.pseudonym, sql.placeholder('pseudonym')))),
    save: hotStatement<unknown>(s, 'turn_save', (q) =>
      q
        .update(conversations)
        .set({
          state: sql.placeholder('state'),
          locale: sql`${sql.placeholder('locale')}`,
          rev: sql`${sql.placeholder('nextRev')}`,
          messageCount: sql`${sql.placeholder('messageCount')}`,
          updatedAt: sql`${sql.placeholder('now')}`,
        })
        .where(and(eq(conversations.pseudonym, sql.placeholder('pseudonym')), eq(conversations.rev, sql.placeholder('rev')))),
    ),
  };
  const load = async (q: Q, pseudonym: string): Promise<ConversationRow | undefined> => (await hot.load(q, { pseudonym }))[0];
  const receiptMisses = createWindowLimiter({ max: deps.receiptAttemptsPerAddressPerHour ?? Number.MAX_SAFE_INTEGER, windowMs: 3_600_000 });

  // Turns per sender per minute, in memory only, bounded like every other limit. (The hand-made
  // window it replaces rescanned all of its keys on every turn once 50 000 senders had written
  // within a minute: turns fell from ~4 000/s to ~500/s, and a flood of new conversations could
  // cause exactly that.)
  const perSender = deps.perSenderPerMinute ? createWindowLimiter({ max: deps.perSenderPerMinute, windowMs: 60_000 }) : null;
  const overLimit = (key: string, now: number): boolean => (perSender ? !perSender.take(key, now).ok : false);

  /** One turn's (or one expiry's) effects: `erased` asks for a WAL checkpoint after the commit. */
  type TurnCtx = { q: Q; erased: boolean };
  type EffectCtx = { pseudonym: string; inbound?: Inbound; state: ConversationState; clientAddress?: string; raisedByScan?: boolean };

  async function runEffect(turnCtx: TurnCtx, effect: Effect, ctx: EffectCtx, now: number): Promise<EffectResult | null> {
    const { q } = turnCtx;
    switch (effect.kind) {
      case 'lookup_agency': {
        const r = await registry.check(effect.query, q);
        const locale = ctx.state.locale;
        const item = (i: AgencyCheck['items'][number]) => ({
          name: i.name,
          license: i.license,
          status: { t: `agency.status.${i.status}` },
          status_id: i.status,
          valid_until: i.validUntil ? humanDate(i.validUntil, locale) : '',
          city: i.city ?? '',
        });
        // The long warnings once per check session (or on request), not under every answer.
        const warn = ctx.state.vars.agency_warned ? '' : 1;
        return {
          outcome: r.outcome,
          vars: { ...(r.items[0] ? item(r.items[0]) : {}), demo: r.demo ? 1 : '', updated_at: r.updatedAt ? wibDate(r.updatedAt, locale) : '', warn },
          items: r.items.map(item),
          persist: { agency_warned: '1' },
        };
      }
      case 'submit_report': {
        const addressEnc =
          ctx.inbound && effect.answers.may_contact === 'yes' ? identity.encryptAddress(ctx.inbound.address) : undefined;
        const r = await tips.submit(
          q,
          {
            pseudonym: ctx.pseudonym,
            channel: ctx.inbound?.channel ?? (ctx.state.vars.channel as Inbound['channel']) ?? 'web',
            locale: ctx.state.locale,
            answers: effect.answers,
            complete: effect.complete,
            draftTipId: effect.draftTipId,
            addressEnc,
          },
          now,
        );
        ctx.state.vars.submitted = r.tipId;
        // Honest words: "forwarded at once" only when a task-force channel exists (alerts/forwarding.ts).
        const regency = typeof effect.answers.regency === 'string' ? effect.answers.regency : undefined;
        const forwarded = deps.urgentForwarded ? deps.urgentForwarded(regency) : true;
        const channel = ctx.inbound?.channel ?? ctx.state.vars.channel;
        return {
          outcome: 'ok',
          vars: {
            receipt: r.receipt,
            urgent: r.urgent ? 1 : '',
            urgent_forwarded: r.urgent && forwarded ? 1 : '',
            urgent_kept: r.urgent && !forwarded ? 1 : '',
            // Safety advice fits the channel: chat apps keep a history on the phone, a browser tab does not.
            on_web: channel === 'web' ? 1 : '',
            on_chat_app: channel === 'web' ? '' : 1,
          },
        };
      }
      case 'lookup_status': {
        // Guesses from one address across many fresh conversations are throttled too (web).
        const where = ctx.clientAddress;
        if (where && receiptMisses.blocked(where, now).blocked) return { outcome: 'throttled' };
        const r = await tips.lookup(q, ctx.pseudonym, effect.receipt, now);
        if (r.kind === 'not_found' && where) receiptMisses.hit(where, now);
        if (r.kind !== 'found') return { outcome: r.kind };
        return {
          outcome: 'found',
          vars: {
            case_id: r.tip.id,
            case_status: { t: `case.status.${r.tip.status}` },
            updated: wibDateTime(r.tip.updatedAt, ctx.state.locale),
            no_replies: r.replies.length ? '' : 1,
          },
          items: r.replies.map((x) => ({ date: wibDateTime(x.createdAt, ctx.state.locale), text: x.text })),
          persist: { tipId: r.tip.id },
        };
      }
      case 'add_followup': {
        const ok = await tips.addFollowup(q, effect.tipId, effect.text, effect.media, now);
        return { outcome: ok ? 'ok' : 'failed', clear: ['followup', 'followup_media'] };
      }
      case 'check_ad':
        return deps.checkAd ? await deps.checkAd(effect.text, q) : { outcome: 'failed' };
      case 'request_erasure': {
        const ok = !!effect.tipId && (await requestErasure(s, q, effect.tipId, { now, pseudonym: ctx.pseudonym }));
        if (ok) turnCtx.erased = true;
        // The case is no longer this conversation's: forget it with the answers (the receipt).
        return { outcome: ok ? 'ok' : 'failed', clear: ['receipt', 'followup', 'followup_media'] };
      }
      case 'scan_text': {
        // Only flows that declare it raise an early alert (FlowDef.earlyAlert), once per draft.
        if (!deps.flows.flows[ctx.state.flowId]?.earlyAlert || ctx.state.vars.draftTipId || !ctx.inbound) return null;
        const signal = deps.scanText(effect.text);
        if (signal.urgency !== 'urgent') return null;
        ctx.state.vars.draftTipId = await tips.createDraft(
          q,
          { pseudonym: ctx.pseudonym, channel: ctx.inbound.channel, locale: ctx.state.locale, answers: effect.answers },
          signal,
          now,
        );
        ctx.state.vars.draftFlow = ctx.state.flowId;
        ctx.raisedByScan = true;
        return null;
      }
      case 'raise_alert': {
        // The flow now holding the draft completes it (on submit, cancel or idle timeout).
        ctx.state.vars.draftFlow = ctx.state.flowId;
        // Honest words: "we have told the Task Force" only when a channel takes this regency's alerts.
        const alertRegency = typeof effect.answers.regency === 'string' ? effect.answers.regency : undefined;
        if (deps.urgentForwarded && !deps.urgentForwarded(alertRegency)) ctx.state.vars.alert_kept = 'yes';
        // Once per conversation: an earlier urgent phrase (or `sos`) already alerted with this draft.
        if (ctx.state.vars.draftTipId) return { outcome: 'ok' };
        const channel = ctx.inbound?.channel ?? (ctx.state.vars.channel as Inbound['channel']) ?? 'web';
        const signal = { score: effect.reason === 'emergency' ? 100 : 0, urgency: 'urgent' as const, reasons: [effect.reason] };
        ctx.state.vars.draftTipId = await tips.createDraft(
          q,
          { pseudonym: ctx.pseudonym, channel, locale: ctx.state.locale, answers: effect.answers },
          signal,
          now,
        );
        return { outcome: 'ok' };
      }
    }
  }

  /** Run the engine to a waiting state, executing effects as they come. */
  async function drive(turnCtx: TurnCtx, first: Turn, pseudonym: string, inbound: Inbound | undefined, now: number, clientAddress?: string): Promise<{ state: ConversationState; outputs: Outbound[]; turn: Turn }> {
    let turn = first;
    const outputs = [...turn.outputs];
    for (let i = 0; i < 20; i++) {
      let routed: EffectResult | null = null;
      for (const effect of turn.effects) {
        const ctx: EffectCtx = { pseudonym, inbound, state: turn.state, clientAddress };
        const r = await runEffect(turnCtx, effect, ctx, now);
        if (turn.state.status === 'awaiting_effect' && turn.state.pending?.kind === effect.kind) routed = r;
        // An urgent phrase just raised the alert: 110 and SAPA 129 come before anything else.
        const numbers = flows.catalogs[turn.state.locale]['emergency.numbers_short'];
        if (ctx.raisedByScan && numbers) outputs.unshift({ kind: 'text', text: numbers });
      }
      if (turn.state.status !== 'awaiting_effect') break;
      turn = advance(flows, turn.state, { kind: 'effect_result', result: routed ?? { outcome: 'failed' } }, now, deps.defaultLocale);
      outputs.push(...turn.outputs);
    }
    return { state: turn.state, outputs, turn };
  }

  /** One turn in one transaction; null for a duplicate delivery. */
  async function handleTurn(inbound: Inbound, clientAddress?: string): Promise<HandleResult | null> {
    const now = clock();
    const pseudonym = identity.pseudonym(inbound.channel, inbound.address);
    let erased = false;
    const result = await s.tx(async (q): Promise<HandleResult | null> => {
      if (inbound.platformMessageId !== undefined) {
        const fresh = await hot.markProcessed(q, { channel: inbound.channel, platformId: inbound.platformMessageId, now });
        if (affected(fresh) === 0) return null;
      }
      // Across instances: this sender's other turns wait here until this one commits.
      await s.lock(q, pseudonym);
      const row = await load(q, pseudonym);
      const prev = (row?.state as ConversationState | undefined) ?? null;
      const locale = prev?.locale ?? inbound.localeHint ?? deps.defaultLocale;
      if (row && row.messageCount >= deps.maxMessagesPerConversation) {
        // A flood from one sender: answer politely, keep everything already stored.
        const text = flows.catalogs[locale]['runtime.too_long'];
        return { outputs: [{ kind: 'text', text }], prompt: { flow: prev?.flowId ?? 'menu', step: prev?.stepId ?? 'main', kind: 'none' }, locale };
      }
      const c = inbound.content;
      const isStart = c.kind === 'text' && (c.text.trim() === '' || /^\/start\b/i.test(c.text.trim()));
      const first = advance(
        flows,
        prev ? prev : null,
        isStart ? { kind: 'start' } : { kind: 'message', content: c },
        now,
        prev ? prev.locale : locale,
      );
      const turnCtx: TurnCtx = { q, erased: false };
      const { state, outputs, turn } = await drive(turnCtx, first, pseudonym, inbound, now, clientAddress);
      if (row) {
        const saved = await hot.save(q, { state, locale: state.locale, nextRev: row.rev + 1, messageCount: row.messageCount + 1, now, pseudonym, rev: row.rev });
        // Under the lock nobody else writes this row; if something did, roll back rather than lose it.
        if (affected(saved) !== 1) throw new Error('conversation changed during the turn');
      } else {
        await hot.insert(q, { pseudonym, channel: inbound.channel, state, locale: state.locale, now });
      }
      erased = turnCtx.erased;
      return { outputs, prompt: turn.prompt, locale: state.locale };
    });
    // SQLite: the WAL is truncated before the reply (quick). PostgreSQL's VACUUM runs after it, not
    // in the reporter's wait.
    if (erased && s.sqlite) await checkpointWal(s);
    else if (erased) void checkpointWal(s);
    return result;
  }

  /**
   * An image sent to a step that reads media as text (a screenshot of a job advert) is read by
   * local OCR first, outside the transaction; anywhere else media passes untouched.
   */
  async function readIfAsked(inbound: Inbound): Promise<Inbound> {
    const c = inbound.content;
    if (c.kind !== 'media' || c.media.kind !== 'photo') return inbound;
    const row = await s.run((q) => load(q, identity.pseudonym(inbound.channel, inbound.address)));
    const state = row?.state as ConversationState | undefined;
    const step = state?.status === 'waiting' ? flows.flows[state.flowId]?.steps[state.stepId] : undefined;
    if (step?.kind !== 'text' || !step.readMedia) return inbound;
    const read = deps.readImage ? await deps.readImage(c.media).catch(() => ({ error: 'unreadable' as const })) : { error: 'unavailable' as const };
    return { ...inbound, content: 'text' in read ? { ...c, readText: read.text } : { ...c, readError: read.error } };
  }

  /** Expire one idle conversation in its own transaction, unless a turn (on any instance) just wrote it. */
  async function expireOne(r: ConversationRow, now: number): Promise<boolean> {
    return s.tx(async (q) => {
      await s.lock(q, r.pseudonym);
      const st = r.state as ConversationState;
      const turn = expire(flows, st, now);
      // Conditional on the rev the sweep read: a newer turn wins and this expiry does nothing.
      const won = affected(
        await q
          .update(conversations)
          .set({ state: turn.state, rev: r.rev + 1, updatedAt: now })
          .where(and(eq(conversations.pseudonym, r.pseudonym), eq(conversations.rev, r.rev))),
      );
      if (won !== 1) return false;
      const turnCtx: TurnCtx = { q, erased: false };
      for (const e of turn.effects) await runEffect(turnCtx, e, { pseudonym: r.pseudonym, state: { ...st, vars: { ...st.vars, channel: r.channel } } }, now);
      return true;
    });
  }

  return {
    async mediaGate(channel, address) {
      const pseudonym = identity.pseudonym(channel, address);
      return s.run(async (q) => {
        const row = await load(q, pseudonym);
        const state = (row?.state as ConversationState | undefined) ?? null;
        return mediaGateFor(flows, state, deps.maxMediaPerTip ?? Number.MAX_SAFE_INTEGER, (tipId) => tips.mediaCount(q, tipId));
      });
    },
    async handle(inbound, opts) {
      const key = `${inbound.channel}:${inbound.address}`;
      if (overLimit(key, clock())) {
        const locale = inbound.localeHint === 'en' ? 'en' : 'id';
        return {
          outputs: [{ kind: 'text', text: flows.catalogs[locale]['runtime.too_fast'] }],
          prompt: { flow: 'menu', step: 'main', kind: 'none' },
          locale,
        };
      }
      return chains.run(key, async () => handleTurn(await readIfAsked(inbound), opts?.clientAddress));
    },
    async expireIdle() {
      const now = clock();
      if (!(await claimRun(s, 'idle_sweep', now, IDLE_SWEEP_EVERY_MS))) return 0;
      const cutoff = now - deps.idleMinutes * 60_000;
      // Platforms redeliver for a day at most: a week of dedupe rows is plenty, and keeps the table small.
      await s.run((q) => q.delete(processedUpdates).where(lt(processedUpdates.processedAt, now - 7 * 86_400_000)));
      // Only conversations waiting inside a flow (not at the menu) can expire: the SQL filter keeps
      // the sweep proportional to the open conversations, not to everyone who ever wrote.
      const stale = await s.run((q) =>
        q
          .select()
          .from(conversations)
          .where(
            and(
              lt(conversations.updatedAt, cutoff),
              eq(jsonText(s, conversations.state, 'status'), 'waiting'),
              ne(jsonText(s, conversations.state, 'flowId'), 'menu'),
            ),
          ),
      );
      let expired = 0;
      for (const r of stale) if (await expireOne(r, now)) expired++;
      return expired;
    },
  };
}
