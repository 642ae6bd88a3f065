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
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

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
