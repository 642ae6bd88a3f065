/**
 * The conversation runtime on both backends, with two runtimes on one database standing for two
 * instances behind a load balancer (on SQLite, one node: both share its one storage). One sender's
 * turns may land on either instance in any order: none is lost, a redelivered update is processed
 * once, and the idle sweep runs once per interval across instances and never overwrites a turn that
 * beat it to the conversation.
 *
 * The runtime is built from the same parts app.ts uses (flows, identity, tips service and
 * repository, triage); buildApp itself opens PostgreSQL only once the whole service is on the port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlowSet } from '../../../flows/index.js';
import { applyContacts, DEFAULT_CONTACTS_FILE, loadContacts } from '../../../src/contacts/contacts.js';
import { createIdentity } from '../../../src/conversations/identity.js';
import { createConversationRuntime, IDLE_SWEEP_EVERY_MS } from '../../../src/conversations/runtime.js';
import type { Inbound, InboundContent } from '../../../src/messages.js';
import { recordAudit } from '../../../src/storage/audit-log.js';
import { enqueueJob } from '../../../src/storage/outbox.js';
import type { Storage } from '../../../src/storage/storage.js';
import { createTipsRepository } from '../../../src/tips/tips-repository.js';
import { createTipsService } from '../../../src/tips/tips-service.js';
import { extractIdentifiers } from '../../../src/triage/identifiers.js';
import { scanText, scoreTip } from '../../../src/triage/score.js';
import { BACKENDS, closeInstances, openInstances } from '../../helpers/storage-instances.js';

const SECRET = 'k'.repeat(64);
const dirs: string[] = [];
afterEach(async () => {
  await closeInstances();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** One instance's runtime over storage `s`, wired as app.ts wires it; the clock is shared. */
function instance(s: Storage, clock: { now: number }) {
  const flows = loadFlowSet();
  applyContacts(flows.catalogs, loadContacts(DEFAULT_CONTACTS_FILE));
  const mediaDir = mkdtempSync(join(tmpdir(), 'waspada-turns-'));
  dirs.push(mediaDir);
  const repository = createTipsRepository({
    storage: s,
    mediaDir,
    canPush: () => false,
    enqueueRelay: (q, tipMessageId, now) => enqueueJob(s, q, { kind: 'relay_reply', payload: { tipMessageId }, idempotencyKey: `relay:${tipMessageId}`, now }),
    audit: (q, entry) => recordAudit(s, q, entry),
  });
  const tips = createTipsService({
    storage: s,
    secret: SECRET,
    triage: { scoreTip, scanText },
    extractLinks: extractIdentifiers,
    receiptAttemptsPerHour: 10,
    repository,
  });
  return createConversationRuntime({
    storage: s,
    flows,
    identity: createIdentity(SECRET),
    tips,
    registry: {
      check: () => {
        throw new Error('these conversations never look up an agency');
      },
    },
    scanText,
    clock: () => clock.now,
    defaultLocale: 'id',
    idleMinutes: 30,
    maxMessagesPerConversation: 10_000,
  });
}

let seq = 0;
/** A Telegram message from chat 4242 (a platform delivery id, so dedupe applies). */
const from4242 = (content: InboundContent, id = `m${seq++}`, address = '4242'): Inbound => ({
  channel: 'telegram',
  address,
  platformMessageId: id,
  receivedAt: 0,
  content,
});
const say = (text: string) => from4242({ kind: 'text', text });
const choose = (choiceId: string) => from4242({ kind: 'choice', choiceId });

async function conversationRow(s: Storage) {
  const [row] = await s.run((q) => q.select().from(s.t.conversations));
  return row;
}

describe.each(BACKENDS)('conversation turns across instances on %s', (backend) => {
  it('takes a report whose messages alternate between two instances, answer by answer', async () => {
    const [sa, sb] = await openInstances(backend, 2);
    const clock = { now: 1_764_000_000_000 };
    const [a, b] = [instance(sa, clock), instance(sb, clock)];
    const script = [
      say('/start'),
      choose('report'),
      choose('someone_else'),
      choose('job_abroad'),
      say('Kabupaten Pontianak'),
      say('Malaysia'),
      say('Pak Anton 0812-1111-2222'),
      say('Ditawari kerja di kebun sawit, gaji 8 juta, diminta bayar 2 juta'),
      choose('skip'),
      choose('no'),
      choose('home_area'),
      choose('one'),
      choose('weeks'),
      choose('no'),
      choose('no'),
      choose('no'),
      choose('confirm'),
    ];
    let last = null;
    for (const [i, inbound] of script.entries()) {
      clock.now += 1_000;
      last = await (i % 2 ? b : a).handle(inbound);
      expect(last).not.toBeNull();
    }
    // Every answer was seen by the instance that took the next one: the report is whole.
    expect(last?.outputs.map((o) => ('text' in o ? o.text : '')).join('\n')).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    const tips = await sb.run((q) => q.select().from(sb.t.tips));
    expect(tips).toHaveLength(1);
    expect(tips[0]).toMatchObject({ regency: 'mempawah', destination: 'Malaysia', complete: true });
    expect(tips[0].description).toContain('kebun sawit');
    expect(await conversationRow(sa)).toMatchObject({ rev: script.length, messageCount: script.length });
  });

  it('loses no turn when one sender\'s messages hit both instances at the same moment', async () => {
    const [sa, sb] = await openInstances(backend, 2);
    const clock = { now: 1_764_000_000_000 };
    const [a, b] = [instance(sa, clock), instance(sb, clock)];
    await a.handle(say('/start'));
    const burst = Array.from({ length: 30 }, (_, i) => (i % 2 ? b : a).handle(i % 3 ? choose('learn') : say('menu')));
    const results = await Promise.all(burst);
    // Every message got its answer (none refused as a conflict), and each turn was counted once.
    expect(results.every((r) => r !== null && r.outputs.length > 0)).toBe(true);
    expect(await conversationRow(sb)).toMatchObject({ rev: 31, messageCount: 31 });
  });

  it('processes an update delivered to both instances once', async () => {
    const [sa, sb] = await openInstances(backend, 2);
    const clock = { now: 1_764_000_000_000 };
    const [a, b] = [instance(sa, clock), instance(sb, clock)];
    const update = say('halo');
    const results = await Promise.all([a.handle(update), b.handle(update), a.handle(update), b.handle(update)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await conversationRow(sa)).toMatchObject({ rev: 1, messageCount: 1 });
  });

  it('turns an abandoned report into one incomplete tip when every instance runs the idle sweep', async () => {
    const [sa, sb] = await openInstances(backend, 2);
    const clock = { now: 1_764_000_000_000 };
    const [a, b] = [instance(sa, clock), instance(sb, clock)];
    /** A report left after its description (the last answer taken by the other instance). */
    const abandon = async (address: string) => {
      const text = (t: string): InboundContent => ({ kind: 'text', text: t });
      const choice = (id: string): InboundContent => ({ kind: 'choice', choiceId: id });
      const steps = [text('/start'), choice('report'), choice('someone_else'), choice('online_scam'), text('Kubu Raya'), text('Kamboja'), choice('skip')];
      for (const c of steps) await a.handle(from4242(c, `m${seq++}`, address));
      await b.handle(from4242(text('Sepupu saya ditawari jadi operator IT, katanya gaji besar'), `m${seq++}`, address));
    };
    const t0 = clock.now;
    await abandon('4242');
    clock.now = t0 + 30_000;
    await abandon('5353'); // idle 30 s later than the first
    clock.now = t0 + 30 * 60_000 + 10_000; // only the first is idle for 30 minutes
    const swept = await Promise.all([a.expireIdle(), b.expireIdle(), a.expireIdle(), b.expireIdle()]);
    expect(swept.reduce((x, y) => x + y, 0)).toBe(1);
    const tips = await sa.run((q) => q.select().from(sa.t.tips));
    expect(tips).toHaveLength(1);
    expect(tips[0]).toMatchObject({ complete: false, category: 'online_scam' });
    // The second report is idle long enough 30 s later, but this interval's sweep has run already.
    clock.now += 30_000;
    expect(await Promise.all([a.expireIdle(), b.expireIdle()])).toEqual([0, 0]);
    clock.now += IDLE_SWEEP_EVERY_MS;
    expect((await Promise.all([b.expireIdle(), a.expireIdle()])).sort()).toEqual([0, 1]);
    expect(await sb.run((q) => q.select().from(sb.t.tips))).toHaveLength(2);
    // The sender starts afresh at the menu, on either instance.
    const next = await b.handle(say('halo'));
    expect(next?.prompt.flow).toBe('menu');
  });

  it('lets a turn that lands between the idle sweep\'s read and its write win over the expiry', async () => {
    const [sa, sb] = await openInstances(backend, 2);
    const clock = { now: 1_764_000_000_000 };
    // Instance A's storage runs `beforeNextTx` once, just before its next transaction opens: the
    // sweep has read the idle conversation by then, and writes it in that transaction.
    let beforeNextTx: (() => Promise<unknown>) | undefined;
    const watched: Storage = {
      ...sa,
      tx: async (fn) => {
        const hook = beforeNextTx;
        beforeNextTx = undefined;
        await hook?.();
        return sa.tx(fn);
      },
    };
    const [a, b] = [instance(watched, clock), instance(sb, clock)];
    for (const m of [say('/start'), choose('report'), choose('someone_else'), choose('online_scam'), say('Kubu Raya'), say('Kamboja'), choose('skip')]) {
      await a.handle(m);
    }
    clock.now += 31 * 60_000;
    // The reporter comes back at that very moment, on the other instance, with the description.
    let answered: Awaited<ReturnType<typeof b.handle>> = null;
    beforeNextTx = async () => {
      answered = await b.handle(say('Sepupu saya ditawari jadi operator IT, katanya gaji besar'));
    };
    expect(await a.expireIdle()).toBe(0);
    expect(answered).not.toBeNull();
    // Nothing was turned into a tip behind the reporter's back, and their answer is kept.
    expect(await sa.run((q) => q.select().from(sa.t.tips))).toEqual([]);
    const row = await conversationRow(sb);
    expect(row.state).toMatchObject({ flowId: 'report', status: 'waiting', answers: { description: expect.stringContaining('operator IT') } });
  });
});
