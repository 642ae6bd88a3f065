/**
 * The tip lifecycle's one owner on both backends (a real SQLite file, a real PostgreSQL database):
 * one state machine for every status move, one decision whether an officer's reply can be pushed
 * (opt-in, contact kept, channel pushes), regency moves, the figures' read model, and erasure that
 * leaves nothing about the case behind. Two storages on one database stand for two instances.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChannelPort, createChannelRegistry } from '../../../src/channels/channel-registry.js';
import { recordAudit } from '../../../src/storage/audit-log.js';
import { enqueueJob } from '../../../src/storage/outbox.js';
import type { Storage } from '../../../src/storage/storage.js';
import { canTransition, TRANSITIONS } from '../../../src/tips/tip-status.js';
import { createTipsRepository } from '../../../src/tips/tips-repository.js';
import { BACKENDS, closeInstances, openInstance, openInstances } from '../../helpers/storage-instances.js';

const dirs: string[] = [];
afterEach(async () => {
  await closeInstances();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const port = (channel: ChannelPort['channel'], pushes?: boolean): ChannelPort => ({
  channel,
  status: () => 'up',
  send: async () => ['1'],
  ...(pushes === undefined ? {} : { pushes }),
});

/** The repository as app.ts wires it: relays through the outbox, audit in the same transaction. */
function repositoryOn(s: Storage) {
  const channels = createChannelRegistry();
  channels.register(port('web', false));
  channels.register(port('telegram'));
  const mediaDir = mkdtempSync(join(tmpdir(), 'waspada-tips-media-'));
  dirs.push(mediaDir);
  return createTipsRepository({
    storage: s,
    mediaDir,
    canPush: (channel) => channels.canPush(channel),
    enqueueRelay: (q, tipMessageId, now) => enqueueJob(s, q, { kind: 'relay_reply', payload: { tipMessageId }, idempotencyKey: `relay:${tipMessageId}`, now }),
    audit: (q, entry) => recordAudit(s, q, entry),
    onStatusChanged: (q, tipId, to, now) => enqueueJob(s, q, { kind: 'alert_update', payload: { tipId }, idempotencyKey: `alert_update:${tipId}:${now}:${to}`, now }),
  });
}

async function insertTip(s: Storage, t: { id: string } & Partial<typeof s.t.tips.$inferInsert>): Promise<void> {
  await s.run((q) =>
    q.insert(s.t.tips).values({
      receiptHash: `hash-${t.id}`,
      pseudonym: `pseudo-${t.id}`,
      channel: 'telegram',
      locale: 'id',
      regency: 'sambas',
      description: 'Paspor adik saya ditahan agen',
      answers: { category: 'job_abroad' },
      urgency: 'normal',
      urgencyScore: 10,
      urgencyReasons: [],
      status: 'new',
      complete: true,
      createdAt: 1,
      updatedAt: 1,
      ...t,
    }),
  );
}

const insertContact = (s: Storage, pseudonym: string, channel: string, addressEnc: string) =>
  s.run((q) => q.insert(s.t.contacts).values({ pseudonym, channel, addressEnc, createdAt: 0, updatedAt: 0 }));

describe.each(BACKENDS)('tips repository on %s', (backend) => {
  it('moves a status only along the workflow, and a claim button only takes an unclaimed case', async () => {
    const s = await openInstance(backend);
    const repo = repositoryOn(s);
    await insertTip(s, { id: 'T1' });
    const move = (to: Parameters<typeof repo.transition>[2]['to'], by: string, now: number, onlyFrom?: Array<'new'>) =>
      s.tx((q) => repo.transition(q, 'T1', { to, by, onlyFrom }, now));
    expect(await move('claimed', 'Sari', 1, ['new'])).toEqual({ kind: 'ok', from: 'new', claimedBy: 'Sari' });
    // A second press (another officer) is refused and says who holds it.
    expect(await move('claimed', 'Budi', 2, ['new'])).toEqual({ kind: 'conflict', from: 'claimed', claimedBy: 'Sari' });
    expect(await move('closed', 'Sari', 3)).toMatchObject({ kind: 'ok', from: 'claimed' });
    // Closed goes nowhere but back to work; spam needs a reopen first.
    expect(canTransition('closed', 'spam')).toBe(false);
    expect(await move('spam', 'Sari', 4)).toMatchObject({ kind: 'conflict', from: 'closed' });
    expect(await move('closed', 'Sari', 5)).toMatchObject({ kind: 'same' });
    expect(await move('in_progress', 'Budi', 6)).toEqual({ kind: 'ok', from: 'closed', claimedBy: 'Sari' });
    expect(await s.tx((q) => repo.transition(q, 'NOPE', { to: 'closed', by: 'Sari' }, 7))).toEqual({ kind: 'not_found' });
    expect(Object.keys(TRANSITIONS)).toEqual(['new', 'claimed', 'in_progress', 'closed', 'spam']);
    // Each move that happened asked the group alerts to follow, in its own transaction.
    const updates = await s.run((q) => q.select().from(s.t.outbox).where(eq(s.t.outbox.kind, 'alert_update')));
    expect(updates).toHaveLength(3);
  });

  it('lets exactly one of two instances claim a case when officers press at once', async () => {
    const [a, b] = await openInstances(backend, 2);
    const repoA = repositoryOn(a);
    const repoB = repositoryOn(b);
    await insertTip(a, { id: 'RACE' });
    const claim = (s: Storage, repo: typeof repoA, by: string) =>
      s.tx((q) => repo.transition(q, 'RACE', { to: 'claimed', by, onlyFrom: ['new'] }, 10));
    const outcomes = await Promise.all([claim(a, repoA, 'Sari'), claim(b, repoB, 'Budi'), claim(a, repoA, 'Rina'), claim(b, repoB, 'Dewi')]);
    const won = outcomes.filter((o) => o.kind === 'ok');
    expect(won).toHaveLength(1);
    const [tip] = await b.run((q) => q.select().from(b.t.tips).where(eq(b.t.tips.id, 'RACE')));
    expect(tip.claimedBy).toBe((won[0] as { claimedBy: string }).claimedBy);
    // The losers were told who holds it.
    for (const o of outcomes.filter((x) => x.kind !== 'ok')) expect(o).toEqual({ kind: 'conflict', from: 'claimed', claimedBy: tip.claimedBy });
  });

  it('queues an officer reply only for an opted-in reporter on a channel that can push', async () => {
    const s = await openInstance(backend);
    const repo = repositoryOn(s);
    await insertTip(s, { id: 'TG', mayContact: true, pseudonym: 'p-tg' });
    await insertTip(s, { id: 'WEB', mayContact: true, pseudonym: 'p-web', channel: 'web' });
    await insertTip(s, { id: 'WA', mayContact: true, pseudonym: 'p-wa', channel: 'whatsapp' });
    await insertTip(s, { id: 'NO', mayContact: false, pseudonym: 'p-no' });
    await insertContact(s, 'p-tg', 'telegram', 'enc-tg');
    await insertContact(s, 'p-web', 'web', 'enc-web');
    await insertContact(s, 'p-wa', 'whatsapp', 'enc-wa'); // WhatsApp is not configured here
    await insertContact(s, 'p-no', 'telegram', 'enc-no');
    const delivered = [];
    for (const id of ['TG', 'WEB', 'WA', 'NO']) delivered.push((await repo.reply(id, { author: 'Sari', actor: 'officer:1:Sari', text: `untuk ${id}` }, 10))?.delivered);
    expect(delivered).toEqual(['queued', 'waiting_for_reporter', 'waiting_for_reporter', 'waiting_for_reporter']);
    expect(await repo.reply('NOPE', { author: 'Sari', actor: 'x', text: 'x' }, 10)).toBeUndefined();
    const queued = await s.run((q) => q.select().from(s.t.outbox));
    expect(queued).toHaveLength(1);
    const id = (queued[0].payload as { tipMessageId: number }).tipMessageId;
    expect(await repo.relayTarget(id)).toEqual({ tipId: 'TG', text: 'untuk TG', channel: 'telegram', addressEnc: 'enc-tg', locale: 'id' });
    await s.tx((q) => repo.markDelivered(q, id));
    expect(await repo.relayTarget(id)).toBeUndefined();
    // Every reply is audited (four tips exist; the unknown one wrote nothing).
    const audits = await s.run((q) => q.select().from(s.t.auditLog).where(eq(s.t.auditLog.action, 'tip.reply')));
    expect(audits.map((a) => a.tipId).sort()).toEqual(['NO', 'TG', 'WA', 'WEB']);
  });

  it('moves a case to another regency, releasing the old team\'s claim, and counts first claims for the figures', async () => {
    const s = await openInstance(backend);
    const repo = repositoryOn(s);
    await insertTip(s, { id: 'M1', status: 'claimed', claimedBy: 'Sari', createdAt: 100 });
    await insertTip(s, { id: 'M2', regency: 'sanggau', createdAt: 200 });
    await insertTip(s, { id: 'M3', status: 'spam', createdAt: 300 });
    await s.tx(async (q) => {
      await recordAudit(s, q, { actor: 'telegram:1', action: 'tip.claim', tipId: 'M1', now: 150 });
      await recordAudit(s, q, { actor: 'officer:1:Sari', action: 'tip.status', tipId: 'M2', detail: { from: 'new', to: 'in_progress' }, now: 260 });
      await recordAudit(s, q, { actor: 'officer:1:Sari', action: 'tip.status', tipId: 'M2', detail: { from: 'new', to: 'closed' }, now: 250 });
    });
    const moved = await s.tx((q) => repo.moveRegency(q, 'M1', { to: 'bengkayang', author: 'Sari', note: 'lebih dekat' }, 400));
    expect(moved).toEqual({ kind: 'ok', from: 'sambas', released: 'claimed' });
    expect(await s.tx((q) => repo.moveRegency(q, 'M1', { to: 'bengkayang', author: 'Sari' }, 401))).toEqual({ kind: 'same_regency' });
    expect(await s.tx((q) => repo.moveRegency(q, 'M3', { to: 'sanggau', author: 'Sari' }, 402))).toEqual({ kind: 'finished', status: 'spam' });
    const [m1] = await s.run((q) => q.select().from(s.t.tips).where(eq(s.t.tips.id, 'M1')));
    expect(m1).toMatchObject({ regency: 'bengkayang', status: 'new', claimedBy: null });
    const thread = await s.run((q) => q.select().from(s.t.tipMessages).where(eq(s.t.tipMessages.tipId, 'M1')));
    expect(thread.map((m) => [m.direction, m.text])).toEqual([
      ['system', 'transfer:sambas:bengkayang'],
      ['note', 'lebih dekat'],
    ]);

    const figures = await repo.figureRows(null);
    expect(figures.sort((x, y) => x.created_at - y.created_at)).toEqual([
      { regency: 'bengkayang', urgency: 'normal', status: 'new', created_at: 100, claimed_at: 150 },
      // Only a move to claimed/in_progress counts as a claim (the closing one does not).
      { regency: 'sanggau', urgency: 'normal', status: 'new', created_at: 200, claimed_at: 260 },
    ]);
    expect((await repo.figureRows(['sanggau'])).map((r) => r.regency)).toEqual(['sanggau']);
    expect(await repo.figureRows([])).toEqual([]);
  });

  it('erases a case and everything that points at it, queueing the removal of the alerts it caused', async () => {
    const s = await openInstance(backend);
    const repo = repositoryOn(s);
    const t = s.t;
    await insertTip(s, { id: 'E1', mayContact: true, pseudonym: 'p-e1' });
    await insertTip(s, { id: 'KEEP', pseudonym: 'p-keep' });
    await insertContact(s, 'p-e1', 'telegram', 'enc');
    const msgId = (await repo.reply('E1', { author: 'Sari', actor: 'officer:1:Sari', text: 'balasan' }, 20))?.tipMessageId;
    await s.tx(async (q) => {
      await q.insert(t.alertMessages).values({ channel: 'telegram', chatId: '-100', messageId: '55', tipId: 'E1', kind: 'alert', createdAt: 21 });
      await enqueueJob(s, q, { kind: 'taskforce_alert', payload: { tipId: 'E1' }, idempotencyKey: 'alert:E1', now: 21 });
      await enqueueJob(s, q, { kind: 'taskforce_alert', payload: { tipId: 'KEEP' }, idempotencyKey: 'alert:KEEP', now: 21 });
      await enqueueJob(s, q, { kind: 'taskforce_alert_wa', payload: { tipId: 'E1', jid: '120363@g.us' }, idempotencyKey: 'alert-wa:E1', now: 21 });
      await q.update(t.outbox).set({ status: 'delivered', deliveredAt: 22, platformMessageId: 'WA1,WA2' }).where(eq(t.outbox.idempotencyKey, 'alert-wa:E1'));
      const state = { flowId: 'status', stepId: 'menu', status: 'waiting', answers: {}, vars: { tipId: 'E1' }, locale: 'id', updatedAt: 0 };
      await q.insert(t.conversations).values({ pseudonym: 'p-other', channel: 'web', state, locale: 'id', createdAt: 0, updatedAt: 0 });
      await q.insert(t.conversations).values({ pseudonym: 'p-calm', channel: 'web', state: { ...state, vars: { tipId: 'KEEP' } }, locale: 'id', createdAt: 0, updatedAt: 0 });
    });
    expect(msgId).toBeTypeOf('number');

    expect(await repo.erase('E1', 'officer:1:Sari', 30)).toBe(true);
    expect(await repo.erase('E1', 'officer:1:Sari', 31)).toBe(false);

    expect((await s.run((q) => q.select().from(t.tips))).map((r) => r.id)).toEqual(['KEEP']);
    expect(await s.run((q) => q.select().from(t.tipMessages))).toEqual([]);
    expect(await s.run((q) => q.select().from(t.contacts))).toEqual([]);
    expect(await s.run((q) => q.select().from(t.alertMessages))).toEqual([]);
    expect((await s.run((q) => q.select().from(t.conversations))).map((r) => r.pseudonym)).toEqual(['p-calm']);
    const outbox = await s.run((q) => q.select().from(t.outbox));
    // The case's own work (alert, relay) is gone; the platform messages it caused are queued for removal.
    expect(outbox.map((o) => o.idempotencyKey).sort()).toEqual(['alert:KEEP', 'erase_msg:tg:-100:55', 'erase_msg:wa:WA1', 'erase_msg:wa:WA2']);
    expect(outbox.find((o) => o.idempotencyKey === 'erase_msg:wa:WA1')?.payload).toEqual({ messageId: 'WA1', sentAt: 22, jid: '120363@g.us' });
    const audit = await s.run((q) => q.select().from(t.auditLog).where(eq(t.auditLog.action, 'tip.erase')));
    expect(audit).toMatchObject([{ actor: 'officer:1:Sari', tipId: 'E1', at: 30 }]);
  });
});
