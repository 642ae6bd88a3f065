/**
 * The WhatsApp session store through the whole service (`buildApp`, SQLite files in WAL mode)
 * and a fake Baileys socket that stores Signal keys the way Baileys does: after a conversation,
 * the reporter's phone number and LID appear nowhere in clear on disk; per-contact keys are
 * pruned after the documented inactivity; an erased case's WhatsApp alert is deleted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useStoredAuthState, WA_CONTACT_KEYS_TTL_DAYS } from '../../../src/channels/whatsapp/wa-auth-store.js';
import { TEST_SECRET, type TestApp } from '../../helpers/app.js';
import { wordsOnDisk } from '../../helpers/disk-scan.js';
import { text, waMessage } from '../../helpers/fake-baileys.js';
import { startWhatsAppService } from '../../helpers/whatsapp-service.js';

const PN_USER = '6281234567890';
const LID_USER = '128394857261234';
const PN = `${PN_USER}@s.whatsapp.net`;
const LID = `${LID_USER}@lid`;
const GROUP = '120363000000001@g.us';
const ADMIN = 'admin-token-'.padEnd(32, 'w');
const DAY = 86_400_000;

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup() {
  const wa = await startWhatsAppService({ TASKFORCE_WHATSAPP_JID: GROUP, ADMIN_TOKEN: ADMIN });
  t = wa.t;
  const sock = wa.sock;
  sock.ev.emit('creds.update', {}); // Baileys announces the paired account; the adapter saves it
  let n = 0;
  const say = async (body: string) => {
    sock.deliver([
      waMessage({ from: LID, id: `3AWA${String(++n).padStart(16, '0')}`, message: text(body), ts: Math.floor((t?.clock.now ?? 0) / 1000) }, { remoteJidAlt: PN, addressingMode: 'lid' }),
    ]);
    await t?.app.whatsapp.idle();
  };
  return { app: t.app, sock, say };
}

/** An urgent report by a LID-addressed sender whose phone number Baileys knows. */
async function urgentReport(say: (body: string) => Promise<void>, description: string) {
  for (const m of ['halo', 'report', 'family_friend', 'domestic_work', 'sanggau', 'Kuching', 'Pak Budi', description, 'skip', 'yes', 'holding_house', 'one', 'now', 'no', 'yes', 'yes', 'confirm']) {
    await say(m);
  }
}

describe('WhatsApp session store on disk', () => {
  it('keeps no phone number or LID in clear in the db or WAL, and prunes contact keys after the inactivity period', async () => {
    const { app, sock, say } = await setup();
    await urgentReport(say, 'Kakak saya dikurung di rumah agen, paspornya ditahan');
    expect(sock.sent.some((s) => s.jid === PN || s.jid === LID)).toBe(true);
    await app.outboxWorker.tick();

    // The store did receive the sender's keys (this test can fail)…
    const keys = (await useStoredAuthState(app.storage, { secret: TEST_SECRET, now: () => t!.clock.now })).state.keys;
    expect(await keys.get('lid-mapping', [PN_USER])).toEqual({ [PN_USER]: LID_USER });
    expect(Object.keys(await keys.get('session', [`${LID_USER}_1.0`, `${PN_USER}.0`]))).toHaveLength(2);
    // …yet neither the number nor the LID is readable anywhere on disk.
    expect(wordsOnDisk(t!.dir, [PN_USER, LID_USER, PN, LID])).toEqual({});
    const ids = app.db.$client.prepare('select id from wa_auth').all() as Array<{ id: string }>;
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.every((r) => r.id.startsWith('h1.'))).toBe(true);
    // Without the secret the rows are useless: no session, no mapping.
    const stranger = await useStoredAuthState(app.storage, { secret: 'another-secret-'.padEnd(64, 'o'), now: () => t!.clock.now });
    expect(stranger.state.creds.me).toBeUndefined();
    expect(await stranger.state.keys.get('lid-mapping', [PN_USER])).toEqual({});

    // One day short of the period nothing goes; after it, the contact's keys go and the session stays paired.
    t!.clock.now += (WA_CONTACT_KEYS_TTL_DAYS - 1) * DAY;
    expect((await app.retention.runOnce()).waKeys).toBe(0);
    t!.clock.now += 2 * DAY;
    expect((await app.retention.runOnce()).waKeys).toBeGreaterThan(5);
    const after = await useStoredAuthState(app.storage, { secret: TEST_SECRET, now: () => t!.clock.now });
    expect(await after.state.keys.get('lid-mapping', [PN_USER])).toEqual({});
    expect(await after.state.keys.get('session', [`${PN_USER}.0`])).toEqual({});
    expect(after.state.creds.me?.id).toBe('6285000000001:7@s.whatsapp.net');
  });

  it("deletes an erased case's WhatsApp alert in the task-force group", async () => {
    const { app, sock, say } = await setup();
    await urgentReport(say, 'Kakak saya dikurung di rumah agen, paspornya ditahan');
    await app.outboxWorker.tick();
    const alert = sock.sent.find((s) => s.jid === GROUP);
    expect(alert).toBeDefined();
    const tipId = (app.db.$client.prepare('select id from tips').get() as { id: string }).id;
    const res = await app.inject({ method: 'DELETE', url: `/api/tips/${tipId}`, headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.statusCode).toBe(200);
    await app.outboxWorker.tick();
    expect(sock.deleted).toEqual([{ jid: GROUP, id: alert!.id }]);
  });
});
