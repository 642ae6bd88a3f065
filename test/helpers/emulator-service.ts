/**
 * The whole service with Telegram on the Bot API emulator: `buildApp` with polling grammY against
 * the emulator's real HTTP, SQLite on files in a temporary directory (PostgreSQL when the suite runs
 * on it), and an injected clock the
 * test moves (`svc.clock.now`). One setup for every e2e test that talks to the bot, so they all
 * exercise the same wiring.
 *
 * ```ts
 * const svc = await startEmulatorService({ env: { TASKFORCE_TELEGRAM_CHAT_ID: '-100777' } });
 * await deliver(svc, svc.emu.textMessage(42, '/start'));
 * await stopEmulatorService(svc);
 * ```
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { backendEnv } from './backend.js';
import { type BotApiEmulator, startBotApiEmulator, type Update } from './bot-api-emulator.js';

export type EmulatorService = { app: FastifyInstance; emu: BotApiEmulator; dir: string; clock: { now: number }; backend: Record<string, string> };

export type EmulatorServiceOptions = {
  /** Extra environment (task-force chat, officers, …); a function gets the data directory first. */
  env?: Record<string, string> | ((dir: string) => Record<string, string>);
  /** Prefix of the temporary directory's name (helps when a test leaves one behind). */
  dirPrefix?: string;
  /** Messages from the emulator are dated by the injected clock (retention, edit windows). */
  emulatorOnClock?: boolean;
  /** The outbox worker's poll and the schedulers' period; defaults keep the worker quick. */
  alerts?: AppDeps['alerts'];
  /** Further dependencies for buildApp (merged last). */
  deps?: Partial<AppDeps>;
  /** A restart: the previous life's emulator, data directory and clock (the files are kept). */
  restartOf?: EmulatorService;
};

/** 28 Nov 2026, 09:00 in Pontianak: the tests' injected "now" unless they move it. */
export const START = Date.UTC(2026, 10, 28, 2, 0);

/** Start the service on a fresh emulator and data directory; resolves once the bot polls. */
export async function startEmulatorService(o: EmulatorServiceOptions = {}): Promise<EmulatorService> {
  const clock = o.restartOf?.clock ?? { now: START };
  const emu = o.restartOf?.emu ?? (await startBotApiEmulator(o.emulatorOnClock ? { now: () => clock.now } : undefined));
  const dir = o.restartOf?.dir ?? mkdtempSync(join(tmpdir(), o.dirPrefix ?? 'waspada-emu-'));
  const env = typeof o.env === 'function' ? o.env(dir) : (o.env ?? {});
  const backend = o.restartOf?.backend ?? (await backendEnv());
  const config = parseConfig(
    {
      PORT: '0',
      DATABASE_PATH: join(dir, 'waspada.db'),
      ...backend,
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      TELEGRAM_BOT_TOKEN: '123:ABC',
      TELEGRAM_API_ROOT: emu.apiRoot,
      TELEGRAM_MODE: 'polling',
      ...env,
    },
    { secret: 'test-secret-'.padEnd(64, 'x') },
  );
  const app = await buildApp(config, {
    logger: false,
    clock: () => clock.now,
    telegram: { retryBaseMs: 20, pacing: { perChatPerSecond: 50 } },
    alerts: o.alerts ?? { worker: { pollMs: 50, random: () => 0 } },
    ...o.deps,
  });
  await app.ready();
  await emu.waitForPoll();
  return { app, emu, dir, clock, backend };
}

/** Close the service and the emulator and delete the data directory. */
export async function stopEmulatorService(svc: EmulatorService | undefined): Promise<void> {
  if (!svc) return;
  await svc.app.close();
  await svc.emu.close();
  rmSync(svc.dir, { recursive: true, force: true });
}

/** Hand one update to the bot and wait until the service has handled it (and sent its answers). */
export async function deliver(svc: EmulatorService, update: Update): Promise<void> {
  svc.emu.pushUpdate(update);
  await svc.emu.waitForPoll(update.update_id + 1);
  await svc.app.telegram!.idle();
}
