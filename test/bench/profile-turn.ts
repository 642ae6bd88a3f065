/**
 * Where does a web-chat turn spend its time? Runs N turns through `inject` (no sockets) and
 * prints turns/s; run under `node --cpu-prof --import tsx test/bench/profile-turn.ts` for a profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';

const N = Number(process.env.TURNS ?? 3000);
const dir = mkdtempSync(join(tmpdir(), 'waspada-prof-'));
const config = parseConfig(
  { DATA_DIR: dir, DATABASE_PATH: join(dir, 'w.db'), RATE_LIMIT_PER_MINUTE: '100000', MAX_MESSAGES_PER_CONVERSATION: '100000', OPEN_PER_ADDRESS_PER_MINUTE: '100000' },
  { secret: 'p'.repeat(64) },
);
const app = await buildApp(config, { logger: false });
await app.ready();
const tokens: string[] = [];
for (let i = 0; i < 100; i++) tokens.push((await app.inject({ method: 'POST', url: '/api/chat', payload: {} })).json().conversation);
const t0 = performance.now();
// CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
const cpu0 = process.cpuUsage();
for (let i = 0; i < N; i++) {
  const conversation = tokens[i % tokens.length];
  const payload = Math.floor(i / tokens.length) % 2 === 0 ? { conversation, choice: 'learn' } : { conversation, text: 'menu' };
  const res = await app.inject({ method: 'POST', url: '/api/chat', payload });
  if (res.statusCode !== 200) throw new Error(res.body);
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMsPerTurn = (cpu.user + cpu.system) / 1000 / N;
const c0 = performance.now();
for (let i = 0; i < N; i++) await app.inject({ method: 'GET', url: '/health' });
const hms = performance.now() - c0;
console.log(`${N} turns: ${((N / ms) * 1000).toFixed(0)} turns/s (${(ms / N).toFixed(2)} ms/turn, ${cpuMsPerTurn.toFixed(3)} ms CPU/turn); /health ${((N / hms) * 1000).toFixed(0)} req/s`);
await app.close();
rmSync(dir, { recursive: true, force: true });
