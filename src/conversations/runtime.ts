/**
 * The conversation runtime: dedupe → one turn at a time per sender → load → advance → execute
 * effects → save, all in ONE SQLite transaction, then the replies. A crash before the commit
 * loses nothing acknowledged (no reply was sent); a crash after it loses nothing stored.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { advance, expire } from '../engine/engine.js';
import type { ConversationState, Effect, EffectResult, FlowSet, Turn } from '../engine/types.js';
import { createWindowLimiter } from '../http/window-limiter.js';
import type { Inbound, Locale, MediaRef, Outbound } from '../messages.js';
import { createKeyedChain } from '../pacing/keyed-chain.js';
import { type Db, tx } from '../storage/db.js';
import { conversations, processedUpdates } from '../storage/schema.js';
import { checkpointTruncate, requestErasure } from '../tips/erasure.js';
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
export type RegistryPort = { check(query: string): AgencyCheck };

export type RuntimeDeps = {
  db: Db;
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
  /** The job-ad check (`check_ad` effect), run inside the turn's transaction. */
  checkAd?: (text: string) => EffectResult;
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


export function createConversationRuntime(deps: RuntimeDeps): ConversationRuntime & {
  /** Expire idle conversations (abandoned reports become incomplete tips). Returns how many. */
  expireIdle(): number;
} {
  const { db, flows, identity, tips, registry, clock } = deps;
  // One turn at a time per sender (a second message waits for the first's transaction).
  const chains = createKeyedChain();
  // The statements of every turn, built and prepared once: query building was about half
  // of a turn's CPU time (see test/bench/profile-turn.ts).
  const hot = {
    markProcessed: db
      .insert(processedUpdates)
      .values({ channel: sql.placeholder('channel'), platformId: sql.placeholder('platformId'), processedAt: sql.placeholder('now') })
      .onConflictDoNothing()
      .prepare(),
    insert: db
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
      })
      .prepare(),
    load: db.select().from(conversations).where(eq(conversations.pseudonym, sql.placeholder('pseudonym'))).prepare(),
    save: db
      .update(conversations)
      .set({
        state: sql.placeholder('state'),
        locale: sql`${sql.placeholder('locale')}`,
        rev: sql`${sql.placeholder('nextRev')}`,
        messageCount: sql`${sql.placeholder('messageCount')}`,
        updatedAt: sql`${sql.placeholder('now')}`,
      })
      .where(and(eq(conversations.pseudonym, sql.placeholder('pseudonym')), eq(conversations.rev, sql.placeholder('rev'))))
      .prepare(),
  };
  /** Set by a reporter's erase request: the WAL is checkpointed once the turn has committed. */
  let erasedInTurn = false;
  const receiptMisses = createWindowLimiter({ max: deps.receiptAttemptsPerAddressPerHour ?? Number.MAX_SAFE_INTEGER, windowMs: 3_600_000 });

  // Turns per sender per minute, in memory only, bounded like every other limit. (The hand-made
  // window it replaces rescanned all of its keys on every turn once 50 000 senders had written
  // within a minute: turns fell from ~4 000/s to ~500/s, and a flood of new conversations could
  // cause exactly that.)
  const perSender = deps.perSenderPerMinute ? createWindowLimiter({ max: deps.perSenderPerMinute, windowMs: 60_000 }) : null;
  const overLimit = (key: string, now: number): boolean => (perSender ? !perSender.take(key, now).ok : false);

  type EffectCtx = { pseudonym: string; inbound?: Inbound; state: ConversationState; clientAddress?: string; raisedByScan?: boolean };

  function runEffect(effect: Effect, ctx: EffectCtx, now: number): EffectResult | null {
    switch (effect.kind) {
      case 'lookup_agency': {
        const r = registry.check(effect.query);
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
        const r = tips.submit(
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
        const r = tips.lookup(ctx.pseudonym, effect.receipt, now);
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
        const ok = tips.addFollowup(effect.tipId, effect.text, effect.media, now);
        return { outcome: ok ? 'ok' : 'failed', clear: ['followup', 'followup_media'] };
      }
      case 'check_ad':
        return deps.checkAd ? deps.checkAd(effect.text) : { outcome: 'failed' };
      case 'request_erasure': {
        const ok = !!effect.tipId && requestErasure(db, effect.tipId, { now, pseudonym: ctx.pseudonym });
        if (ok) erasedInTurn = true;
        // The case is no longer this conversation's: forget it with the answers (the receipt).
        return { outcome: ok ? 'ok' : 'failed', clear: ['receipt', 'followup', 'followup_media'] };
      }
      case 'scan_text': {
        // Only flows that declare it raise an early alert (FlowDef.earlyAlert), once per draft.
        if (!deps.flows.flows[ctx.state.flowId]?.earlyAlert || ctx.state.vars.draftTipId || !ctx.inbound) return null;
        const signal = deps.scanText(effect.text);
        if (signal.urgency !== 'urgent') return null;
        ctx.state.vars.draftTipId = tips.createDraft(
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
        ctx.state.vars.draftTipId = tips.createDraft(
          { pseudonym: ctx.pseudonym, channel, locale: ctx.state.locale, answers: effect.answers },
          signal,
          now,
        );
        return { outcome: 'ok' };
      }
    }
  }

  /** Run the engine to a waiting state, executing effects as they come. */
  function drive(first: Turn, pseudonym: string, inbound: Inbound | undefined, now: number, clientAddress?: string): { state: ConversationState; outputs: Outbound[]; turn: Turn } {
    let turn = first;
    const outputs = [...turn.outputs];
    for (let i = 0; i < 20; i++) {
      let routed: EffectResult | null = null;
      for (const effect of turn.effects) {
        const ctx: EffectCtx = { pseudonym, inbound, state: turn.state, clientAddress };
        const r = runEffect(effect, ctx, now);
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

  function handleSync(inbound: Inbound, clientAddress?: string): HandleResult | null {
    const now = clock();
    const pseudonym = identity.pseudonym(inbound.channel, inbound.address);
    erasedInTurn = false;
    const result = tx(db, (): HandleResult | null => {
      if (inbound.platformMessageId !== undefined) {
        const fresh = hot.markProcessed.run({ channel: inbound.channel, platformId: inbound.platformMessageId, now });
        if (fresh.changes === 0) return null;
      }
      const row = hot.load.get({ pseudonym });
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
      const { state, outputs, turn } = drive(first, pseudonym, inbound, now, clientAddress);
      if (row) {
        hot.save.run({ state, locale: state.locale, nextRev: row.rev + 1, messageCount: row.messageCount + 1, now, pseudonym, rev: row.rev });
      } else {
        hot.insert.run({ pseudonym, channel: inbound.channel, state, locale: state.locale, now });
      }
      return { outputs, prompt: turn.prompt, locale: state.locale };
    });
    if (erasedInTurn) checkpointTruncate(db);
    return result;
  }

  /**
   * An image sent to a step that reads media as text (a screenshot of a job advert) is read by
   * local OCR first, outside the transaction; anywhere else media passes untouched.
   */
  async function readIfAsked(inbound: Inbound): Promise<Inbound> {
    const c = inbound.content;
    if (c.kind !== 'media' || c.media.kind !== 'photo') return inbound;
    const row = hot.load.get({ pseudonym: identity.pseudonym(inbound.channel, inbound.address) });
    const state = row?.state as ConversationState | undefined;
    const step = state?.status === 'waiting' ? flows.flows[state.flowId]?.steps[state.stepId] : undefined;
    if (step?.kind !== 'text' || !step.readMedia) return inbound;
    const read = deps.readImage ? await deps.readImage(c.media).catch(() => ({ error: 'unreadable' as const })) : { error: 'unavailable' as const };
    return { ...inbound, content: 'text' in read ? { ...c, readText: read.text } : { ...c, readError: read.error } };
  }

  return {
    mediaGate(channel, address) {
      const row = hot.load.get({ pseudonym: identity.pseudonym(channel, address) });
      const state = (row?.state as ConversationState | undefined) ?? null;
      return mediaGateFor(flows, state, deps.maxMediaPerTip ?? Number.MAX_SAFE_INTEGER, (tipId) => tips.mediaCount(tipId));
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
      return chains.run(key, async () => handleSync(await readIfAsked(inbound), opts?.clientAddress));
    },
    expireIdle() {
      const now = clock();
      const cutoff = now - deps.idleMinutes * 60_000;
      // Platforms redeliver for a day at most: a week of dedupe rows is plenty, and keeps the table small.
      db.delete(processedUpdates).where(lt(processedUpdates.processedAt, now - 7 * 86_400_000)).run();
      // Only conversations waiting inside a flow (not at the menu) can expire: the SQL filter keeps
      // the sweep proportional to the open conversations, not to everyone who ever wrote.
      const stale = db
        .select()
        .from(conversations)
        .where(
          and(
            lt(conversations.updatedAt, cutoff),
            sql`json_extract(${conversations.state}, '$.status') = 'waiting'`,
            sql`json_extract(${conversations.state}, '$.flowId') <> 'menu'`,
          ),
        )
        .all();
      for (const r of stale) {
        tx(db, () => {
          const s = r.state as ConversationState;
          const turn = expire(flows, s, now);
          for (const e of turn.effects) runEffect(e, { pseudonym: r.pseudonym, state: { ...s, vars: { ...s.vars, channel: r.channel } } }, now);
          db.update(conversations).set({ state: turn.state, rev: r.rev + 1, updatedAt: now }).where(and(eq(conversations.pseudonym, r.pseudonym), eq(conversations.rev, r.rev))).run();
        });
      }
      return stale.length;
    },
  };
}
