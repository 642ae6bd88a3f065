import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseDotenv } from 'dotenv';
import { ConfigError, envSchema, loadConfig, parseConfig } from '../../src/config.js';

const SECRET = 's'.repeat(64);
const TOKEN = '123456:ABC-def_ghi';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env, { secret: SECRET });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('starts with no environment at all, on the documented defaults', () => {
    const c = parseConfig({}, { secret: SECRET });
    expect(c).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      DATABASE_PATH: './data/waspada.db',
      DATA_DIR: './data',
      DEFAULT_LOCALE: 'id',
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      TELEGRAM_MODE: 'polling',
      TASKFORCE_OFFICER_IDS: [],
      WHATSAPP_ENABLED: false,
      ESCALATE_AFTER_MINUTES: 15,
      ALERT_INCLUDE_DESCRIPTION: false,
      DIGEST_HOUR: 8,
      RETENTION_DAYS: 365,
      PSEUDONYM_SECRET: SECRET,
    });
  });

  it('treats empty values (a copied .env.example) as unset', () => {
    const c = parseConfig({ PORT: '', DEFAULT_LOCALE: '', TELEGRAM_BOT_TOKEN: '', WHATSAPP_ENABLED: '' }, { secret: SECRET });
    expect(c.PORT).toBe(3000);
    expect(c.DEFAULT_LOCALE).toBe('id');
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it('parses set values', () => {
    const c = parseConfig(
      { PORT: '0', DEFAULT_LOCALE: 'en', TASKFORCE_OFFICER_IDS: '11, 22,33', WHATSAPP_ENABLED: 'yes', ESCALATE_AFTER_MINUTES: '5' },
      { secret: SECRET },
    );
    expect(c).toMatchObject({ PORT: 0, DEFAULT_LOCALE: 'en', TASKFORCE_OFFICER_IDS: ['11', '22', '33'], WHATSAPP_ENABLED: true, ESCALATE_AFTER_MINUTES: 5 });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DEFAULT_LOCALE', 'fr'],
    ['TELEGRAM_API_ROOT', 'notaurl'],
    ['ESCALATE_AFTER_MINUTES', '-1'],
    ['ESCALATE_AFTER_MINUTES', '0'],
    ['TASKFORCE_OFFICER_IDS', 'abc'],
    ['WHATSAPP_ENABLED', 'maybe'],
    ['TELEGRAM_MODE', 'push'],
    ['PUBLIC_URL', 'example.org'],
    ['DIGEST_HOUR', '24'],
    ['LOG_LEVEL', 'loud'],
    ['TASKFORCE_TELEGRAM_CHAT_ID', 'group'],
    ['TASKFORCE_WHATSAPP_JID', '12345@s.whatsapp.net'],
  ])('names %s=%s in the error, with the value it got', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(problems[0]).toContain(JSON.stringify(value));
  });

  it.each([
    ['PSEUDONYM_SECRET', 'short-but-secret-1'],
    ['ADMIN_TOKEN', 'short-admin-tok-2'],
    ['TELEGRAM_BOT_TOKEN', 'leaked-bot-token-3'],
    ['TELEGRAM_WEBHOOK_SECRET', 'bad secret with spaces 4'],
  ])('names the secret %s in the error but never echoes its value', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(problems[0]).not.toContain(value);
    expect(problems[0]).toContain('hidden');
  });

  it.each([
    ['TRUST_PROXY', '127.0.0.1,evil'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['MEDIA_QUOTA_BYTES', '12'],
  ])('names %s=%s in the error', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(problems[0]).toContain(JSON.stringify(value));
  });

  it('reads TRUST_PROXY as a hop count or a list of addresses and CIDRs; unset trusts nobody', () => {
    expect(parseConfig({ TRUST_PROXY: '1' }, { secret: SECRET }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '127.0.0.1, ::1,10.0.0.0/8' }, { secret: SECRET }).TRUST_PROXY).toEqual(['127.0.0.1', '::1', '10.0.0.0/8']);
    expect(parseConfig({}, { secret: SECRET }).TRUST_PROXY).toBeUndefined();
  });

  it('reports every bad variable, each on its own line of the message', () => {
    const env = { PORT: 'abc', DEFAULT_LOCALE: 'fr', TELEGRAM_API_ROOT: 'notaurl', ESCALATE_AFTER_MINUTES: '-1', TASKFORCE_OFFICER_IDS: 'abc', WHATSAPP_ENABLED: 'maybe' };
    let message = '';
    try {
      parseConfig(env, { secret: SECRET });
    } catch (err) {
      message = (err as Error).message;
    }
    const lines = message.split('\n').slice(1).map((l) => l.trim());
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(Object.keys(env).sort());
  });

  it('takes a postgres:// DATABASE_URL, and refuses anything else in one line without echoing its password', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://waspada:hunter2-secret@db:5432/waspada' }, { secret: SECRET }).DATABASE_URL).toBe('postgres://waspada:hunter2-secret@db:5432/waspada');
    expect(parseConfig({ DATABASE_URL: 'postgresql://waspada@db/waspada' }, { secret: SECRET }).DATABASE_URL).toBe('postgresql://waspada@db/waspada');
    const bad = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/w' });
    expect(bad).toEqual([expect.stringMatching(/^DATABASE_URL: must look like postgres:/)]);
    expect(bad.join('\n')).not.toContain('hunter2');
  });

  it('requires PUBLIC_URL and the webhook secret in webhook mode when a bot token is set', () => {
    const problems = problemsOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook' });
    expect(problems).toEqual([expect.stringMatching(/^PUBLIC_URL: /), expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET: /)]);
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://tips.example.org' })).toEqual([
      expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET: /),
    ]);
    const ok = parseConfig(
      { TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://tips.example.org', TELEGRAM_WEBHOOK_SECRET: 'abc_123' },
      { secret: SECRET },
    );
    expect(ok.TELEGRAM_MODE).toBe('webhook');
  });

  it('names WHATSAPP_PAIRING_NUMBER when WhatsApp is off', () => {
    expect(problemsOf({ WHATSAPP_PAIRING_NUMBER: '6281234567890' })).toEqual([expect.stringMatching(/^WHATSAPP_PAIRING_NUMBER: /)]);
  });

  it('names PSEUDONYM_SECRET when neither the environment nor the caller gives one', () => {
    expect(() => parseConfig({})).toThrow(/PSEUDONYM_SECRET/);
  });
});

describe('loadConfig', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('generates PSEUDONYM_SECRET into DATA_DIR with mode 0600 and reuses it next time', () => {
    dir = mkdtempSync(join(tmpdir(), 'waspada-config-'));
    const dataDir = join(dir, 'data');
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = join(dataDir, 'pseudonym.secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.PSEUDONYM_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.PSEUDONYM_SECRET);
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.PSEUDONYM_SECRET).toBe(first.PSEUDONYM_SECRET);
  });

  it('keeps the generated secret at PSEUDONYM_SECRET_FILE, outside DATA_DIR', () => {
    dir = mkdtempSync(join(tmpdir(), 'waspada-config-'));
    const file = join(dir, 'keys', 'waspada.secret');
    const first = loadConfig({ DATA_DIR: join(dir, 'data'), PSEUDONYM_SECRET_FILE: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.PSEUDONYM_SECRET);
    expect(() => statSync(join(dir as string, 'data', 'pseudonym.secret'))).toThrow();
    expect(loadConfig({ DATA_DIR: join(dir, 'data'), PSEUDONYM_SECRET_FILE: file }).PSEUDONYM_SECRET).toBe(first.PSEUDONYM_SECRET);
  });

  it('prefers PSEUDONYM_SECRET from the environment and then writes no file', () => {
    dir = mkdtempSync(join(tmpdir(), 'waspada-config-'));
    const c = loadConfig({ DATA_DIR: dir, PSEUDONYM_SECRET: SECRET });
    expect(c.PSEUDONYM_SECRET).toBe(SECRET);
    expect(() => statSync(join(dir as string, 'pseudonym.secret'))).toThrow();
  });
});

describe('.env.example', () => {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

  it('documents every variable of the schema, in its order', () => {
    const documented = [...text.matchAll(/^# ([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(envSchema.shape));
  });

  it('copied unchanged to .env, sets nothing and starts on the defaults', () => {
    const env = parseDotenv(text);
    expect(Object.values(env).filter((v) => v !== '')).toEqual([]);
    expect(parseConfig(env, { secret: SECRET })).toEqual(parseConfig({}, { secret: SECRET }));
  });
});
