/**
 * Bench-only process: the real app from `buildApp` plus a bare `GET /bench/ceiling` JSON route on
 * the same instance, so the ceiling and the pipeline share one process, one event loop and one
 * logger. Never part of production code. Prints `BENCH_PORT=<port>` when listening.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const config = loadConfig();
// BENCH_TG_UNPACED=1: lift the reply pacer (Telegram's 30 msg/s per bot) so the bench measures
// the pipeline, not Telegram's limit; replies to the emulator still go out in the background.
const app = await buildApp(
  config,
  process.env.BENCH_TG_UNPACED ? { telegram: { pacing: { globalPerSecond: 1_000_000, perChatPerSecond: 1_000_000 } } } : {},
);
app.get('/bench/ceiling', async () => ({ ok: true, at: 1 }));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`BENCH_PORT=${(app.server.address() as { port: number }).port}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
