/**
 * `npm run bench`: DESIGN.md's performance targets, measured in ONE run on this machine, side by
 * side with a bare Fastify JSON echo (test/bench/echo-server.mjs) measured in the same run, so the
 * ratio survives a slower or busier machine. Not part of `npm test` (numbers depend on the machine).
 *
 * What runs (all against the compiled service, `dist/`, which `npm start` runs):
 *   - start-up: `npm start` (the deployer's command, including its stale-build check) → /health 200;
 *   - idle RSS of the default service (no channels configured) and with Telegram configured;
 *   - bare echo; web turn opening a new conversation; web turn inside an open conversation;
 *     Telegram webhook turn (real grammY, replies to a Bot API emulator) — req/s, p50, p99, ratio;
 *   - p99 of open-conversation web turns at a fixed 500 turns/s; peak RSS under load;
 *   - SQLite growth per report.
 *
 *   BENCH_SECONDS=10       length of each throughput run
 *   BENCH_CONNECTIONS=50   concurrent connections of the saturating runs
 *   BENCH_REPORTS=10000    reports inserted for the file-growth figure
 *   BENCH_PROFILE=/tmp/p   write CPU profiles of the service (node --cpu-prof)
 *   --write-readme         replace the table between the bench markers in README.md
 *   args: any of `startup throughput growth` to run only those parts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { writeReadmeSection } from './readme-table.js';
import { chatTurns, openConversations } from './web-turns.js';
import Database from 'better-sqlite3';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createUpdateBuilder, startBotApiEmulator } from '../helpers/bot-api-emulator.js';
import { freePort } from '../helpers/free-port.js';
import { rssOf, startService } from '../helpers/service-process.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECRET = 'bench-secret-'.padEnd(64, 'b');
const MB = 1024 * 1024;
const ROOT = new URL('../../', import.meta.url).pathname;

type Row = { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number; ratio?: number; note?: string };
const rows: Row[] = [];
const figures: Array<[string, string]> = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Generous limits so the bench measures the pipeline, not the abuse limits (which answer 429). */
function freshEnv(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-bench-'));
  return {
    dir,
    env: {
      DATA_DIR: dir,
      DATABASE_PATH: join(dir, 'waspada.db'),
      PSEUDONYM_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: '100000',
      MAX_MESSAGES_PER_CONVERSATION: '100000',
      OPEN_PER_ADDRESS_PER_MINUTE: '100000',
      OPEN_PER_MINUTE: '1000000',
      UPLOADS_PER_ADDRESS_PER_MINUTE: '100000',
      UPLOADS_PER_MINUTE: '1000000',
      LOG_LEVEL: 'info',
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

const TG_SECRET = 'bench-webhook-secret';

/** One private-chat text update per request, 1000 rotating chats, unique update ids. */
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

/** `npm start` (prestart build check + the compiled service) → first /health 200, in ms; and its idle RSS. */
async function npmStart(): Promise<{ ms: number; rss: number | null }> {
  const { dir, env } = freshEnv();
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: 'ignore',
    detached: true,
  });
  try {
    let ms = Number.NaN;
    for (let i = 0; i < 1500; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.status === 200) {
          ms = performance.now() - t0;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(10);
    }
    await sleep(3000);
    // npm → sh → node: the service is the node process listening on the port (newest descendant).
    const pids = await descendants(child.pid as number);
    let rss: number | null = null;
    for (const pid of pids) rss = Math.max(rss ?? 0, (await rssOf(pid)) ?? 0);
    return { ms, rss };
  } finally {
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      // already gone
    }
    await sleep(500);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function descendants(pid: number): Promise<number[]> {
  const out: number[] = [];
  const { readFile } = await import('node:fs/promises');
  const walk = async (p: number) => {
    let children: number[] = [];
    try {
      children = (await readFile(`/proc/${p}/task/${p}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return;
    }
    for (const c of children) {
      out.push(c);
      await walk(c);
    }
  };
  await walk(pid);
  return out;
}

async function startup(): Promise<void> {
  process.stderr.write('start-up: `npm start` → /health 200 (3 runs)\n');
  const runs: Array<{ ms: number; rss: number | null }> = [];
  for (let i = 0; i < 3; i++) runs.push(await npmStart());
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const rss = runs.map((r) => r.rss ?? Number.NaN).sort((a, b) => a - b);
  process.stderr.write(`  ${ms.map((m) => m.toFixed(0)).join(', ')} ms\n`);
  figures.push(['start-up: `npm start` → /health 200 (median of 3; target < 1500 ms)', `${fmt(ms[1])} ms (runs: ${ms.map((m) => fmt(m)).join(', ')})`]);
  figures.push(['RSS idle, default service (no channels configured; target < 110 MB)', `${fmt((rss[1] ?? Number.NaN) / MB, 1)} MB`]);
}

async function throughput(): Promise<void> {
  process.stderr.write('throughput (echo process vs the compiled service, LOG_LEVEL=info)\n');
  const nodeArgs = (tag: string) => (process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}/${tag}`] : []);
  const echo = await startService({}, { script: 'test/bench/echo-server.mjs', nodeArgs: nodeArgs('echo') });
  const emu = await startBotApiEmulator();
  const { dir, env } = freshEnv({
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    PUBLIC_URL: 'http://127.0.0.1:1/',
  });
  const svc = await startService(env, { script: 'dist/src/server.js', timeoutMs: 60_000, nodeArgs: nodeArgs('service') });
  try {
    await sleep(2000);
    const idleTg = await rssOf(svc.child.pid as number);
    figures.push(['RSS idle, Telegram configured (webhook)', idleTg ? `${(idleTg / MB).toFixed(1)} MB` : 'n/a']);
    let peak = 0;
    const sampler = setInterval(() => {
      void rssOf(svc.child.pid as number).then((r) => {
        if (r && r > peak) peak = r;
      });
    }, 200);
    const echoBody = JSON.stringify({ conversation: 'x'.repeat(43), choice: 'learn' });
    await run('warm-up', { url: `${echo.base}/echo`, method: 'POST', headers: { 'content-type': 'application/json' }, body: echoBody, duration: 2 });
    rows.pop();
    const ceiling = await run('bare Fastify JSON echo (own process)', { url: `${echo.base}/echo`, method: 'POST', headers: { 'content-type': 'application/json' }, body: echoBody }, 'the yardstick');
    ceiling.ratio = 1;
    const fresh = await run(
      'web turn, new conversation',
      { url: `${svc.base}/api/chat`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
      'token issued, conversation row created',
    );
    fresh.ratio = fresh.rps / ceiling.rps;
    const tokens = await openConversations(svc.base, 1000);
    await run('warm-up', { url: svc.base, requests: chatTurns(tokens), duration: 2 });
    rows.pop();
    const open = await run('web turn, open conversation', { url: svc.base, requests: chatTurns(tokens) }, '1000 rotating conversations; target ≥ 40% of echo');
    open.ratio = open.rps / ceiling.rps;
    // 500 turns/s spread over 20 connections (25/s each): with 100 connections autocannon fires
    // them in synchronised bursts, which measures its timer, not the service.
    await sleep(2000);
    await run('warm-up', { url: svc.base, requests: chatTurns(tokens), overallRate: 500, connections: 20, duration: 3 });
    rows.pop();
    const fixed = await run(
      'web turn, open conversation, fixed 500/s',
      { url: svc.base, requests: chatTurns(tokens), overallRate: 500, connections: 20 },
      'target p99 < 25 ms',
    );
    fixed.ratio = fixed.rps / ceiling.rps;
    // The Telegram run last: its replies queue behind Telegram's 30 msg/s pacing and are sent
    // during whatever runs next.
    const sentBefore = emu.callsTo('sendMessage').length;
    const tg = await run('Telegram webhook turn', { url: svc.base, requests: webhookTurns() }, '1000 rotating chats; replies paced to the emulator');
    tg.ratio = tg.rps / ceiling.rps;
    clearInterval(sampler);
    figures.push(['RSS under load (peak, Telegram configured)', `${(peak / MB).toFixed(1)} MB`]);
    figures.push(['Telegram replies delivered to the emulator during the runs', `${emu.callsTo('sendMessage').length - sentBefore}`]);
  } finally {
    await svc.kill('SIGTERM');
    await echo.kill('SIGTERM');
    await emu.close();
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
  const sqlite = app.storage.sqlite!.$client;
  const size = () => {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    let wal = 0;
    try {
      wal = statSync(`${config.DATABASE_PATH}-wal`).size;
    } catch {
      // no WAL file
    }
    return statSync(config.DATABASE_PATH).size + wal;
  };
  const before = size();
  const t0 = performance.now();
  const now = Date.now();
  for (let i = 0; i < REPORTS; i++) {
    await app.storage.tx((q) =>
        app.tips.submit(
          q,
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
    );
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

function fmt(n: number | undefined, d = 0): string {
  return n !== undefined && Number.isFinite(n) ? n.toFixed(d) : '—';
}

async function main() {
  const args = process.argv.slice(2);
  const writeReadme = args.includes('--write-readme');
  const only = args.filter((a) => !a.startsWith('--'));
  const want = (k: string) => only.length === 0 || only.includes(k);
  // The bench measures what `npm start` runs: make sure dist/ is current first.
  const build = spawn(process.execPath, ['src/cli/ensure-build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  await new Promise((r) => build.once('exit', r));
  if (want('startup')) await startup();
  if (want('throughput')) await throughput();
  if (want('growth')) await growth();

  const table = [
    `Measured by \`npm run bench\` — node ${process.version}, ${cpus().length} CPU, load average at the end ${loadavg()[0]?.toFixed(1)}, ${SECONDS} s per run, ${CONNECTIONS} connections, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| run | req/s | p50 ms | p99 ms | vs echo | non-2xx | errors | note |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.ratio === undefined ? '' : `${(r.ratio * 100).toFixed(0)}%`} | ${r.non2xx} | ${r.errors} | ${r.note ?? ''} |`,
    ),
    '',
    '| figure | value |',
    '| --- | --- |',
    ...figures.map(([k, v]) => `| ${k} | ${v} |`),
  ].join('\n');
  process.stdout.write(`\n${table}\n`);
  if (writeReadme) writeReadmeSection(ROOT, 'bench', table);

}

await main();
