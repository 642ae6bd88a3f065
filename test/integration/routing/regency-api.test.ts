/**
 * Regency task forces through the officer API (buildApp on a real SQLite file; alerts through the
 * real grammY client against the Bot API emulator): scoped tokens, transfers, the routes admin API.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { ConfigError, parseConfig } from '../../../src/config.js';
import { type BotApiEmulator, startBotApiEmulator } from '../../helpers/bot-api-emulator.js';
import { seedMedia, seedTip, TINY_PNG } from '../../helpers/seed-tips.js';

const ADMIN = 'admin-token-'.padEnd(32, 'r');
const PROVINCE = '-100777';
const SAMBAS = '-100111';
const BENGKAYANG = '-100222';
const ROUTES = {
  sambas: { telegramChatId: SAMBAS, officerIds: ['8101'] },
  bengkayang: { telegramChatId: BENGKAYANG, officerIds: ['8201'] },
};

type Svc = { app: FastifyInstance; emu: BotApiEmulator; dir: string; clock: { now: number }; routesFile: string };
const open: Svc[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.app.close();
    await s.emu.close();
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshDir(routes: unknown = ROUTES): { dir: string; routesFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-regency-'));
  dirs.push(dir);
  const routesFile = join(dir, 'routes.json');
  writeFileSync(routesFile, JSON.stringify(routes));
  return { dir, routesFile };
}

function configFor(dir: string, routesFile: string, emu?: BotApiEmulator) {
  return parseConfig(
    {
      PORT: '0',
      DATABASE_PATH: join(dir, 'waspada.db'),
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      ADMIN_TOKEN: ADMIN,
      TELEGRAM_BOT_TOKEN: emu?.token ?? '123:ABC',
      TASKFORCE_TELEGRAM_CHAT_ID: PROVINCE,
      TASKFORCE_OFFICER_IDS: '7001',
      TASKFORCE_ROUTES_FILE: routesFile,
    },
    { secret: 'test-secret-'.padEnd(64, 'x') },
  );
}

async function start(at = freshDir()): Promise<Svc> {
  const emu = await startBotApiEmulator();
  const clock = { now: Date.UTC(2026, 10, 28, 2, 0) };
  const app = await buildApp(configFor(at.dir, at.routesFile, emu), {
    logger: false,
    clock: () => clock.now,
    telegram: false,
    alerts: { telegramApi: new Api(emu.token, { apiRoot: emu.apiRoot }), worker: { pollMs: 3_600_000 }, scheduleEveryMs: 3_600_000 },
  });
  await app.ready();
  const s = { app, emu, dir: at.dir, clock, routesFile: at.routesFile };
  open.push(s);
  return s;
}

async function drain(s: Svc): Promise<void> {
  for (let i = 0; i < 10; i++) await s.app.outboxWorker.tick();
}

function client(app: FastifyInstance) {
  return async (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function tokenFor(s: Svc, name: string, regencies?: string[]): Promise<string> {
  const res = await client(s.app)(ADMIN, 'POST', '/api/tokens', { name, ...(regencies ? { regencies } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}

function seedProvince(s: Svc) {
  const db = s.app.db;
  seedTip(db, { id: 'T-SAM', regency: 'sambas', urgency: 'urgent', urgencyScore: 80, createdAt: 1_767_225_600_000 });
  seedTip(db, { id: 'T-BEN', regency: 'bengkayang', createdAt: 1_767_225_700_000 });
  seedTip(db, { id: 'T-KTP', regency: 'ketapang', urgency: 'urgent', urgencyScore: 90, createdAt: 1_767_225_800_000 });
  seedTip(db, { id: 'T-UNK', regency: null, createdAt: 1_767_225_900_000 });
  seedMedia(db, s.app.config.mediaDir, 'T-KTP', { id: 'M-KTP', bytes: TINY_PNG, mime: 'image/png' });
}

describe('officer tokens scoped to regencies', () => {
  it('sees only its regencies in the list, a tip, the CSV and the stats; anything else is 404', async () => {
    const s = await start();
    seedProvince(s);
    const call = client(s.app);
    const scoped = await tokenFor(s, 'Tim Sambas-Bengkayang', ['sambas', 'bengkayang']);

    const list = await call(scoped, 'GET', '/api/tips');
    expect(list.json().items.map((t: { id: string }) => t.id)).toEqual(['T-BEN', 'T-SAM']);
    expect((await call(scoped, 'GET', '/api/tips/T-SAM')).statusCode).toBe(200);

    // Outside the scope looks exactly like a missing tip.
    const outside = await call(scoped, 'GET', '/api/tips/T-KTP');
    const missing = await call(scoped, 'GET', '/api/tips/T-NONE');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe(missing.json().error.code);
    expect(outside.body).not.toContain('ketapang');
    for (const [method, url, body] of [
      ['PATCH', '/api/tips/T-KTP', { status: 'claimed' }],
      ['POST', '/api/tips/T-KTP/replies', { text: 'Halo' }],
      ['GET', '/api/tips/T-KTP/media/M-KTP', undefined],
      ['POST', '/api/tips/T-KTP/transfer', { regency: 'sambas' }],
      ['GET', '/api/tips/T-UNK', undefined],
    ] as const) {
      expect((await call(scoped, method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((s.app.db.$client.prepare("select status from tips where id = 'T-KTP'").get() as { status: string }).status).toBe('new');

    const csv = (await call(scoped, 'GET', '/api/tips.csv')).body;
    expect(csv).toContain('T-SAM');
    expect(csv).toContain('T-BEN');
    expect(csv).not.toContain('T-KTP');
    expect(csv).not.toContain('T-UNK');

    const stats = (await call(scoped, 'GET', '/api/stats')).json();
    expect(stats.total).toBe(2);
    expect(stats.byRegency.map((r: { key: string }) => r.key).sort()).toEqual(['bengkayang', 'sambas']);
    expect(stats.byUrgency).toEqual(expect.arrayContaining([{ key: 'urgent', count: 1 }]));
    const regencies = (await call(scoped, 'GET', '/api/stats/regencies')).json();
    expect(regencies.regencies.map((r: { regency: string }) => r.regency).sort()).toEqual(['bengkayang', 'sambas']);

    // An unscoped (provincial) officer and the admin see the whole province.
    const province = await tokenFor(s, 'Kompol Rina');
    expect((await call(province, 'GET', '/api/tips')).json().items).toHaveLength(4);
    expect((await call(ADMIN, 'GET', '/api/stats')).json().total).toBe(4);
  });

  it('rejects unknown regency ids and scoped admin tokens; the CLI issues a scoped token', async () => {
    const s = await start();
    seedProvince(s);
    const call = client(s.app);
    expect((await call(ADMIN, 'POST', '/api/tokens', { name: 'X', regencies: ['pontianak'] })).statusCode).toBe(400);
    expect((await call(ADMIN, 'POST', '/api/tokens', { name: 'Y', role: 'admin', regencies: ['sambas'] })).statusCode).toBe(409);

    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/officer-token.ts', ...args], {
        env: { ...process.env, DATABASE_PATH: s.app.config.DATABASE_PATH },
      });
    await expect(cli('--name', 'Z', '--regency', 'sambas,pontianak')).rejects.toMatchObject({ stderr: expect.stringContaining('pontianak') });
    const out = await cli('--name', 'Tim Ketapang', '--regency', 'ketapang');
    const token = /\n\n(\S+)\n\n/.exec(out.stdout)?.[1] as string;
    expect(out.stdout).toContain('regencies ketapang');
    const list = await call(token, 'GET', '/api/tips');
    expect(list.json().items.map((t: { id: string }) => t.id)).toEqual(['T-KTP']);
  }, 30_000);
});

describe('transfer to another regency team', () => {
  it('moves the tip, releases the old claim, audits it and alerts the new team exactly once', async () => {
    const s = await start();
    seedProvince(s);
    s.app.db.$client.prepare("update tips set status = 'claimed', claimed_by = 'Bripka Sari' where id = 'T-SAM'").run();
    const call = client(s.app);
    const sambasTeam = await tokenFor(s, 'Tim Sambas', ['sambas']);
    const bengkayangTeam = await tokenFor(s, 'Tim Bengkayang', ['bengkayang']);

    const res = await call(sambasTeam, 'POST', '/api/tips/T-SAM/transfer', { regency: 'bengkayang', note: 'Pelapor pindah ke <Bengkayang>' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: 'T-SAM', from: 'sambas', to: 'bengkayang', team: 'bengkayang', alerted: true });
    // The same request again (a retry) changes nothing and alerts nobody: the tip has left the
    // Sambas team's scope (404), and for the province it is already there (409).
    expect((await call(sambasTeam, 'POST', '/api/tips/T-SAM/transfer', { regency: 'bengkayang' })).statusCode).toBe(404);
    expect((await call(ADMIN, 'POST', '/api/tips/T-SAM/transfer', { regency: 'bengkayang' })).statusCode).toBe(409);
    await drain(s);
    s.clock.now += 3_600_000;
    await drain(s);

    const toBengkayang = s.emu.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === BENGKAYANG);
    expect(toBengkayang).toHaveLength(1);
    expect(String(toBengkayang[0].params.text)).toContain('T-SAM');
    expect(String(toBengkayang[0].params.text)).toContain('Dipindahkan dari Sambas');
    expect(JSON.stringify(toBengkayang[0].params.reply_markup)).toContain('a:claim:T-SAM');
    expect(s.emu.callsTo('sendMessage').filter((c) => String(c.params.chat_id) !== BENGKAYANG)).toHaveLength(0);

    expect(s.app.db.$client.prepare("select regency, status, claimed_by from tips where id = 'T-SAM'").get()).toEqual({
      regency: 'bengkayang',
      status: 'new',
      claimed_by: null,
    });
    expect((await call(sambasTeam, 'GET', '/api/tips/T-SAM')).statusCode).toBe(404);
    const seen = (await call(bengkayangTeam, 'GET', '/api/tips/T-SAM')).json();
    expect(seen.messages.map((m: { text: string }) => m.text)).toEqual(['transfer:sambas:bengkayang', 'Pelapor pindah ke <Bengkayang>']);
    const audit = s.app.db.$client.prepare("select actor, detail from audit_log where action = 'tip.transfer'").all() as Array<{ actor: string; detail: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toMatch(/^officer:\d+:Tim Sambas$/);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ from: 'sambas', to: 'bengkayang', released: 'claimed' });

    // Handed on to "abroad": that is the province's, alerted once there.
    expect((await call(bengkayangTeam, 'POST', '/api/tips/T-SAM/transfer', { regency: 'abroad' })).statusCode).toBe(200);
    await drain(s);
    const toProvince = s.emu.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === PROVINCE);
    expect(toProvince).toHaveLength(1);
    expect(String(toProvince[0].params.text)).toContain('Dipindahkan dari Bengkayang');
    expect((await call(ADMIN, 'POST', '/api/tips/T-SAM/transfer', { regency: 'atlantis' })).statusCode).toBe(400);
  });
});

describe('routes admin API and the routes file', () => {
  it('reads and replaces routes at run time (admin only, audited); they survive a restart until the file changes', async () => {
    const at = freshDir();
    const s = await start(at);
    const call = client(s.app);
    const officer = await tokenFor(s, 'Petugas');
    expect((await call(officer, 'GET', '/api/admin/routes')).statusCode).toBe(403);
    const got = (await call(ADMIN, 'GET', '/api/admin/routes')).json();
    expect(got.routes).toEqual(ROUTES);
    expect(got.province).toMatchObject({ telegramChatId: PROVINCE, officerIds: ['7001'] });

    const bad = await call(ADMIN, 'PUT', '/api/admin/routes', { sambas: { telegramChatId: 'x', officerIds: [] }, narnia: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/sambas\.telegramChatId: .*; narnia: unknown regency id/);

    const next = { sambas: { telegramChatId: '-100999', officerIds: ['8101', '8102'] }, sanggau: { telegramChatId: '-100333', officerIds: [] } };
    const put = await call(ADMIN, 'PUT', '/api/admin/routes', next);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().routes).toEqual(next);
    expect(s.app.regencyRouting.routeFor('bengkayang')).toBeUndefined();
    const audit = s.app.db.$client.prepare("select actor, detail from audit_log where action = 'routes.replace' order by id").all() as Array<{ actor: string; detail: string }>;
    expect(audit.map((a) => a.actor)).toEqual(['routes-file', 'admin-token']);
    expect(JSON.parse(audit[1].detail)).toMatchObject({ before: ['bengkayang', 'sambas'], after: ['sambas', 'sanggau'] });

    // Restart with the same (unchanged) file: the runtime edit stays.
    await s.app.close();
    await s.emu.close();
    open.splice(open.indexOf(s), 1);
    const again = await start(at);
    expect((await client(again.app)(ADMIN, 'GET', '/api/admin/routes')).json().routes).toEqual(next);

    // The deployer edits the file: at the next start the file wins.
    await again.app.close();
    await again.emu.close();
    open.splice(open.indexOf(again), 1);
    const edited = { kapuas_hulu: { telegramChatId: '-100444', officerIds: ['8401'], whatsappJid: '120363444@g.us' } };
    writeFileSync(at.routesFile, JSON.stringify(edited, null, 2));
    const third = await start(at);
    expect((await client(third.app)(ADMIN, 'GET', '/api/admin/routes')).json().routes).toEqual(edited);
  });

  it('stops start-up on a bad routes file with one line per bad entry', async () => {
    const at = freshDir({ sambas: { telegramChatId: '-1', officerIds: ['x'] }, abroad: { telegramChatId: '-2', officerIds: [] } });
    const err = await buildApp(configFor(at.dir, at.routesFile), { logger: false, telegram: false }).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([
      expect.stringMatching(/^TASKFORCE_ROUTES_FILE: sambas\.officerIds\.0: /),
      expect.stringMatching(/^TASKFORCE_ROUTES_FILE: abroad: always goes to the province/),
    ]);
    writeFileSync(at.routesFile, '{"sambas": ');
    const notJson = await buildApp(configFor(at.dir, at.routesFile), { logger: false, telegram: false }).catch((e) => e);
    expect((notJson as ConfigError).problems[0]).toMatch(/^TASKFORCE_ROUTES_FILE: .* is not valid JSON/);
  });
});

describe('per-team digest and the province view', () => {
  it('sends the daily digest of normal tips per team, the rest to the province', async () => {
    const s = await start();
    // Start-up already covered the day before; these arrive after that digest's window.
    const day = Date.UTC(2026, 10, 28, 3, 0); // 10:00 WIB the day before the next digest
    seedTip(s.app.db, { id: 'N-SAM', regency: 'sambas', createdAt: day, updatedAt: day });
    seedTip(s.app.db, { id: 'N-BEN', regency: 'bengkayang', createdAt: day + 1, updatedAt: day });
    seedTip(s.app.db, { id: 'N-KTP', regency: 'ketapang', createdAt: day + 2, updatedAt: day });
    await drain(s);
    s.clock.now = Date.UTC(2026, 10, 29, 1, 30); // 08:30 WIB, after DIGEST_HOUR=8
    const before = s.emu.mark();
    expect(await s.app.alerts.scheduleDigest(s.clock.now)).toBe(true);
    expect(await s.app.alerts.scheduleDigest(s.clock.now)).toBe(false);
    await drain(s);
    const digestTo = (chat: string) =>
      s.emu
        .callsTo('sendMessage')
        .filter((c) => c.seq >= before && String(c.params.chat_id) === chat)
        .map((c) => String(c.params.text));
    for (const [chat, own] of [[SAMBAS, 'N-SAM'], [BENGKAYANG, 'N-BEN'], [PROVINCE, 'N-KTP']] as const) {
      const texts = digestTo(chat);
      expect(texts, chat).toHaveLength(1);
      expect(texts[0]).toContain('Ringkasan harian');
      for (const id of ['N-SAM', 'N-BEN', 'N-KTP']) expect(texts[0].includes(id), `${chat} ${id}`).toBe(id === own);
    }
  });

  it('gives tips, urgent share, median time to claim and open cases per regency and per team', async () => {
    const s = await start();
    const t0 = Date.UTC(2026, 10, 28, 0, 0);
    const db = s.app.db;
    seedTip(db, { id: 'S1', regency: 'sambas', urgency: 'urgent', createdAt: t0, updatedAt: t0 });
    seedTip(db, { id: 'S2', regency: 'sambas', createdAt: t0, updatedAt: t0 });
    seedTip(db, { id: 'S3', regency: 'sambas', status: 'spam', createdAt: t0, updatedAt: t0 });
    seedTip(db, { id: 'B1', regency: 'bengkayang', urgency: 'urgent', createdAt: t0, updatedAt: t0 });
    seedTip(db, { id: 'K1', regency: 'ketapang', createdAt: t0, updatedAt: t0 });
    seedTip(db, { id: 'A1', regency: 'abroad', urgency: 'urgent', createdAt: t0, updatedAt: t0 });
    const call = client(s.app);
    const claimAt = async (id: string, minutes: number, status = 'claimed') => {
      s.clock.now = t0 + minutes * 60_000;
      expect((await call(ADMIN, 'PATCH', `/api/tips/${id}`, { status })).statusCode).toBe(200);
    };
    await claimAt('S1', 10);
    await claimAt('S2', 30);
    await claimAt('S2', 40, 'closed');
    await claimAt('B1', 5);
    await claimAt('A1', 60, 'in_progress');

    const res = (await call(ADMIN, 'GET', '/api/stats/regencies')).json();
    const sambas = res.regencies.find((r: { regency: string }) => r.regency === 'sambas');
    expect(sambas).toEqual({ regency: 'sambas', team: 'sambas', tips: 2, urgent: 1, urgentShare: 0.5, open: 1, claimed: 2, medianMinutesToClaim: 20 });
    const province = res.teams.find((t: { team: string }) => t.team === 'province');
    expect(province).toEqual({ team: 'province', regencies: ['abroad', 'ketapang'], tips: 2, urgent: 1, urgentShare: 0.5, open: 2, claimed: 1, medianMinutesToClaim: 60 });
    expect(res.teams.map((t: { team: string }) => t.team).sort()).toEqual(['bengkayang', 'province', 'sambas']);
    // A Sambas-scoped token sees only Sambas.
    const scoped = await tokenFor(s, 'Tim Sambas', ['sambas']);
    const mine = (await call(scoped, 'GET', '/api/stats/regencies')).json();
    expect(mine.teams).toEqual([expect.objectContaining({ team: 'sambas', tips: 2 })]);
  });
});
