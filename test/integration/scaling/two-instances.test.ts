/**
 * Two real service processes (`src/server.ts`) on ONE PostgreSQL database and one shared DATA_DIR,
 * as README "Scaling" deploys them behind a load balancer, with Telegram in webhook mode on the
 * Bot API emulator:
 * - one web conversation whose turns alternate between the instances completes its report, and
 *   the task-force group gets exactly one alert with both outbox workers running;
 * - many urgent reports at once across both: one alert each, none twice;
 * - a Telegram update delivered to both instances is processed once;
 * - one instance SIGKILLed under load: the other carries on, every acknowledged report is stored,
 *   and a report made after the kill is alerted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../src/storage/postgres.js';
import type { Storage } from '../../../src/storage/storage.js';
import { freshPgDatabase } from '../../helpers/backend.js';
import { type BotApiEmulator, startBotApiEmulator } from '../../helpers/bot-api-emulator.js';
import { type ServiceProcess, startService } from '../../helpers/service-process.js';

const GROUP = '-100777';
const RECEIPT = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;
const URGENT_STORY = 'Adik saya dikurung di mess di Kuching, paspornya ditahan agen, dia dipukul kalau minta pulang';

let emu: BotApiEmulator;
let dir: string;
let url: string;
let db: Storage;
let a: ServiceProcess;
let b: ServiceProcess;

function env(): Record<string, string> {
  return {
    DATABASE_URL: url,
    DATA_DIR: dir,
    PSEUDONYM_SECRET: 'two-instances-secret-'.padEnd(64, 'z'),
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    TELEGRAM_MODE: 'webhook',
    PUBLIC_URL: 'https://tips.example.org',
    TELEGRAM_WEBHOOK_SECRET: 'two-instances-webhook',
    TASKFORCE_TELEGRAM_CHAT_ID: GROUP,
    RATE_LIMIT_PER_MINUTE: '1000',
    OPEN_PER_ADDRESS_PER_MINUTE: '100000',
    OPEN_PER_MINUTE: '1000000',
  };
}

/** A web chat whose every turn goes to the next base URL in turn (a round-robin balancer). */
function balancedChat(bases: () => string[]) {
  let conversation: string | undefined;
  let n = 0;
  return async (body: Record<string, string>) => {
    const list = bases();
    const base = list[n++ % list.length];
    const res = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...(conversation ? { conversation } : {}), ...body }),
    });
    if (res.status !== 200) throw new Error(`POST ${base}/api/chat → ${res.status}: ${await res.text()}`);
    const json = (await res.json()) as { conversation: string; replies: Array<{ text: string }>; prompt: { step: string; choices?: Array<{ id: string }> } };
    conversation = json.conversation;
    return json;
  };
}

/** A whole urgent web report; returns the receipt code the reporter was shown. */
async function urgentReport(bases: () => string[], story = URGENT_STORY): Promise<string> {
  const turn = balancedChat(bases);
  await turn({});
  for (const c of ['report', 'someone_else', 'job_abroad']) await turn({ choice: c });
  await turn({ text: 'Sambas' });
  await turn({ text: 'Malaysia' });
  await turn({ choice: 'skip' });
  await turn({ text: story });
  // The rest of the report, whatever its order: skip what can be skipped, "no" for danger now,
  // otherwise the first choice; confirm at the summary.
  let r = await turn({ choice: 'skip' });
  for (let i = 0; i < 20; i++) {
    const ids = (r.prompt.choices ?? []).map((c) => c.id);
    if (ids.includes('confirm')) break;
    const pick = ids.includes('skip') ? 'skip' : ids.includes('no') ? 'no' : ids[0];
    r = await turn(pick ? { choice: pick } : { text: '-' });
  }
  const done = await turn({ choice: 'confirm' });
  const receipt = RECEIPT.exec(done.replies.map((x) => x.text).join('\n'))?.[0];
  if (!receipt) throw new Error(`no receipt: ${JSON.stringify(done)}`);
  return receipt;
}

const groupAlerts = () => emu.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === GROUP && /MENDESAK|URGENT/.test(String(c.params.text)));
const tipIdsIn = (texts: string[]) => texts.flatMap((t) => t.match(/TIP-[0-9A-Z]+/g) ?? []);

async function settle(expected: number, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && groupAlerts().length < expected) await new Promise((r) => setTimeout(r, 100));
  // Both workers get time to (wrongly) send a second copy before we count.
  await new Promise((r) => setTimeout(r, 2_500));
}

beforeAll(async () => {
  emu = await startBotApiEmulator();
  dir = mkdtempSync(join(tmpdir(), 'waspada-two-'));
  url = await freshPgDatabase();
  [a, b] = await Promise.all([startService(env(), { timeoutMs: 45_000 }), startService(env(), { timeoutMs: 45_000 })]);
  db = openPostgresStorage(url);
}, 90_000);

afterAll(async () => {
  await Promise.allSettled([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
  await emu?.close();
});

describe('two instances on one PostgreSQL database', () => {
  it('one conversation alternating between the instances completes, and the group gets one alert', async () => {
    const before = groupAlerts().length;
    const receipt = await urgentReport(() => [a.base, b.base]);
    expect(receipt).toMatch(RECEIPT);
    await settle(before + 1);
    const alerts = groupAlerts().slice(before);
    expect(alerts).toHaveLength(1);
    const rows = await db.run((q) => db.rows<{ n: number }>(q, sql`select count(*) as n from tips where urgency = 'urgent' and complete`));
    expect(rows[0]?.n).toBe(1);
  });

  it('many urgent reports at once across both instances: one alert each, none twice', async () => {
    const before = groupAlerts().length;
    const receipts = await Promise.all(Array.from({ length: 12 }, (_, i) => urgentReport(() => (i % 2 ? [a.base, b.base] : [b.base, a.base]))));
    expect(new Set(receipts).size).toBe(12);
    await settle(before + 12);
    const ids = tipIdsIn(groupAlerts().slice(before).map((c) => String(c.params.text)));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('a Telegram update delivered to both instances is answered once', async () => {
    const update = emu.textMessage(4242, '/start');
    const secret = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'two-instances-webhook' };
    const mark = emu.mark();
    const [ra, rb] = await Promise.all(
      [a.base, b.base].map((base) => fetch(`${base}/telegram/webhook`, { method: 'POST', headers: secret, body: JSON.stringify(update) })),
    );
    expect([ra?.status, rb?.status]).toEqual([200, 200]);
    await new Promise((r) => setTimeout(r, 1_500));
    const answers = emu.calls.slice(mark).filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === '4242');
    expect(answers.length).toBeGreaterThan(0);
    // One turn: the menu once (a second turn would have answered again).
    expect(answers.filter((c) => c.params.text === answers[0]?.params.text)).toHaveLength(1);
  });

  it('one instance SIGKILLed under load: the other carries on and nothing acknowledged is lost', async () => {
    let alive = [a.base, b.base];
    const acknowledged: string[] = [];
    const failures: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          acknowledged.push(await urgentReport(() => alive, 'Teman saya ditahan di penampungan Entikong, tidak boleh keluar, malam ini dibawa lewat jalan tikus'));
        } catch (err) {
          // A turn cut off by the kill: the balancer retries elsewhere; count only B's failures.
          if (!String(err).includes(a.base) && !/fetch failed|ECONNRESET|ECONNREFUSED|other side closed/.test(String(err))) failures.push(String(err));
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await new Promise((r) => setTimeout(r, 1_500));
    const killed = await a.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    alive = [b.base];
    await new Promise((r) => setTimeout(r, 2_500));
    stop = true;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(2);

    // Every receipt shown is a stored, complete tip (nothing acknowledged before its commit).
    const stored = await db.run((q) => db.rows<{ n: number }>(q, sql`select count(*) as n from tips where complete`));
    expect(stored[0]?.n).toBeGreaterThanOrEqual(acknowledged.length);

    // After the kill, B alone still alerts.
    const before = groupAlerts().length;
    await urgentReport(() => [b.base]);
    await settle(before + 1);
    expect(groupAlerts().length).toBeGreaterThan(before);
    const health = await fetch(`${b.base}/health`);
    expect(health.status).toBe(200);

    // Every stored urgent tip reaches the group: what A had claimed when it died is taken over by
    // B once A's lease lapses (30 s on PostgreSQL). A send cut off between Telegram's answer and
    // the commit is sent again (at-least-once across a crash, README "Scaling"): at most the one
    // A was sending.
    const urgent = async () => (await db.run((q) => db.rows<{ id: string }>(q, sql`select id from tips where urgency = 'urgent'`))).map((r) => r.id);
    const end = Date.now() + 50_000;
    let missing: string[] = [];
    do {
      const alerted = new Set(tipIdsIn(groupAlerts().map((c) => String(c.params.text))));
      missing = (await urgent()).filter((id) => !alerted.has(id));
      if (missing.length) await new Promise((r) => setTimeout(r, 500));
    } while (missing.length && Date.now() < end);
    expect(missing).toEqual([]);
    const ids = tipIdsIn(groupAlerts().map((c) => String(c.params.text)));
    expect(ids.length - new Set(ids).size).toBeLessThanOrEqual(1);
  }, 90_000);
});
