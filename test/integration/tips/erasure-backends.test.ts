/**
 * A reporter's own erase request and the delayed erasure, and the evidence sweep's reference list,
 * on both backends: their JSON look-ups (outbox payloads, conversation state) are the SQL that
 * differs between SQLite and PostgreSQL.
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../../src/storage/outbox.js';
import type { Storage } from '../../../src/storage/storage.js';
import { eraseDueRequests, eraseTips, requestErasure, SELF_ERASE_DELAY_MS } from '../../../src/tips/erasure.js';
import { referencedEvidence } from '../../../src/tips/evidence-sweep.js';
import { BACKENDS, closeInstances, openInstance } from '../../helpers/storage-instances.js';

afterEach(closeInstances);

const T0 = 1_764_000_000_000;
const SHA = (c: string) => c.repeat(64);

async function seedCase(s: Storage, id: string, pseudonym: string) {
  const t = s.t;
  await s.tx(async (q) => {
    await q.insert(t.tips).values({
      id,
      receiptHash: `hash-${id}`,
      pseudonym,
      channel: 'telegram',
      locale: 'id',
      description: 'Paspor ditahan agen di Entikong',
      answers: {},
      urgency: 'normal',
      urgencyScore: 10,
      urgencyReasons: [],
      status: 'new',
      complete: true,
      mayContact: true,
      createdAt: T0,
      updatedAt: T0,
    });
    await q.insert(t.contacts).values({ pseudonym, channel: 'telegram', addressEnc: `enc-${pseudonym}`, createdAt: T0, updatedAt: T0 });
  });
}

const waiting = (vars: Record<string, unknown>, answers: Record<string, unknown> = {}) => ({
  flowId: 'status',
  stepId: 'menu',
  status: 'waiting',
  answers,
  vars,
  locale: 'id',
  updatedAt: T0,
});

describe.each(BACKENDS)('erasure on %s', (backend) => {
  it('keeps a case that officers put on hold between retention picking it and erasing it', async () => {
    const s = await openInstance(backend);
    const t = s.t;
    await seedCase(s, 'H1', 'p-h1');
    await seedCase(s, 'H2', 'p-h2');
    // Both were due when the run listed them; then an officer held H1.
    await s.run((q) => q.update(t.tips).set({ hold: true }).where(eq(t.tips.id, 'H1')));
    const r = await eraseTips(s, ['H1', 'H2'], { mediaDir: '/nonexistent', now: T0, actor: 'system', action: 'test.erase', still: eq(t.tips.hold, false) });
    expect(r.tipIds).toEqual(['H2']);
    const left = await s.run((q) => q.select({ id: t.tips.id, description: t.tips.description }).from(t.tips));
    expect(left).toEqual([{ id: 'H1', description: 'Paspor ditahan agen di Entikong' }]);
  });

  it('cuts a case from its reporter at once and erases it after the delay unless officers hold it', async () => {
    const s = await openInstance(backend);
    const t = s.t;
    await seedCase(s, 'C1', 'p-me');
    await seedCase(s, 'C2', 'p-held');
    const [reply] = await s.run((q) => q.insert(t.tipMessages).values({ tipId: 'C1', direction: 'out', author: 'Sari', text: 'Kami hubungi', createdAt: T0 }).returning());
    await s.tx(async (q) => {
      await enqueueJob(s, q, { kind: 'relay_reply', payload: { tipMessageId: reply.id }, idempotencyKey: `relay:${reply.id}`, now: T0 });
      // The same case open on another device (status check), and an unrelated conversation.
      await q.insert(t.conversations).values({ pseudonym: 'p-other-device', channel: 'web', state: waiting({ tipId: 'C1' }), locale: 'id', createdAt: T0, updatedAt: T0 });
      await q.insert(t.conversations).values({ pseudonym: 'p-unrelated', channel: 'web', state: waiting({ tipId: 'C9' }), locale: 'id', createdAt: T0, updatedAt: T0 });
      await q.update(t.tips).set({ hold: true }).where(eq(t.tips.id, 'C2'));
    });

    expect(await s.tx((q) => requestErasure(s, q, 'C1', { now: T0 + 1, pseudonym: 'p-me' }))).toBe(true);
    expect(await s.tx((q) => requestErasure(s, q, 'C1', { now: T0 + 2, pseudonym: 'p-me' }))).toBe(false);
    expect(await s.tx((q) => requestErasure(s, q, 'C2', { now: T0 + 3, pseudonym: 'p-held' }))).toBe(true);

    const [c1] = await s.run((q) => q.select().from(t.tips).where(eq(t.tips.id, 'C1')));
    // The receipt no longer opens it, it no longer knows its sender, and the content is still there.
    expect(c1).toMatchObject({ pseudonym: null, mayContact: false, erasureRequestedAt: T0 + 1, description: 'Paspor ditahan agen di Entikong' });
    expect(c1.receiptHash).not.toBe('hash-C1');
    expect((await s.run((q) => q.select().from(t.contacts))).map((c) => c.pseudonym)).toEqual([]);
    expect(await s.run((q) => q.select().from(t.outbox))).toEqual([]); // the queued reply can no longer reach them
    expect((await s.run((q) => q.select().from(t.conversations))).map((c) => c.pseudonym)).toEqual(['p-unrelated']);

    // Before the delay nothing is erased; after it the held case stays.
    expect((await eraseDueRequests(s, { mediaDir: '/nonexistent', now: T0 + SELF_ERASE_DELAY_MS })).tipIds).toEqual([]);
    const due = await eraseDueRequests(s, { mediaDir: '/nonexistent', now: T0 + 1 + SELF_ERASE_DELAY_MS });
    expect(due).toMatchObject({ tipIds: ['C1'], checkpointed: true });
    expect((await s.run((q) => q.select().from(t.tips))).map((x) => x.id)).toEqual(['C2']);
    expect(await s.run((q) => q.select().from(t.tipMessages))).toEqual([]);
  });

  it('lists the evidence that reports and open conversations still refer to', async () => {
    const s = await openInstance(backend);
    const t = s.t;
    await seedCase(s, 'R1', 'p-r1');
    await s.tx(async (q) => {
      await q.insert(t.media).values({ id: 'm1', tipId: 'R1', sha256: SHA('a'), mime: 'image/jpeg', size: 10, kind: 'photo', createdAt: T0 });
      const pending = { evidence: [{ id: 'm2', sha256: SHA('b'), mime: 'image/png', size: 5, kind: 'photo' }] };
      await q.insert(t.conversations).values({ pseudonym: 'p-up', channel: 'web', state: waiting({}, pending), locale: 'id', createdAt: T0, updatedAt: T0 });
      await q.insert(t.conversations).values({ pseudonym: 'p-none', channel: 'web', state: waiting({ note: SHA('c') }), locale: 'id', createdAt: T0, updatedAt: T0 });
    });
    expect([...(await referencedEvidence(s))].sort()).toEqual([SHA('a'), SHA('b')]);
  });
});
