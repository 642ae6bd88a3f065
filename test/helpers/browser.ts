/**
 * Headless Chromium for browser tests: playwright-core driving the Debian `chromium` package (no
 * browser download). Each launch gets a fresh temporary profile, so no state leaks between tests.
 *
 * ```ts
 * const browser = await launchBrowser();
 * const page = await (await browser.newContext()).newPage();
 * // …
 * await browser.close();
 * ```
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { TEST_SECRET } from './app.js';

/** Debian's chromium; override with CHROMIUM_PATH for another install. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launch headless Chromium. `launch` gives every browser its own temporary user-data-dir, removed
 * on `close()`. Fails with a fix-it message when Chromium is missing.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install chromium" or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/** The real app listening on 127.0.0.1:0 with a headless browser: the setup every browser test shares. */
export type BrowserApp = { app: FastifyInstance; base: string; browser: Browser; dir: string; close(): Promise<void> };

/**
 * Build the whole service (`buildApp`) on a fresh SQLite file in a temp folder, listen on a free
 * port and launch Chromium. `env` adds variables on top of the test defaults.
 *
 * ```ts
 * const t = await startBrowserApp('waspada-receipt-');
 * const page = await (await t.browser.newContext()).newPage();
 * await page.goto(`${t.base}/`);
 * await t.close();
 * ```
 */
export async function startBrowserApp(prefix: string, env: Record<string, string> = {}): Promise<BrowserApp> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const config = parseConfig(
    // A whole report is ~25 requests in well under a minute: keep the per-conversation limit out of the way.
    { DATABASE_PATH: join(dir, 'waspada.db'), DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '600', ...env },
    { secret: TEST_SECRET },
  );
  const app = await buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    app,
    base,
    browser,
    dir,
    async close() {
      await browser.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
