/**
 * Configuration: the only reader of `process.env`. Parsed once at the edge with zod;
 * a bad value stops start-up with one line per bad variable, naming it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const intIn = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(emptyToUndefined, s.optional());

/** Environment schema, in the order of `.env.example`. */
export const envSchema = z.object({
  HOST: opt(z.string().min(1)).default('127.0.0.1'),
  PORT: opt(intIn(0, 65535)).default(3000),
  DATABASE_PATH: opt(z.string().min(1)).default('./data/waspada.db'),
  DATA_DIR: opt(z.string().min(1)).default('./data'),
  PSEUDONYM_SECRET: opt(z.string().min(32, 'must be at least 32 characters')),
  DEFAULT_LOCALE: opt(z.enum(['id', 'en'])).default('id'),
  LOG_LEVEL: opt(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
  TELEGRAM_BOT_TOKEN: opt(z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-def')),
  TELEGRAM_API_ROOT: opt(z.url()).default('https://api.telegram.org'),
  TELEGRAM_MODE: opt(z.enum(['webhook', 'polling'])),
  TELEGRAM_WEBHOOK_SECRET: opt(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z a-z 0-9 _ -')),
  PUBLIC_URL: opt(z.url()),
  TASKFORCE_TELEGRAM_CHAT_ID: opt(z.string().regex(/^-?\d+$/, 'must be a numeric chat id')),
  TASKFORCE_OFFICER_IDS: opt(
    z.string().regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be comma-separated numeric Telegram user ids'),
  ).transform((v) => (v ? v.split(',').map((s) => s.trim()) : [])),
  WHATSAPP_ENABLED: opt(bool).default(false),
  WHATSAPP_PAIRING_NUMBER: opt(z.string().regex(/^\d{8,15}$/, 'must be digits only, with country code (e.g. 6281234567890)')),
  TASKFORCE_WHATSAPP_JID: opt(z.string().regex(/^[\d-]+@g\.us$/, 'must be a group JID like 1203630...@g.us')),
  ADMIN_TOKEN: opt(z.string().min(24, 'must be at least 24 characters')),
  ESCALATE_AFTER_MINUTES: opt(intIn(1, 10080)).default(15),
  ALERT_INCLUDE_DESCRIPTION: opt(bool).default(false),
  DIGEST_HOUR: opt(intIn(0, 23)).default(8),
  RETENTION_DAYS: opt(intIn(1, 36500)).default(365),
  BODY_LIMIT_BYTES: opt(intIn(1024, 100 * 1024 * 1024)).default(64 * 1024),
  MEDIA_MAX_BYTES: opt(intIn(1024, 100 * 1024 * 1024)).default(10 * 1024 * 1024),
  MEDIA_MAX_PER_TIP: opt(intIn(1, 100)).default(10),
  RATE_LIMIT_PER_MINUTE: opt(intIn(1, 100000)).default(30),
  RECEIPT_ATTEMPTS_PER_HOUR: opt(intIn(1, 1000)).default(10),
  CONVERSATION_IDLE_MINUTES: opt(intIn(1, 10080)).default(60),
  MAX_MESSAGES_PER_CONVERSATION: opt(intIn(10, 100000)).default(500),
  /** Help contacts (JSON, validated at start); default: the shipped `flows/contacts.json`. */
  CONTACTS_FILE: opt(z.string().min(1)),
  /** Neutral page title/header and pushed-message prefix, for phones others may look at. */
  DISCREET_UI: opt(bool).default(false),
});

export type Env = z.infer<typeof envSchema>;

/** Parsed configuration, with derived values. */
export type Config = Env & {
  PSEUDONYM_SECRET: string;
  TELEGRAM_MODE: 'webhook' | 'polling';
  /** Absolute path of the evidence store. */
  mediaDir: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse an environment into a Config, without side effects.
 * `PSEUDONYM_SECRET` may be passed in `secret` (e.g. read from `DATA_DIR`).
 *
 * ```ts
 * const config = parseConfig({ PORT: '0' }, { secret: 'x'.repeat(64) });
 * ```
 */
export function parseConfig(env: Record<string, string | undefined>, opts: { secret?: string } = {}): Config {
  const e = parseEnv(env);
  const problems: string[] = [];
  const mode = e.TELEGRAM_MODE ?? (e.PUBLIC_URL ? 'webhook' : 'polling');
  if (mode === 'webhook') {
    if (!e.PUBLIC_URL && e.TELEGRAM_BOT_TOKEN) problems.push('PUBLIC_URL: required when TELEGRAM_MODE=webhook');
    if (!e.TELEGRAM_WEBHOOK_SECRET && e.TELEGRAM_BOT_TOKEN)
      problems.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook');
  }
  if (e.WHATSAPP_PAIRING_NUMBER && !e.WHATSAPP_ENABLED) {
    problems.push('WHATSAPP_PAIRING_NUMBER: set, but WHATSAPP_ENABLED is not true');
  }
  const secret = e.PSEUDONYM_SECRET ?? opts.secret;
  if (!secret) problems.push('PSEUDONYM_SECRET: missing (it is generated into DATA_DIR by loadConfig)');
  if (problems.length) throw new ConfigError(problems);
  return { ...e, PSEUDONYM_SECRET: secret as string, TELEGRAM_MODE: mode, mediaDir: resolve(e.DATA_DIR, 'media') };
}

/**
 * The environment checked by the same schema the server uses, without deriving or generating
 * anything: what the CLIs read, so they see the server's `DATABASE_PATH` and fail on the same
 * bad values.
 */
export function parseEnv(env: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      return `${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? null)})`;
    }),
  );
}

/**
 * Read `.env` (if present) and `process.env`, generate `PSEUDONYM_SECRET` into
 * `DATA_DIR/pseudonym.secret` (mode 0600) on first start, and parse.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const dataDir = env.DATA_DIR || './data';
  let secret: string | undefined;
  if (!env.PSEUDONYM_SECRET) {
    const file = join(dataDir, 'pseudonym.secret');
    if (existsSync(file)) {
      secret = readFileSync(file, 'utf8').trim();
    } else {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      secret = randomBytes(32).toString('hex');
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    }
  }
  return parseConfig(env, { secret });
}
