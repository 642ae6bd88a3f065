/**
 * An officer's question reaches a reporter who allowed contact, pushed on WhatsApp (the real
 * runtime and outbox, a fake Baileys socket with Baileys' shapes) with a neutral prefix — and with
 * `DISCREET_UI=true` a prefix that does not even mention a report.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSocketFactory, text, waMessage } from '../../helpers/fake-baileys.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { rawSql } from '../../helpers/raw-sql.js';

const PN = '6281234567890@s.whatsapp.net';
const ADMIN = 'admin-token-'.padEnd(32, 'z');
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function pushedQuestion(env: Record<string, string>): Promise<string[]> {
  const factory = fakeSocketFactory();
  t = await buildTestApp(
    { WHATSAPP_ENABLED: 'true', ADMIN_TOKEN: ADMIN, ...env },
    {
      whatsapp: {
        makeSocket: factory.makeSocket,
        pacing: { perChatMs: 0, globalMs: 0, jitterMs: 0, typingMsPerChar: 0 },
        sleep: async () => undefined,
        setTimer: () => () => undefined,
        printQr: () => undefined,
        now: () => t?.clock.now ?? 0,
      },
    },
  );
  const app = t.app;
  await app.whatsapp.idle();
  const sock = factory.last();
  sock.open();
  let n = 0;
  const say = async (body: string) => {
    sock.deliver([waMessage({ from: PN, id: `3AFIELD${String(++n).padStart(10, '0')}`, message: text(body), ts: Math.floor((t?.clock.now ?? 0) / 1000) })]);
    await app.whatsapp.idle();
  };
  // A report on WhatsApp, answered as people do (numbers and labels): report, about me, job
  // abroad, Sambas, Kuching, recruiter skipped, the story, no evidence, not in danger (where and
  // how many skipped), leaving in
  // weeks, no minor, passport not held, MAY contact (2 = yes), send.
  for (const step of ['halo', '1', '1', '1', 'Sambas', 'Kuching', 'Lewati', 'Saya ditawari kerja di Kuching tanpa visa kerja', 'Lewati', '2', 'Lewati', 'Lewati', '3', '2', '2', '2', '1']) {
    await say(step);
  }
  const tipId = ((await rawSql(app).get('select id from tips')) as { id: string }).id;
  const before = sock.sent.length;
  const res = await app.inject({ method: 'POST', url: `/api/tips/${tipId}/replies`, headers: { authorization: `Bearer ${ADMIN}` }, payload: { text: 'Kapan Anda dijadwalkan berangkat?' } });
  expect(res.json()).toMatchObject({ delivered: 'queued' });
  await app.outboxWorker.tick();
  await app.whatsapp.idle();
  return sock.sent.slice(before).filter((s) => s.jid === PN).map((s) => s.text);
}

describe('pushed officer questions', () => {
  it('start with a neutral prefix (no "petugas", no task force)', async () => {
    const sent = await pushedQuestion({});
    expect(sent).toEqual(['Pesan untuk laporan Anda:\n\nKapan Anda dijadwalkan berangkat?']);
  });

  it('with DISCREET_UI=true the prefix does not mention a report', async () => {
    const sent = await pushedQuestion({ DISCREET_UI: 'true' });
    expect(sent).toEqual(['Pesan baru:\n\nKapan Anda dijadwalkan berangkat?']);
  });
});
