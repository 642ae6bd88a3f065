/**
 * Honest words: a report must not claim it was forwarded to the task force when no task-force
 * channel is configured — the receipt, the start-up log and /health all say so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, webChat } from '../../helpers/app.js';
import { rawSql } from '../../helpers/raw-sql.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function logSink() {
  const lines: Array<{ level: number; msg: string }> = [];
  return { lines, logger: { level: 'info', stream: { write: (l: string) => lines.push(JSON.parse(l)) } } };
}

async function urgentReport(chat: ReturnType<typeof webChat>) {
  await chat.start();
  await chat.choose('report');
  await chat.choose('family_friend');
  await chat.choose('domestic_work');
  await chat.choose('sanggau');
  await chat.say('Kuching');
  await chat.choose('skip');
  await chat.say('Adik saya mau dibawa lewat Entikong minggu ini, dijanjikan kerja rumah tangga');
  await chat.choose('skip');
  await chat.choose('yes'); // someone in danger now
  await chat.choose('skip'); // where now
  await chat.choose('skip'); // how many
  await chat.choose('now');
  await chat.choose('no');
  await chat.choose('no');
  await chat.choose('no');
  await chat.choose('confirm');
  return chat.text();
}

describe('forwarding words', () => {
  it('without a task-force channel: the receipt, the start-up log and /health say urgent tips are not forwarded', async () => {
    const sink = logSink();
    t = await buildTestApp({}, { logger: sink.logger });
    const warn = sink.lines.find((l) => l.level === 40 && /task-force/.test(l.msg));
    expect(warn?.msg).toMatch(/urgent tips are stored but NOT forwarded/);
    expect(warn?.msg).toContain('TASKFORCE_TELEGRAM_CHAT_ID');
    const health = (await t.app.inject({ url: '/health' })).json();
    expect(health.taskforce).toMatchObject({ forwarding: 'not_configured' });

    const receipt = await urgentReport(webChat(t.app));
    expect(receipt).toContain('MENDESAK');
    expect(receipt).toContain('belum tersambung langsung ke Gugus Tugas');
    expect(receipt).not.toContain('langsung diteruskan');
    expect(receipt).toContain('Polisi 110');
    // The web page gets browser advice, not the chat-app "long-press → Delete".
    expect(receipt).toContain('Keluar cepat');
    expect(receipt).not.toContain('tekan lama');
  });

  it('with a Telegram task-force group configured: the receipt says forwarded, and the log does not warn', async () => {
    const sink = logSink();
    t = await buildTestApp({ TELEGRAM_BOT_TOKEN: '123456:ABC-def', TASKFORCE_TELEGRAM_CHAT_ID: '-1001234567890' }, { logger: sink.logger, telegram: false });
    expect(sink.lines.some((l) => /task-force/.test(l.msg))).toBe(false);
    const health = (await t.app.inject({ url: '/health' })).json();
    expect(health.taskforce).toEqual({ forwarding: 'configured', targets: ['telegram'] });
    const receipt = await urgentReport(webChat(t.app));
    expect(receipt).toContain('langsung diteruskan ke Gugus Tugas');
    expect(receipt).not.toContain('belum tersambung');
  });
});

describe('emergency words', () => {
  async function sos(env: Record<string, string>, deps = {}) {
    t = await buildTestApp(env, deps);
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('report');
    await chat.choose('family_friend');
    await chat.choose('job_abroad');
    await chat.choose('sanggau');
    const first = (await chat.say('sos')).replies.map((r) => r.text).join('\n');
    await chat.choose('skip');
    await chat.choose('skip');
    await chat.choose('no');
    return { first, receipt: chat.text() };
  }

  it('without a task-force channel the SOS path never says the Task Force was told', async () => {
    const r = await sos({});
    expect(r.first).toContain('110');
    expect(r.first).toContain('belum tersambung langsung ke Gugus Tugas');
    expect(r.first).not.toContain('sudah kami beri tahu');
    expect(r.receipt).toContain('belum tersambung langsung ke Gugus Tugas');
    expect(r.receipt).not.toMatch(/Gugus Tugas sudah (menerima|kami beri tahu|diberi tahu)/);
    expect(r.receipt).toContain('Keluar cepat'); // browser advice on the web page
  });

  it('with a task-force group it says the Task Force was told', async () => {
    const r = await sos({ TELEGRAM_BOT_TOKEN: '123456:ABC-def', TASKFORCE_TELEGRAM_CHAT_ID: '-1001234567890' }, { telegram: false });
    expect(r.first).toContain('Gugus Tugas sudah kami beri tahu');
    expect(r.receipt).toContain('Gugus Tugas sudah menerima laporan darurat Anda');
  });
});

describe('cancelling a report that has a story', () => {
  async function toStory(chat: ReturnType<typeof webChat>) {
    await chat.start();
    await chat.choose('report');
    await chat.choose('me');
    await chat.choose('job_abroad');
    await chat.choose('sambas');
    await chat.say('Malaysia');
    await chat.choose('skip');
    await chat.say('Saya ditawari kerja di kebun sawit, diminta bayar 2 juta ke rekening pribadi');
    return chat.say('batal');
  }

  it('offers keep or discard; discard stores nothing', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    const asked = await toStory(chat);
    expect(asked.prompt).toMatchObject({ step: 'cancel_choice', choices: [{ id: 'keep' }, { id: 'discard' }] });
    const done = await chat.choose('discard');
    expect(chat.text()).toContain('Laporan dibuang');
    expect(done.prompt.flow).toBe('menu');
    expect((await rawSql(t.app).get('select count(*) n from tips'))).toEqual({ n: 0 });
    const conv = (await rawSql(t.app).get('select state from conversations')) as { state: string };
    expect(conv.state).not.toContain('kebun sawit');
  });

  it('keep files an incomplete tip and shows its receipt once', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    await toStory(chat);
    await chat.choose('keep');
    expect(chat.text()).toMatch(/KODE TANDA TERIMA: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect((await rawSql(t.app).all('select complete, description from tips'))).toEqual([
      { complete: 0, description: 'Saya ditawari kerja di kebun sawit, diminta bayar 2 juta ke rekening pribadi' },
    ]);
  });
});
