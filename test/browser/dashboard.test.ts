/**
 * The dashboard in a real headless Chromium: an officer logs in with a token, filters urgent
 * tips, opens one, sees its evidence image, claims and closes it, and reads the charts.
 * Leaves screenshots in test/artifacts/ for a human look.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createOfficersRepository } from '../../src/officers/officers-repository.js';
import { tips } from '../../src/storage/schema.js';
import { SEED_PSEUDONYM_PREFIX, seedLink, seedMedia, seedMessage, seedTip } from '../helpers/seed-tips.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 21, 5, 0); // Wed 2026-01-21
const ARTIFACTS = join(process.cwd(), 'test/artifacts');

let dir: string;
let app: FastifyInstance;
let base: string;
let ctx: BrowserContext;
let page: Page;
let token: string;
const problems: string[] = [];

/** The little of the DOM these page functions use (the Node-side tsconfig has no DOM lib). */
type PageImage = { complete: boolean; naturalWidth: number; src: string };
type PageGlobals = {
  document: { querySelector(sel: string): PageImage | null; documentElement: { scrollWidth: number } };
  innerWidth: number;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-browser-'));
  const config = parseConfig({ DATABASE_PATH: join(dir, 'w.db'), DATA_DIR: dir, PORT: '0', ADMIN_TOKEN: 'a'.repeat(32) }, { secret: 'x'.repeat(64) });
  let now = NOW;
  app = await buildApp(config, { logger: false, clock: () => now++ });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  token = (await createOfficersRepository(app.storage, { now: () => NOW }).createToken({ name: 'Sari', role: 'officer' })).token;

  const db = app.db;
  seedTip(db, {
    id: 'TIP-URGNT1', urgency: 'urgent', urgencyScore: 92, urgencyReasons: ['passport_held', 'departure_soon'],
    regency: 'Sambas', category: 'job_abroad', destination: 'Kuching, Sarawak', recruiter: 'Pak Budi (0812-0000-0000)',
    description: 'Adik saya disuruh berangkat besok lewat jalan tikus, paspornya dipegang agen.',
    createdAt: NOW - 1 * DAY, updatedAt: NOW - 1 * DAY,
  });
  seedTip(db, {
    id: 'TIP-URGNT2', urgency: 'urgent', urgencyScore: 75, urgencyReasons: ['minor'], regency: 'Sanggau', category: 'job_abroad',
    description: '<img src=x onerror=alert(1)> anak umur 15 mau dibawa ke Entikong', createdAt: NOW - 2 * DAY, updatedAt: NOW - 2 * DAY,
  });
  seedTip(db, { id: 'TIP-NORML1', regency: 'Sambas', category: 'scam_job', createdAt: NOW - 8 * DAY, updatedAt: NOW - 8 * DAY });
  seedTip(db, { id: 'TIP-NORML2', regency: 'Kapuas Hulu', category: 'job_abroad', createdAt: NOW - 15 * DAY, updatedAt: NOW - 15 * DAY });
  seedLink(db, 'TIP-URGNT1', 'phone', '6281200000000');
  seedLink(db, 'TIP-URGNT2', 'phone', '6281200000000');
  seedMessage(db, 'TIP-URGNT1', { direction: 'in', text: 'Agennya bilang jangan lapor siapa-siapa.', createdAt: NOW - DAY + 3_600_000 });
  // Two people checked adverts naming the same number in the public job-ad checker.
  for (const text of ['Kerja di Kuching, hub WA 0812-0000-0000', 'Lowongan sawit, WA +62 812 0000 0000']) {
    await app.inject({ method: 'POST', url: '/api/ad-check', payload: { text } });
  }
  const png = await sharp({
    create: { width: 160, height: 100, channels: 3, background: '#2f8fb0' },
  })
    .composite([{ input: Buffer.from('<svg width="160" height="100"><rect x="20" y="20" width="120" height="60" fill="#f1c40f"/></svg>'), top: 0, left: 0 }])
    .png()
    .toBuffer();
  seedMedia(db, config.mediaDir, 'TIP-URGNT1', { id: 'photo1', bytes: png, mime: 'image/png' });

  const profile = mkdtempSync(join(tmpdir(), 'waspada-chromium-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1000 },
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('console', (m) => {
    // HTTP failures are checked below by URL; anything else (CSP violations, script errors) is a problem.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !(r.status() === 401 && r.request().headers().authorization === 'Bearer wrong-token')) {
      problems.push(`http ${r.status()} ${r.url()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await ctx?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('officer dashboard', () => {
  it('logs in, filters urgent tips, shows evidence, claims and closes, and charts the counts', async () => {
    await page.goto(`${base}/dashboard`);
    await page.fill('#token', 'wrong-token');
    await page.click('#login-btn');
    await expect.poll(() => page.textContent('#login-msg')).toContain('Token tidak valid');

    await page.fill('#token', token);
    await page.click('#login-btn');
    await page.waitForSelector('#list [data-tip]');
    expect(await page.locator('#list [data-tip]').count()).toBe(4);

    await page.selectOption('#f-urgency', 'urgent');
    await expect.poll(() => page.locator('#list [data-tip]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-tip')))).toEqual(['TIP-URGNT1', 'TIP-URGNT2']);
    expect(await page.locator('#list .badge.urgent').count()).toBe(2);

    // Reporter text is shown as text, never run as markup.
    await page.click('[data-tip="TIP-URGNT2"]');
    await expect.poll(() => page.textContent('#detail-body')).toContain('<img src=x onerror=alert(1)>');

    await page.click('[data-tip="TIP-URGNT1"]');
    await expect.poll(() => page.textContent('#detail-body h2')).toContain('TIP-URGNT1');
    // The evidence photo arrives via fetch + blob with the token, and really decodes.
    // (Page functions, not strings: string predicates need eval, which the dashboard's CSP forbids.)
    await page.waitForFunction(() => {
      const img = (globalThis as unknown as PageGlobals).document.querySelector('#evidence img');
      return !!img && img.complete && img.naturalWidth === 160 && img.src.startsWith('blob:');
    });
    expect(await page.textContent('#thread')).toContain('Agennya bilang jangan lapor siapa-siapa.');
    expect(await page.textContent('#related')).toContain('TIP-URGNT2');
    expect(await page.textContent('#checked-elsewhere')).toContain('6281200000000 — 2 kali dicek');

    await page.click('[data-action="claimed"]');
    await page.waitForSelector('#detail-body .badge.status[data-status="claimed"]');
    await page.click('[data-action="closed"]');
    await page.waitForSelector('#detail-body .badge.status[data-status="closed"]');
    const row = app.db.select({ status: tips.status, claimedBy: tips.claimedBy }).from(tips).where(eq(tips.id, 'TIP-URGNT1')).get();
    expect(row).toEqual({ status: 'closed', claimedBy: 'Sari' });
    await page.waitForFunction(() => {
      const img = (globalThis as unknown as PageGlobals).document.querySelector('#evidence img');
      return !!img?.naturalWidth;
    });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    await page.click('#tab-stats');
    await page.waitForSelector('#chart-regency g[data-label]');
    const bars = (sel: string) =>
      page.locator(`${sel} g[data-label]`).evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-label'), g.querySelector('.cnt')?.textContent]));
    expect(await bars('#chart-regency')).toEqual([
      ['Sambas', '2'],
      ['Kapuas Hulu', '1'],
      ['Sanggau', '1'],
    ]);
    expect(await bars('#chart-category')).toEqual([
      ['job_abroad', '3'],
      ['scam_job', '1'],
    ]);
    expect(await bars('#chart-week')).toEqual([
      ['2026-W02', '1'],
      ['2026-W03', '1'],
      ['2026-W04', '2'],
    ]);
    expect(await page.textContent('#total')).toBe('4');
    // The province's view per team (no routes here: everything is the province's).
    await page.waitForSelector('#chart-teams g[data-label]');
    expect(
      await page.locator('#chart-teams g[data-label]').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-label'), g.getAttribute('data-count'), g.getAttribute('data-open')])),
    ).toEqual([['province', '4', '3']]);
    const teamFacts = await page.textContent('#chart-teams g[data-label] .cnt');
    expect(teamFacts).toMatch(/^4 laporan · 50% mendesak · median klaim \d+(\.\d)? mnt · 3 terbuka$/);
    expect(await page.textContent('#chart-teams g[data-label] .lbl')).toBe('Provinsi');

    await page.click('#lang');
    await expect.poll(() => page.textContent('#chart-regency h2')).toBe('By regency/city');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-stats.png'), fullPage: true });

    const html = await page.content();
    expect(html).not.toContain(SEED_PSEUDONYM_PREFIX);
    expect(problems).toEqual([]);
  });

  it('shows admins the audit trail in its own tab (officers\' actions, WIB times)', async () => {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.evaluate(() => (globalThis as unknown as { sessionStorage: { clear(): void } }).sessionStorage.clear());
    await page.goto(`${base}/dashboard`);
    await page.fill('#token', 'a'.repeat(32));
    await page.click('#login-btn');
    await page.waitForSelector('#list [data-tip]');
    await page.click('#tab-audit');
    await page.waitForSelector('#view-audit table.audit tbody tr');
    const rows = await page.locator('#view-audit tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('tip.status') && r.includes('TIP-URGNT1') && r.includes('Sari'))).toBe(true);
    expect(rows.every((r) => / WIB/.test(r))).toBe(true);
    expect(await page.isHidden('#view-tips')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-audit.png'), fullPage: false });
    await page.click('#tab-tips');
    expect(await page.isHidden('#view-audit')).toBe(true);
    expect(problems).toEqual([]);
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('#tab-tips');
    await page.waitForSelector('#list [data-tip]');
    const overflow = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone.png'), fullPage: false });
  });
});
