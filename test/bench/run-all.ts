/**
 * `npm run bench`: the DESIGN.md performance targets, measured on this machine in a few minutes.
 * Not part of `npm test` (numbers depend on the machine). Prints one table and the raw figures.
 *
 *   BENCH_SECONDS=10  length of each throughput run (default 10)
 *   BENCH_REPORTS=10000  reports inserted for the file-growth figure
 *   BENCH_CONNECTIONS=50  concurrent connections of the saturating runs
 *   BENCH_DIST=1  run the real service from `dist/src/server.js` (after `npm run build`) instead of tsx
 *   BENCH_PROFILE=/tmp/prof  write a CPU profile of the bench server (then `node --cpu-prof` output)
 *   args: any of `throughput service growth` to run only those parts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createUpdateBuilder, startBotApiEmulator } from '../helpers/bot-api-emulator.js';
import { rssOf, startService } from '../helpers/service-process.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECRET = 'bench-secret-'.padEnd(64, 'b');
const MB = 1024 * 1024;

type Row = { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number; ratio?: number; note?: string };
const rows: Row[] = [];
const figures: Array<[string, string]> = [];

function freshEnv(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-bench-'));
  return {
    dir,
    env: {
      DATA_DIR: dir,
      DATABASE_PATH: join(dir, 'waspada.db'),
      PSEUDONYM_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: '100000', OPEN_PER_ADDRESS_PER_MINUTE: '100000', OPEN_PER_MINUTE: '1000000', UPLOADS_PER_ADDRESS_PER_MINUTE: '100000', UPLOADS_PER_MINUTE: '1000000',
      MAX_MESSAGES_PER_CONVERSATION: '100000',
      ...extra,
    },
  };
}

async function run(name: string, opts: autocannon.Options, note?: string): Promise<Row> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  const row: Row = {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    note,
  };
  rows.push(row);
  process.stderr.write(`  ${name}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx}, errors ${row.errors}\n`);
  return row;
}

/** Issue `n` web conversations and return their tokens. */
async function conversations(base: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    out.push(((await res.json()) as { conversation: string }).conversation);
  }
  return out;
}

/**
 * One web-chat turn per request across rotating conversations: alternately "learn" (a choice
 * at the menu) and "menu" (a global command at any step), so every request is a real turn
 * (dedupe row, state load, engine, state save in one transaction).
 */
function chatTurns(tokens: string[]): autocannon.Options['requests'] {
  let i = 0;
  return [
    {
      method: 'POST',
      path: '/api/chat',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        const n = i++;
        const conversation = tokens[n % tokens.length];
        const body = Math.floor(n / tokens.length) % 2 === 0 ? { conversation, choice: 'learn' } : { conversation, text: 'menu' };
        return { ...req, body: JSON.stringify(body) };
      },
    },
  ];
}

const TG_SECRET = 'bench-webhook-secret';

async function telegramUp(base: string): Promise<boolean> {
  const res = await fetch(`${base}/health`);
  return ((await res.json()) as { channels?: { telegram?: string } }).channels?.telegram === 'up';
}

/** One private-chat text update per request, 1000 rotating chats, unique update ids; "menu" is a turn at any step. */
function webhookTurns(): autocannon.Options['requests'] {
  const build = createUpdateBuilder(1_000_000);
  let i = 0;
  return [
    {
      method: 'POST',
      path: '/telegram/webhook',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET },
      setupRequest: (req) => {
        const n = i++;
        const update = build.textMessage(10_000 + (n % 1000), n % 2 === 0 ? 'menu' : '3');
        return { ...req, body: JSON.stringify(update) };
      },
    },
  ];
}

async function throughput(): Promise<void> {
  process.stderr.write('throughput (bench server: buildApp + bare ceiling route, LOG_LEVEL=warn)\n');
  const nodeArgs = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const emu = await startBotApiEmulator();
  const { dir, env } = freshEnv({
    LOG_LEVEL: 'warn',
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    PUBLIC_URL: 'http://127.0.0.1:1/',
    BENCH_TG_UNPACED: '1',
  });
  const svc = await startService(env, { script: 'test/bench/bench-server.ts', timeoutMs: 60_000, nodeArgs });
  try {
    const url = svc.base;
    await run('warm-up (ceiling)', { url: `${url}/bench/ceiling`, duration: 2 });
    rows.pop();
    const ceiling = await run('bare Fastify JSON route (ceiling)', { url: `${url}/bench/ceiling` });
    ceiling.ratio = 1;
    const tokens = await conversations(url, 1000);
    const chat = await run('web chat turn POST /api/chat', { url, requests: chatTurns(tokens) }, '1000 rotating conversations');
    chat.ratio = chat.rps / ceiling.rps;
    for (let i = 0; i < 100 && !(await telegramUp(url)); i++) await new Promise((r) => setTimeout(r, 100));
    const sentBefore = emu.callsTo('sendMessage').length;
    const tg = await run('Telegram webhook turn (→ reply queued)', { url, requests: webhookTurns() }, '1000 rotating chats, emulator Bot API');
    tg.ratio = tg.rps / ceiling.rps;
    await new Promise((r) => setTimeout(r, 2000));
    figures.push(['Telegram replies delivered to the emulator during/after the webhook run', `${emu.callsTo('sendMessage').length - sentBefore}`]);
  } finally {
    await svc.kill('SIGTERM');
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function realService(): Promise<void> {
  const script = process.env.BENCH_DIST ? 'dist/src/server.js' : 'src/server.ts';
  process.stderr.write(`real service (node ${script}, LOG_LEVEL=info)\n`);
  const { dir, env } = freshEnv({ LOG_LEVEL: 'info' });
  const svc = await startService(env, { timeoutMs: 60_000, script });
  figures.push(['real service runs', script.endsWith('.js') ? 'compiled (node dist/src/server.js)' : 'through tsx (npm start)']);
  try {
    // Start-up: spawn → /health ok.
    const t0 = performance.now();
    const health = await fetch(`${svc.base}/health`);
    figures.push(['start-up: spawn → listening', `${svc.startupMs.toFixed(0)} ms`]);
    figures.push(['start-up: spawn → /health ok', `${(svc.startupMs + performance.now() - t0).toFixed(0)} ms (${health.status})`]);
    await new Promise((r) => setTimeout(r, 2000));
    const idle = await rssOf(svc.child.pid as number);
    figures.push(['RSS idle', idle ? `${(idle / MB).toFixed(1)} MB` : 'n/a']);

    const tokens = await conversations(svc.base, 1000);
    let peak = 0;
    const sampler = setInterval(() => {
      void rssOf(svc.child.pid as number).then((r) => {
        if (r && r > peak) peak = r;
      });
    }, 200);
    await run('web chat turn, real service (info logs)', { url: svc.base, requests: chatTurns(tokens) }, 'saturating, 50 connections');
    const fixed = await run(
      'web chat turn at fixed 500 req/s',
      { url: svc.base, requests: chatTurns(tokens), overallRate: 500, connections: 100 },
      'target p99 < 20 ms',
    );
    clearInterval(sampler);
    figures.push(['RSS under load (peak)', `${(peak / MB).toFixed(1)} MB`]);
    figures.push(['p99 at 500 req/s', `${fixed.p99} ms (achieved ${fixed.rps.toFixed(0)} req/s)`]);
  } finally {
    await svc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** File growth per REPORTS complete reports written through the tips service (the runtime's own write path). */
async function growth(): Promise<void> {
  process.stderr.write(`file growth (${REPORTS} reports through the tips service)\n`);
  const { dir, env } = freshEnv({ LOG_LEVEL: 'silent' });
  const config = parseConfig(env, { secret: SECRET });
  const app = await buildApp(config, { logger: false });
  await app.ready();
  const sqlite = app.db.$client;
  const size = () => {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const wal = (() => {
      try {
        return statSync(`${config.DATABASE_PATH}-wal`).size;
      } catch {
        return 0;
      }
    })();
    return statSync(config.DATABASE_PATH).size + wal;
  };
  const before = size();
  const t0 = performance.now();
  const now = Date.now();
  for (let i = 0; i < REPORTS; i++) {
    sqlite
      .transaction(() =>
        app.tips.submit(
          {
            pseudonym: `bench-${i}`,
            channel: 'web',
            locale: 'id',
            complete: true,
            answers: {
              category: 'job_abroad',
              regency: 'sambas',
              destination: 'Malaysia',
              recruiter: `Pak Budi 0812-${String(1000 + (i % 9000))}-2222, PT Maju Jaya`,
              description: `Ditawari kerja di kebun sawit di Malaysia, gaji 8 juta, diminta bayar biaya 2 juta ke rekening BRI 12345${i}. Paspor akan ditahan agen. Laporan ${i}.`,
              evidence: [],
              danger_now: 'no',
              departure: 'weeks',
              minor: 'no',
              passport_held: 'no',
              may_contact: 'no',
            },
          },
          now + i,
        ),
      )
      .immediate();
  }
  const ms = performance.now() - t0;
  const after = size();
  figures.push([`SQLite growth per ${REPORTS} reports (db + WAL after checkpoint)`, `${((after - before) / MB).toFixed(2)} MB (${((after - before) / REPORTS).toFixed(0)} B/report)`]);
  figures.push(['tips service insert rate (one transaction per report)', `${((REPORTS / ms) * 1000).toFixed(0)} reports/s`]);
  const check = new Database(config.DATABASE_PATH, { readonly: true });
  figures.push(['integrity_check after growth run', String(check.pragma('integrity_check', { simple: true }))]);
  check.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');

async function main() {
  const only = process.argv.slice(2);
  const want = (k: string) => only.length === 0 || only.includes(k);
  if (want('throughput')) await throughput();
  if (want('service')) await realService();
  if (want('growth')) await growth();

  const lines = [
    '| run | req/s | p50 ms | p99 ms | vs ceiling | non-2xx | errors | note |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.ratio === undefined ? '' : `${(r.ratio * 100).toFixed(0)}%`} | ${r.non2xx} | ${r.errors} | ${r.note ?? ''} |`,
    ),
    '',
    '| figure | value |',
    '| --- | --- |',
    ...figures.map(([k, v]) => `| ${k} | ${v} |`),
  ];
  const cpus = (await import('node:os')).cpus().length;
  const load = (await import('node:os')).loadavg()[0]?.toFixed(1);
  process.stdout.write(`\nWaspada benchmarks — node ${process.version}, ${cpus} CPU, load average ${load}, ${SECONDS} s per run, ${CONNECTIONS} connections\n\n${lines.join('\n')}\n`);
}

await main();
