/**
 * Process shell: parse config, build the app, listen, and shut down gracefully
 * (stop taking work, drain, close the database) on SIGTERM/SIGINT.
 */
import 'dotenv/config';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  // Files we create (database, WAL, evidence, secrets) are readable by the service user only.
  process.umask(0o077);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`waspada: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const started = performance.now();
  const app = await buildApp(config);
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  const channels = app.channels.statuses();
  app.log.info(
    { channels, startupMs: Math.round(performance.now() - started) },
    `Waspada listening on http://${config.HOST}:${(app.server.address() as { port: number }).port}/ — web ${channels.web}, telegram ${channels.telegram}, whatsapp ${channels.whatsapp}`,
  );
}

main().catch((err) => {
  process.stderr.write(`waspada: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
