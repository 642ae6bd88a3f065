/**
 * Configuration: the only reader of `process.env`. Parsed once at the edge with zod;
 * a bad value stops start-up with one line per bad variable, naming it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const intIn = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(emptyToUndefined, s.optional());

/** `127.0.0.1`, `::1`, `10.0.0.0/8`, `fd00::/8`: an address, or an address with a prefix length. */
function isAddressOrCidr(entry: string): boolean {
  const [addr, bits, extra] = entry.split('/');
  const family = isIP(addr);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: a hop count, or comma-separated addresses/CIDRs of the reverse proxies whose
 * `X-Forwarded-For` is believed. Anything else would let a client pick its own address.
 */
const trustProxy = z
  .string()
  .transform((v, ctx): number | string[] => {
    const t = v.trim();
    if (/^\d+$/.test(t)) return Number(t);
    const list = t.split(',').map((s) => s.trim()).filter(Boolean);
    if (!list.length || !list.every(isAddressOrCidr)) {
      ctx.addIssue({ code: 'custom', message: 'must be a hop count or comma-separated addresses/CIDRs (e.g. 127.0.0.1,::1)' });
      return z.NEVER;
    }
    return list;
  });

/**
 * Variables whose values are secrets: a bad one is named in the start-up error, never echoed
 * (start-up lines end up in journald, CI logs and screenshots of terminals).
 */
const SECRET_VARIABLES = new Set(['PSEUDONYM_SECRET', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'ADMIN_TOKEN', 'DATABASE_URL']);
const looksSecret = (name: string) => SECRET_VARIABLES.has(name) || /SECRET|TOKEN|PASSWORD|_KEY$|_URL$/.test(name) && name !== 'PUBLIC_URL' && name !== 'TELEGRAM_API_ROOT';

/** Environment schema, in the order of `.env.example`. */
export const envSchema = z.object({
  HOST: opt(z.string().min(1)).default('127.0.0.1'),
  PORT: opt(intIn(0, 65535)).default(3000),
  DATABASE_PATH: opt(z.string().min(1)).default('./data/waspada.db'),
  /** PostgreSQL for several instances (CONTRACT.md): not in this build yet, refused clearly rather than ignored. */
  DATABASE_URL: opt(z.string().regex(/^postgres(?:ql)?:\/\//, 'must look like postgres://user:pass@host:5432/db')),
  DATA_DIR: opt(z.string().min(1)).default('./data'),
  PSEUDONYM_SECRET: opt(z.string().min(32, 'must be at least 32 characters')),
  PSEUDONYM_SECRET_FILE: opt(z.string().min(1)),
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
  /** Regency task forces (src/routing/): a JSON file read and validated at start. */
  TASKFORCE_ROUTES_FILE: opt(z.string().min(1)),
  TASKFORCE_PROVINCE_SEES_ALL: opt(bool).default(false),
  ADMIN_TOKEN: opt(z.string().min(24, 'must be at least 24 characters')),
  ESCALATE_AFTER_MINUTES: opt(intIn(1, 10080)).default(15),
  ALERT_INCLUDE_DESCRIPTION: opt(bool).default(false),
  DIGEST_HOUR: opt(intIn(0, 23)).default(8),
  RETENTION_DAYS: opt(intIn(1, 36500)).default(365),
  BODY_LIMIT_BYTES: opt(intIn(1024, 100 * 1024 * 1024)).default(64 * 1024),
  MEDIA_MAX_BYTES: opt(intIn(1024, 100 * 1024 * 1024)).default(10 * 1024 * 1024),
  MEDIA_MAX_PER_TIP: opt(intIn(1, 100)).default(10),
  MEDIA_QUOTA_BYTES: opt(intIn(1024 * 1024, Number.MAX_SAFE_INTEGER)).default(5 * 1024 ** 3),
  TRUST_PROXY: opt(trustProxy),
  RATE_LIMIT_PER_MINUTE: opt(intIn(1, 100000)).default(30),
  OPEN_PER_ADDRESS_PER_MINUTE: opt(intIn(1, 100000)).default(30),
  OPEN_PER_MINUTE: opt(intIn(1, 1000000)).default(600),
  UPLOADS_PER_ADDRESS_PER_MINUTE: opt(intIn(1, 100000)).default(30),
  UPLOADS_PER_MINUTE: opt(intIn(1, 1000000)).default(120),
  RECEIPT_ATTEMPTS_PER_HOUR: opt(intIn(1, 1000)).default(10),
  RECEIPT_ATTEMPTS_PER_ADDRESS_PER_HOUR: opt(intIn(1, 100000)).default(100),
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
  if (!e.PSEUDONYM_SECRET && secret && secret.length < 32) {
    problems.push('PSEUDONYM_SECRET_FILE: the secret in it is shorter than 32 characters (value hidden)');
  }
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
      const got = looksSecret(name) ? 'value hidden: it is a secret' : `got ${JSON.stringify(env[name] ?? null)}`;
      return `${name}: ${issue.message} (${got})`;
    }),
  );
}

/**
 * Read `.env` (if present) and `process.env`, generate `PSEUDONYM_SECRET` into
 * `PSEUDONYM_SECRET_FILE` (default `DATA_DIR/pseudonym.secret`, mode 0600) on first start, and
 * parse. The file may live outside `DATA_DIR` so that a copy of the data (database, evidence)
 * does not carry the key that unlocks contacts and pseudonyms.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const dataDir = env.DATA_DIR || './data';
  let secret: string | undefined;
  if (!env.PSEUDONYM_SECRET) {
    const file = env.PSEUDONYM_SECRET_FILE || join(dataDir, 'pseudonym.secret');
    if (existsSync(file)) {
      secret = readFileSync(file, 'utf8').trim();
    } else {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      secret = randomBytes(32).toString('hex');
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    }
  }
  return parseConfig(env, { secret });
}
