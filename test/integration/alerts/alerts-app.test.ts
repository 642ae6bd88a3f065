import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskforceApi } from '../../../src/alerts/alerts-service.js';
import { buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import { webChat } from '../../helpers/app.js';
import { GROUP, SECRET } from '../../helpers/alerts-fixtures.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const RECEIPT = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;

async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-alerts-app-'));
  const config = parseConfig(
    {
      DATABASE_PATH: join(dir, 'w.db'),
      DATA_DIR: dir,
      PORT: '0',
      TELEGRAM_BOT_TOKEN: '123456:TEST-token',
      TASKFORCE_TELEGRAM_CHAT_ID: GROUP,
      TASKFORCE_OFFICER_IDS: '111',
    },
    { secret: SECRET },
  );
  const clock = { now: Date.UTC(2026, 10, 28, 3, 0) };
  const sent: Array<{ method: string; chatId: string; text: string; other: Record<string, unknown> }> = [];
  let next = 1;
  const api = {
    async sendMessage(chatId: string, text: string, other: Record<string, unknown> = {}) {
      sent.push({ method: 'sendMessage', chatId: String(chatId), text, other });
      return { message_id: next++ };
    },
    async editMessageText(chatId: string, messageId: number, text: string, other: Record<string, unknown> = {}) {
      sent.push({ method: 'editMessageText', chatId: String(chatId), text, other: { ...other, messageId } });
      return true;
    },
  } as unknown as TaskforceApi;
  const app = await buildApp(config, {
    logger: false,
    telegram: false,
    clock: () => clock.now,
    alerts: { telegramApi: api, worker: { random: () => 0, pollMs: 3_600_000 }, scheduleEveryMs: 3_600_000 },
  });
  await app.ready();
  close = async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { app, sent, clock };
}

async function urgentReport(app: FastifyInstance) {
  const chat = webChat(app);
  await chat.start();
  await chat.choose('report');
  await chat.choose('someone_else');
  await chat.choose('job_abroad');
  await chat.say('Sambas');
  await chat.say('Kuching');
  await chat.say('Pak Anton 0812-1111-2222');
  await chat.say('Adik saya dikurung di mes, paspornya ditahan agen, tolong');
  await chat.choose('skip');
  await chat.choose('yes');
  await chat.choose('holding_house');
  await chat.choose('one');
  await chat.choose('now');
  await chat.choose('no');
  await chat.choose('yes');
  await chat.choose('no');
  await chat.choose('confirm');
  return { chat, receipt: chat.text().match(RECEIPT)?.[0] };
}

describe('alerts wired into the app', () => {
  it('an urgent web report reaches the task force once; /health shows the outbox; a follow-up arrives in the thread', async () => {
    const { app, sent } = await start();
    const { receipt } = await urgentReport(app);
    expect(receipt).toBeDefined();
    await app.outboxWorker.tick();
    await app.outboxWorker.tick();
    const alerts = sent.filter((m) => m.method === 'sendMessage');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].chatId).toBe(GROUP);
    expect(alerts[0].text).toContain('MENDESAK');
    expect(alerts[0].text).toContain('Sambas');
    expect(alerts[0].text).toContain('Kerja di luar negeri');
    expect(alerts[0].text).not.toContain('dikurung di mes'); // description stays out of the group by default
    expect(alerts[0].text).not.toContain(receipt as string);

    const health = await app.inject({ url: '/health' });
    expect(health.json().outbox).toEqual({ pending: 0, dead: 0 });

    const other = webChat(app);
    await other.start();
    await other.choose('status');
    await other.say(receipt as string);
    await other.choose('add_info');
    await other.say('Mereka dipindah ke Serian malam ini');
    await app.outboxWorker.tick();
    const followUp = sent.filter((m) => m.method === 'sendMessage').at(-1)!;
    expect(followUp.text).toContain('Informasi tambahan');
    expect(followUp.text).not.toContain('Serian');
    expect(followUp.other.reply_parameters).toMatchObject({ message_id: 1 });
  });
});
