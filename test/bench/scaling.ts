/**
 * `npm run bench:scaling`: the same web-chat turns on SQLite (one instance) and on PostgreSQL with
 * one and with two instances of the compiled service (`dist/`), on this machine. Two instances get
 * one autocannon each at the same time (a balancer's share), over conversations that live in the
 * shared database. PostgreSQL is a temporary cluster (Debian's postgresql) with crash-safe files and
 * commits flushed in the background (`synchronous_commit=off`, like SQLite's WAL with
 * synchronous=NORMAL). Not part of `npm test`.
 *
 *   BENCH_SECONDS=10       length of each run
 *   BENCH_CONNECTIONS=50   connections per instance
 *   --write-readme         replace the table between the scaling markers in README.md
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { writeReadmeSection } from './readme-table.js';
import { chatTurns, openConversations } from './web-turns.js';
import { createTestDatabase, startPgCluster } from '../helpers/postgres.js';
import { type ServiceProcess, startService } from '../helpers/service-process.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROOT = new URL('../../', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Row = { setup: string; run: string; rps: number; p50: number; p99: number; non2xx: number; errors: number };
const rows: Row[] = [];

function env(dir: string, extra: Record<string, string>): Record<string, string> {
  return {
    DATA_DIR: dir,
    DATABASE_PATH: join(dir, 'waspada.db'),
    PSEUDONYM_SECRET: 'scaling-secret-'.padEnd(64, 's'),
    RATE_LIMIT_PER_MINUTE: '100000',
    MAX_MESSAGES_PER_CONVERSATION: '100000',
    OPEN_PER_ADDRESS_PER_MINUTE: '100000',
    OPEN_PER_MINUTE: '1000000',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** One autocannon per instance at once; the figures are summed (req/s) and the worst (p99). */
async function measure(setup: string, run: string, instances: ServiceProcess[], opts: (svc: ServiceProcess, i: number) => autocannon.Options): Promise<void> {
  const results = await Promise.all(instances.map((svc, i) => autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts(svc, i) })));
  const row: Row = {
    setup,
    run,
    rps: results.reduce((a, r) => a + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((a, r) => a + r.non2xx, 0),
    errors: results.reduce((a, r) => a + r.errors + r.timeouts, 0),
  };
  rows.push(row);
  process.stderr.write(`  ${setup} · ${run}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx}, errors ${row.errors}\n`);
}

async function scenario(setup: string, start: () => Promise<ServiceProcess[]>): Promise<void> {
  const instances = await start();
  try {
    await sleep(1000);
    const list = await openConversations(instances[0]!.base, 1000);
    await Promise.all(instances.map((svc, i) => autocannon({ url: svc.base, requests: chatTurns(list, i * 7), connections: CONNECTIONS, duration: 2 })));
    await measure(setup, 'new conversation', instances, (svc) => ({ url: `${svc.base}/api/chat`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    await measure(setup, 'open conversation turn', instances, (svc, i) => ({ url: svc.base, requests: chatTurns(list, i * 500) }));
  } finally {
    await Promise.all(instances.map((svc) => svc.kill('SIGTERM')));
  }
}

const service = (e: Record<string, string>) => startService(e, { script: 'dist/src/server.js', timeoutMs: 60_000 });

async function main() {
  const writeReadme = process.argv.includes('--write-readme');
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'waspada-scale-'));
    dirs.push(d);
    return d;
  };
  const cluster = await startPgCluster({ durable: true });
  try {
    await scenario('SQLite, 1 instance', async () => [await service(env(fresh(), {}))]);
    const one = await createTestDatabase(cluster.baseUrl);
    const d1 = fresh();
    await scenario('PostgreSQL, 1 instance', async () => [await service(env(d1, { DATABASE_URL: one }))]);
    const two = await createTestDatabase(cluster.baseUrl);
    const d2 = fresh();
    await scenario('PostgreSQL, 2 instances', async () => {
      const first = await service(env(d2, { DATABASE_URL: two }));
      return [first, await service(env(d2, { DATABASE_URL: two }))];
    });
  } finally {
    cluster.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  const table = [
    `Measured by \`npm run bench:scaling\` — node ${process.version}, ${cpus().length} CPU shared by the instances, PostgreSQL and the load generator; load average at the end ${loadavg()[0]?.toFixed(1)}; ${SECONDS} s per run, ${CONNECTIONS} connections per instance; ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| setup | run | req/s (sum) | p50 ms | p99 ms (worst) | non-2xx | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.setup} | ${r.run} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`),
  ].join('\n');
  process.stdout.write(`\n${table}\n`);
  if (writeReadme) writeReadmeSection(ROOT, 'scaling', table);

}

await main();
