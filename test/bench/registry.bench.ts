/**
 * Registry search benchmark (DESIGN.md: p99 < 5 ms on 100,000 agencies, typo-tolerant).
 * Generates a deterministic fictional registry, imports it into a real SQLite file, runs typo
 * queries through Waspada's search and, on the same data, through Fuse.js for comparison.
 *
 *   npm run bench:registry                  # 100k agencies, 3000 queries, Fuse.js on 100 of them (slow)
 *   npm run bench:registry -- --agencies 20000 --queries 1000 --fuse 100
 *   npm run bench:registry -- --db /tmp/bench.db   # keep/reuse the imported database
 *   npm run bench:registry -- --no-fuse             # skip the slow Fuse.js comparison
 *   node --expose-gc --import tsx test/bench/registry.bench.ts --no-fuse   # also measure the index's retained memory
 *   npm run bench:registry -- --pg postgres://…/db --no-fuse   # on PostgreSQL (an empty, disposable database)
 *   npm run bench:registry -- --sql --no-fuse       # the SQL search (registries above the in-memory limit)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { normaliseLicense } from '../../src/registry/normalise.js';
import { createRegistryService } from '../../src/registry/registry-service.js';
import { migrateStorage } from '../../src/storage/migrate.js';
import { openStorage } from '../../src/storage/storage.js';
import { type BenchQuery, generateAgencies, generateQueries } from './registry-data.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const N_AGENCIES = arg('agencies', 100_000);
const N_QUERIES = arg('queries', 3000);
const N_FUSE = arg('fuse', 100);
const TODAY = '2026-01-01';
const dbIndex = process.argv.indexOf('--db');
const KEEP_DB = dbIndex >= 0 ? process.argv[dbIndex + 1] : undefined;
const pgIndex = process.argv.indexOf('--pg');
const PG_URL = pgIndex >= 0 ? process.argv[pgIndex + 1] : undefined;
const SQL_ONLY = process.argv.includes('--sql');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

type Result = { p50: number; p99: number; cpuP99: number; max: number; r1: number; r3: number; n: number; byKind: Record<string, [number, number]> };

async function run(queries: BenchQuery[], search: (q: string) => string[] | Promise<string[]>): Promise<Result> {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let r1 = 0;
  let r3 = 0;
  const byKind: Record<string, [number, number]> = {};
  for (const q of queries) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const keys = await search(q.text);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
    byKind[q.kind] ??= [0, 0];
    const k = byKind[q.kind];
    k[1]++;
    if (keys[0] === q.key) r1++;
    if (keys.slice(0, 3).includes(q.key)) {
      r3++;
      k[0]++;
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), cpuP99: percentile(cpuTimes, 99), max: times[times.length - 1], r1: r1 / queries.length, r3: r3 / queries.length, n: queries.length, byKind };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'waspada-bench-'));
try {
  const storage = await openStorage({ DATABASE_URL: PG_URL, DATABASE_PATH: KEEP_DB ?? join(dir, 'bench.db') });
  await migrateStorage(storage, { DATABASE_URL: PG_URL });
  const registry = createRegistryService({ storage, now: () => Date.parse(`${TODAY}T00:00:00Z`), memoryIndexMaxAgencies: SQL_ONLY ? 0 : undefined });
  const repo = registry.repository;
  console.log(`backend: ${storage.dialect}${SQL_ONLY ? ', SQL search' : ''}`);

  let t0 = performance.now();
  const agencies = generateAgencies(N_AGENCIES);
  const queries = generateQueries(agencies, N_QUERIES);
  process.stderr.write(`generated ${agencies.length} agencies, ${queries.length} queries in ${ms(performance.now() - t0)}\n`);

  t0 = performance.now();
  if ((await repo.count()) !== agencies.length) {
    const counts = await repo.applyImport(agencies, { replace: true, source: 'bench', importedAt: 0 });
    process.stderr.write(`imported (${counts.inserted} inserted) in ${ms(performance.now() - t0)}\n`);
  }

  // Build the in-memory index before timing queries, and report its cost.
  // Retained memory is only measurable after a collection: run with `node --expose-gc --import tsx` for it.
  const gc = (globalThis as { gc?: () => void }).gc;
  const used = () => {
    gc?.();
    return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  };
  const heap0 = used();
  t0 = performance.now();
  await registry.load();
  const index = registry.index();
  const buildMs = performance.now() - t0;
  const heapMb = (used() - heap0) / 1e6;
  console.log(
    index.kind === 'memory'
      ? `index: in memory, ${index.agencies} agencies, ~${(index.bytes / 1e6).toFixed(1)} MB (heap and buffers +${heapMb.toFixed(1)} MB${gc ? ' retained' : ', garbage included'}), built in ${ms(buildMs)}`
      : `index: none, searches read SQL (${storage.dialect === 'sqlite' ? 'FTS5' : 'a scan'})`,
  );

  const waspada = async (q: string) => (await registry.search(q, 10)).results.map((h) => normaliseLicense(h.licenseNumber));
  // Warm up statement caches, the page cache and the trigram frequencies.
  for (const q of queries.slice(0, 200)) await waspada(q.text);
  const cpu0 = process.cpuUsage();
  const ours = await run(queries, waspada);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / queries.length;
  console.log(
    `waspada: ${queries.length} queries, p50 ${ms(ours.p50)}, p99 ${ms(ours.p99)}, mean CPU ${ms(cpuMs)}/query (p99 ${ms(ours.cpuP99)}), recall@1 ${pct(ours.r1)}, recall@3 ${pct(ours.r3)}`,
  );
  if (process.argv.includes('--no-fuse')) {
    await storage.close();
    process.exit(0);
  }

  // Whole groups of consecutive queries, so every query kind is in the sample.
  const stride = Math.max(1, Math.floor(queries.length / N_FUSE / 6));
  const sample = queries.filter((_, i) => Math.floor(i / 6) % stride === 0).slice(0, N_FUSE);
  t0 = performance.now();
  const fuse = new Fuse(agencies, { keys: ['name', 'licenseNumber'], includeScore: true });
  process.stderr.write(`Fuse.js index built in ${ms(performance.now() - t0)}\n`);
  const fuseRes = await run(sample, (q) => fuse.search(q, { limit: 10 }).map((r) => r.item.key));
  const oursOnSample = await run(sample, waspada);

  console.log(`\nmachine: load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (latency is wall-clock; CPU time per query is printed above)`);
  console.log(`\nRegistry search: ${agencies.length.toLocaleString('en')} agencies, ${queries.length} queries (Fuse.js on a sample of ${sample.length})`);
  console.log('engine              queries   p50        p99        max        recall@1  recall@3');
  const line = (name: string, r: Result) =>
    console.log(`${name.padEnd(20)}${String(r.n).padEnd(10)}${ms(r.p50).padEnd(11)}${ms(r.p99).padEnd(11)}${ms(r.max).padEnd(11)}${pct(r.r1).padEnd(10)}${pct(r.r3)}`);
  line('waspada (all)', ours);
  line('waspada (sample)', oursOnSample);
  line('fuse.js (sample)', fuseRes);
  console.log(
    `\nratios on the sample: Fuse p50/waspada p50 = ${(fuseRes.p50 / oursOnSample.p50).toFixed(0)}x, p99 = ${(fuseRes.p99 / oursOnSample.p99).toFixed(0)}x; ` +
      `recall@3 waspada ${pct(oursOnSample.r3)} vs Fuse ${pct(fuseRes.r3)}`,
  );
  console.log('\nrecall@3 by query kind (waspada all | waspada sample | fuse sample):');
  for (const kind of Object.keys(ours.byKind)) {
    const f = (r: Result) => (r.byKind[kind] ? pct(r.byKind[kind][0] / r.byKind[kind][1]) : '-');
    console.log(`  ${kind.padEnd(12)} ${f(ours).padEnd(8)} ${f(oursOnSample).padEnd(8)} ${f(fuseRes)}`);
  }
  const ok = ours.p99 < 5 && ours.r3 >= 0.95 && oursOnSample.r3 > fuseRes.r3 && oursOnSample.p99 < fuseRes.p99;
  console.log(`\ntargets (p99 < 5 ms, recall@3 >= 95%, ahead of Fuse.js): ${ok ? 'met' : 'NOT met'}`);
  await storage.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
