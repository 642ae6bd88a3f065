/**
 * Phone-first receipt: on a 390×844 phone, after "Kirim laporan" the receipt (shown only once)
 * stays in view with a working copy button, focus does not jump past it, and only the receipt —
 * not a phone number in the summary — is styled as a receipt. Runs the real app in real Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { CHAT_STORAGE_KEY } from '../../src/channels/web/page.js';
import { parseConfig } from '../../src/config.js';
import { TEST_SECRET } from '../helpers/app.js';
import { type BrowserApp, startBrowserApp } from '../helpers/browser.js';
import { rawSql } from '../helpers/raw-sql.js';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('web chat receipt on a phone (390×844, the real app)', () => {
  let t: BrowserApp;
  let browser: Browser;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startBrowserApp('waspada-receipt-');
    ({ browser, app, base } = t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the receipt in view after "Kirim laporan", focuses its copy button, and copies it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', reducedMotion: 'reduce', hasTouch: true, isMobile: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    const waitForStep = (step: string) =>
      page.waitForFunction(
        ([key, want]) => {
          const store = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage;
          return JSON.parse(store.getItem(key) ?? '{}').p?.step === want;
        },
        [CHAT_STORAGE_KEY, step] as const,
      );
    const choose = async (id: string, step: string) => {
      await page.locator(`#choices button[data-id="${id}"]`).click();
      await waitForStep(step);
    };
    const say = async (text: string, step: string) => {
      await page.getByLabel('Tulis pesan').fill(text);
      await page.keyboard.press('Enter');
      await waitForStep(step);
    };

    await page.goto(base);
    await page.locator('#choices button[data-id="report"]').waitFor();
    await choose('report', 'who');
    await choose('me', 'category');
    await choose('job_abroad', 'regency');
    await choose('sambas', 'destination');
    await say('Kuching', 'recruiter');
    await say('0812-3456-7890', 'description');
    await say('Saya ditawari kerja di kebun sawit, diminta bayar 2 juta dulu.', 'evidence');
    await choose('skip', 'danger_now');
    await choose('no', 'where_now');
    await choose('skip', 'people_count');
    await choose('skip', 'departure');
    await choose('weeks', 'minor');
    await choose('no', 'passport_held');
    await choose('no', 'may_contact');
    await choose('no', 'summary');
    // The recruiter's phone number in the summary is plain text, not a receipt.
    const summary = page.locator('#log .msg.bot').last();
    expect(await summary.textContent()).toContain('0812-3456-7890');
    expect(await summary.locator('.code').count()).toBe(0);
    expect(await page.locator('#log .msg.receipt').count()).toBe(0);

    await choose('confirm', 'main');
    const receiptMsg = page.locator('#log .msg.receipt');
    await expect.poll(() => receiptMsg.count()).toBe(1);
    const code = (await receiptMsg.locator('.code').textContent()) ?? '';
    expect(code).toMatch(RECEIPT);

    // In view: the receipt's code and copy button lie inside the visible part of the chat.
    const visible = await page.evaluate(() => {
      type Box = { top: number; bottom: number };
      type El = { className: string; getBoundingClientRect(): Box };
      const g = globalThis as unknown as { document: { getElementById(id: string): El; querySelector(s: string): El; activeElement: El | null }; innerHeight: number };
      const box = g.document.getElementById('main').getBoundingClientRect();
      const inside = (r: Box) => r.top >= box.top - 1 && r.bottom <= Math.min(box.bottom, g.innerHeight) + 1;
      return {
        code: inside(g.document.querySelector('.msg.receipt .code').getBoundingClientRect()),
        copy: inside(g.document.querySelector('.msg.receipt button.copy').getBoundingClientRect()),
        active: g.document.activeElement?.className,
      };
    });
    expect(visible).toEqual({ code: true, copy: true, active: 'copy' });
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-receipt-390x844.png') });

    // The copy button puts exactly the code on the clipboard and says so.
    await receiptMsg.locator('button.copy').click();
    await expect.poll(() => receiptMsg.locator('button.copy').textContent()).toBe('Kode disalin ✓');
    const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    expect(copied).toBe(code);
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-receipt-copied-390x844.png') });

    // The receipt is the one that was stored: it opens the case.
    await choose('status', 'receipt');
    await say(code, 'next_action');
    const tips = (await rawSql(app).all('select id from tips')) as Array<{ id: string }>;
    expect((await page.locator('#log .msg.bot').allTextContents()).join('\n')).toContain(tips[0].id);
    await context.close();
  }, 60_000);

  it('DISCREET_UI: a neutral title and header', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'waspada-discreet-'));
    const discreet = await buildApp(
      parseConfig({ DATABASE_PATH: join(dir2, 'w.db'), DATA_DIR: dir2, PORT: '0', LOG_LEVEL: 'silent', DISCREET_UI: 'true' }, { secret: TEST_SECRET }),
      { logger: false },
    );
    try {
      await discreet.listen({ host: '127.0.0.1', port: 0 });
      const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
      await page.goto(`http://127.0.0.1:${(discreet.server.address() as AddressInfo).port}`);
      await page.locator('#choices button').first().waitFor();
      expect(await page.title()).toBe('Info Kerja');
      expect(await page.locator('h1').textContent()).toBe('Info Kerja');
      const chrome = `${await page.locator('header').textContent()} ${await page.locator('.intro .tag').textContent()}`;
      expect(chrome).not.toMatch(/Waspada|perdagangan|rahasia|trafficking/i);
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await expect.poll(() => page.locator('.intro .tag').textContent()).toBe('Information on safe work and migration');
      await page.screenshot({ path: join(ARTIFACTS, 'web-chat-discreet-390x844.png') });
    } finally {
      await discreet.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  }, 60_000);
});
