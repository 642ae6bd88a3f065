/**
 * The web chat page in a real (headless) Chromium, served under its strict CSP by a small scripted
 * stand-in for `/api/chat` and `/api/chat/media`, so the page's own behaviour is checked: buttons
 * send choice ids, text and files reach the server, failures keep what the person wrote, quick exit
 * forgets the conversation and leaves.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_STORAGE_KEY, chatPageCsp, QUICK_EXIT_URL, renderChatPage } from '../../src/channels/web/page.js';
import { type BrowserApp, launchBrowser, startBrowserApp } from '../helpers/browser.js';
import { rawSql } from '../helpers/raw-sql.js';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

type Recorded =
  | { kind: 'json'; body: { conversation?: string; text?: string; choice?: string } }
  | { kind: 'multipart'; contentType: string; raw: string };

const MENU = {
  flow: 'menu',
  step: 'main',
  kind: 'choice',
  choices: [
    { id: 'report', label: 'Laporkan kejadian' },
    { id: 'check_agency', label: 'Cek agensi / perusahaan' },
    { id: 'learn', label: 'Kenali tanda bahaya' },
    { id: 'status', label: 'Cek status laporan' },
    { id: 'help_contacts', label: 'Nomor bantuan' },
    { id: 'language', label: 'Bahasa / Language' },
  ],
};
const EVIDENCE = {
  flow: 'report',
  step: 'evidence',
  kind: 'media',
  choices: [
    { id: 'done', label: 'Selesai' },
    { id: 'skip', label: 'Lewati' },
  ],
};

/** A scripted stand-in for the chat API: just enough conversation to drive every control. */
function createFakeChatServer() {
  const requests: Recorded[] = [];
  const conversations = new Map<string, { step: string; files: number; locale: 'id' | 'en' }>();
  let issued = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const server = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/') {
      const nonce = randomBytes(16).toString('base64');
      res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': chatPageCsp(nonce),
          'cache-control': 'no-store',
        })
        .end(renderChatPage({ locale: 'id', nonce }));
      return;
    }
    if (req.method === 'POST' && req.url === '/api/chat') {
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      requests.push({ kind: 'json', body });
      if (!body.conversation) {
        const token = `conv-${++issued}`;
        conversations.set(token, { step: 'menu', files: 0, locale: 'id' });
        return send(res, 200, {
          conversation: token,
          replies: [{ text: 'Halo, ini layanan Waspada.\nKami tidak meminta nama Anda. <b>tebal</b>' }],
          prompt: MENU,
          locale: 'id',
        });
      }
      const conv = conversations.get(body.conversation);
      if (!conv) return send(res, 404, { error: { code: 'conversation_not_found', message: 'Unknown conversation' } });
      // Like the real service, every reply says which language the conversation speaks now.
      const reply = (text: string, prompt: unknown) =>
        send(res, 200, { conversation: body.conversation, replies: [{ text }], prompt, locale: conv.locale });
      // Like the real flows: the global word opens the language chooser.
      if (body.text === 'bahasa' || body.choice === 'language') {
        return reply('Pilih bahasa / Choose a language.', {
          flow: 'language',
          step: 'choose',
          kind: 'choice',
          choices: [
            { id: 'id', label: 'Bahasa Indonesia' },
            { id: 'en', label: 'English' },
          ],
        });
      }
      if (body.choice === 'en') {
        conv.locale = 'en';
        return reply('Language: English.', MENU);
      }
      if (body.choice === 'report' && conv.step === 'menu') {
        conv.step = 'description';
        return reply('Ceritakan apa yang terjadi.', { flow: 'report', step: 'description', kind: 'text' });
      }
      if (conv.step === 'description' && body.text) {
        conv.step = 'evidence';
        return reply('Terima kasih. Kirim foto atau dokumen sebagai bukti, atau pilih Lewati.', EVIDENCE);
      }
      if (conv.step === 'evidence' && body.choice === 'done') {
        conv.step = 'menu';
        return reply(`Laporan terkirim (${conv.files} bukti).\nKode tanda terima: 7K3F-Q9XM-2HDA\nSimpan kode ini.`, MENU);
      }
      return reply('Maaf, saya tidak mengerti.', MENU);
    }
    if (req.method === 'POST' && req.url === '/api/chat/media') {
      const raw = (await readBody(req)).toString('latin1');
      requests.push({ kind: 'multipart', contentType: req.headers['content-type'] ?? '', raw });
      const token = /name="conversation"\r\n\r\n([^\r]+)\r\n/.exec(raw)?.[1] ?? '';
      const conv = conversations.get(token);
      if (!conv) return send(res, 404, { error: { code: 'conversation_not_found', message: 'Unknown conversation' } });
      if (raw.includes('filename="besar.png"')) {
        return send(res, 413, { error: { code: 'payload_too_large', message: 'Berkas terlalu besar (maks. 10 MB).' } });
      }
      conv.files += 1;
      return send(res, 200, { conversation: token, replies: [{ text: `Bukti diterima (${conv.files}).` }], prompt: EVIDENCE, locale: conv.locale });
    }
    send(res, 404, { error: { code: 'not_found', message: 'Not found' } });
  });
  return { server, requests };
}

describe('web chat page (scripted API)', () => {
  let browser: Browser;
  let server: Server;
  let requests: Recorded[];
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const fake = createFakeChatServer();
    server = fake.server;
    requests = fake.requests;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  beforeEach(async () => {
    requests.length = 0;
    problems = [];
    context = await browser.newContext({ viewport: { width: 390, height: 780 }, locale: 'id-ID' });
    // Quick exit must never reach the real internet: the neutral site is answered locally.
    await context.route('https://www.google.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>cuaca</title><p>cuaca</p>' }),
    );
    page = await context.newPage();
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
    );
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|CSP violation|Refused to/i.test(msg.text())) problems.push(msg.text());
    });
  });
  afterEach(async () => {
    await context?.close();
  });

  const bubbles = (who: 'bot' | 'me') => page.locator(`#log .msg.${who}`);
  /** What the page keeps in sessionStorage (token `c`, log, prompt, locale). */
  const stored = async () => page.evaluate<{ c: string } | null>(`JSON.parse(sessionStorage.getItem(${JSON.stringify(CHAT_STORAGE_KEY)}))`);
  const token = async () => (await stored())?.c;
  const lastJson = () => {
    const json = requests.filter((r) => r.kind === 'json');
    return (json[json.length - 1] as Extract<Recorded, { kind: 'json' }>).body;
  };

  it('walks a report: choice buttons send ids, Enter sends text, evidence goes up as multipart', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'Laporkan kejadian' }).waitFor();
    expect(requests[0]).toEqual({ kind: 'json', body: {} });

    // Server text is shown as text: newlines kept, markup not interpreted.
    const greeting = bubbles('bot').first();
    expect(await greeting.textContent()).toContain('Halo, ini layanan Waspada.\nKami tidak meminta nama Anda. <b>tebal</b>');
    expect(await page.evaluate("getComputedStyle(document.querySelector('#log .msg.bot')).whiteSpace")).toBe('pre-wrap');
    expect(await page.locator('#log b').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Keluar cepat/ }).isVisible()).toBe(true);
    expect(await page.getByText('Kami tidak meminta nama Anda. Tidak perlu').isVisible()).toBe(true);
    // Media picker only appears on media prompts.
    expect(await page.locator('#media').isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Laporkan kejadian' }).click();
    await page.getByText('Ceritakan apa yang terjadi.').waitFor();
    expect(lastJson()).toEqual({ conversation: 'conv-1', choice: 'report' });
    expect(await bubbles('me').last().textContent()).toContain('Laporkan kejadian');
    expect(await page.locator('#choices button').count()).toBe(0);
    // After a choice, focus goes somewhere useful (the text box, as there are no choices now).
    expect(await page.evaluate('document.activeElement.id')).toBe('text');

    await page.getByLabel('Tulis pesan').fill('Agen menahan paspor kakak saya di Kuching.');
    await page.keyboard.press('Enter');
    await page.getByText('Kirim foto atau dokumen sebagai bukti').waitFor();
    expect(lastJson()).toEqual({ conversation: 'conv-1', text: 'Agen menahan paspor kakak saya di Kuching.' });
    expect(await page.getByLabel('Tulis pesan').inputValue()).toBe('');
    expect(await page.locator('#media').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Selesai' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Lewati' }).isVisible()).toBe(true);
    expect(await page.locator('#file').getAttribute('accept')).toBe('image/*,application/pdf,audio/*');

    await page.setInputFiles('#file', { name: 'bukti.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('Bukti diterima (1).').waitFor();
    const upload = requests[requests.length - 1];
    expect(upload.kind).toBe('multipart');
    if (upload.kind === 'multipart') {
      expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
      // The conversation field comes first so a streaming parser knows whose file it is.
      expect(upload.raw.indexOf('name="conversation"')).toBeLessThan(upload.raw.indexOf('name="file"'));
      expect(upload.raw).toContain('name="conversation"\r\n\r\nconv-1\r\n');
      expect(upload.raw).toMatch(/name="file"; filename="bukti.png"\r\nContent-Type: image\/png\r\n\r\n\x89PNG/);
    }
    expect(await bubbles('me').last().textContent()).toContain('bukti.png');

    // A refused upload shows the server's own message, and the picker stays for another try.
    await page.setInputFiles('#file', { name: 'besar.png', mimeType: 'image/png', buffer: PNG });
    const alert = page.getByRole('alert');
    await alert.getByText('Berkas terlalu besar (maks. 10 MB).').waitFor();
    expect(await page.locator('#retry').isVisible()).toBe(false);
    expect(await page.locator('#media').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-error.png') });

    await page.getByRole('button', { name: 'Selesai' }).click();
    await page.getByText('Kode tanda terima: 7K3F-Q9XM-2HDA').waitFor();
    expect(lastJson()).toEqual({ conversation: 'conv-1', choice: 'done' });
    expect(await alert.isVisible()).toBe(false);
    expect(await page.locator('#media').isVisible()).toBe(false);

    await page.screenshot({ path: join(ARTIFACTS, 'web-chat.png'), fullPage: false });

    // The token lives only in sessionStorage: no cookies, nothing in localStorage.
    expect(await token()).toBe('conv-1');
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate('localStorage.length')).toBe(0);

    // Reloading the tab resumes the same conversation without starting a new one.
    const before = requests.length;
    await page.reload();
    await page.getByText('Kode tanda terima: 7K3F-Q9XM-2HDA').waitFor();
    await page.getByRole('button', { name: 'Cek status laporan' }).waitFor();
    expect(requests.length).toBe(before);

    expect(problems).toEqual([]);
  });

  it('keeps the typed text when the network fails and sends it with "Coba lagi"', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'Laporkan kejadian' }).click();
    await page.getByText('Ceritakan apa yang terjadi.').waitFor();

    const conversation = await token();
    await page.route(`${base}/api/chat`, (route) => route.abort('internetdisconnected'), { times: 1 });
    const input = page.getByLabel('Tulis pesan');
    await input.fill('Tolong, saya dikurung di mess.');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await page.getByRole('alert').getByText('Belum terkirim').waitFor();
    expect(await input.inputValue()).toBe('Tolong, saya dikurung di mess.');
    expect(await bubbles('me').filter({ hasText: 'dikurung' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Coba lagi' }).click();
    await page.getByText('Kirim foto atau dokumen sebagai bukti').waitFor();
    expect(lastJson()).toEqual({ conversation, text: 'Tolong, saya dikurung di mess.' });
    expect(await input.inputValue()).toBe('');
    expect(await bubbles('me').filter({ hasText: 'dikurung' }).count()).toBe(1);
    expect(await page.getByRole('alert').isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });

  it('switches the page to English and tells the conversation with "bahasa"', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'Laporkan kejadian' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('Language: English.').waitFor();
    // One tap switches both: the page answers the bot's language question itself.
    const conversation = await token();
    expect(requests.slice(-2)).toEqual([
      { kind: 'json', body: { conversation, text: 'bahasa' } },
      { kind: 'json', body: { conversation, choice: 'en' } },
    ]);
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Quick exit' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Type a message').isVisible()).toBe(true);
    // The control word is not echoed as if the person had written it.
    expect(await bubbles('me').count()).toBe(0);

    await page.reload();
    await page.getByRole('button', { name: 'Quick exit' }).waitFor();
    expect(await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('follows the language the person picks in the conversation', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'Bahasa / Language' }).click();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByText('Language: English.').waitFor();
    expect(lastJson()).toEqual({ conversation: await token(), choice: 'en' });
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Quick exit' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('quick exit wipes the conversation and replaces the page with a neutral site', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'Laporkan kejadian' }).click();
    await page.getByText('Ceritakan apa yang terjadi.').waitFor();

    const entries = await page.evaluate('history.length');
    await page.getByRole('button', { name: 'Keluar cepat' }).click();
    await page.waitForURL(QUICK_EXIT_URL);
    // Back does not lead to the chat: the chat's history entry was replaced, not added to.
    expect(await page.evaluate('history.length')).toBe(entries);

    // Coming back in the same tab starts afresh: the token was removed from sessionStorage.
    requests.length = 0;
    await page.goto(base);
    await page.getByRole('button', { name: 'Laporkan kejadian' }).waitFor();
    expect(requests).toEqual([{ kind: 'json', body: {} }]);
    expect(await page.getByText('Ceritakan apa yang terjadi.').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('pressing Escape three times is a quick exit too', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'Laporkan kejadian' }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(page.url()).toBe(`${base}/`);
    await page.keyboard.press('Escape');
    await page.waitForURL(QUICK_EXIT_URL);
  });

  it('fits a 320px wide phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(base);
    await page.getByRole('button', { name: 'Laporkan kejadian' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    for (const name of ['Keluar cepat', 'Laporkan kejadian', 'Kirim']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-320.png') });
    expect(problems).toEqual([]);
  });
});

describe('web chat page (the real app)', () => {
  let t: BrowserApp;
  let browser: Browser;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startBrowserApp('waspada-browser-');
    ({ browser, app, base } = t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a person reports with a photo, gets a receipt, and checks the case with it', async () => {
    // Reduced motion: the page must honour it (no smooth scrolling), and screenshots are steady.
    const context = await browser.newContext({ viewport: { width: 390, height: 780 }, locale: 'id-ID', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
    });
    const choose = async (id: string, step: string) => {
      const button = page.locator(`#choices button[data-id="${id}"]`);
      await button.click();
      await waitForStep(step);
    };
    const say = async (text: string, step: string) => {
      await page.getByLabel('Tulis pesan').fill(text);
      await page.keyboard.press('Enter');
      await waitForStep(step);
    };
    /** The page keeps the last prompt in sessionStorage; wait until the conversation reaches `step`. */
    const waitForStep = (step: string) =>
      page.waitForFunction(
        ([key, want]) => {
          // Runs in the page (a function, not a string: the page's CSP forbids eval).
          const store = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage;
          return JSON.parse(store.getItem(key) ?? '{}').p?.step === want;
        },
        [CHAT_STORAGE_KEY, step] as const,
      );

    const response = await page.goto(base);
    // The app serves the page with the policy the page is built for.
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'; script-src 'nonce-/);
    await page.locator('#choices button[data-id="report"]').waitFor();
    expect(await page.locator('#log .msg.bot').first().textContent()).toMatch(/Halo/);

    await choose('report', 'who');
    await choose('someone_else', 'category');
    await choose('job_abroad', 'regency');
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-regency.png') });
    await choose('mempawah', 'destination');
    await say('Malaysia', 'recruiter');
    await say('Pak Anton 0812-1111-2222', 'description');
    await say('Ditawari kerja di kebun sawit, gaji 8 juta, diminta bayar 2 juta dulu.', 'evidence');

    // A file the service refuses: the person is told in their language, with the service's detail.
    await page.setInputFiles('#file', { name: 'rekaman.mp4', mimeType: 'video/mp4', buffer: Buffer.from('not really a video') });
    await page.getByRole('alert').getByText('Jenis berkas ini tidak bisa dikirim.').waitFor();

    const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#c0392b' } }).jpeg().toBuffer();
    await page.setInputFiles('#file', { name: 'iklan.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('#log .msg.me', { hasText: 'iklan.jpg' }).waitFor();
    expect(await page.getByRole('alert').isVisible()).toBe(false);
    await choose('done', 'danger_now');
    await choose('no', 'where_now');
    await choose('skip', 'people_count');
    await choose('skip', 'departure');
    await choose('weeks', 'minor');
    await choose('no', 'passport_held');
    await choose('no', 'may_contact');
    await choose('no', 'summary');
    expect(await page.locator('#log .msg.bot').last().textContent()).toMatch(/Bukti: 1 file/);
    await choose('confirm', 'main');

    const receiptEl = page.locator('#log .msg.bot .code').last();
    const receipt = (await receiptEl.textContent()) ?? '';
    expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-receipt.png') });

    const tips = (await rawSql(app).all('select id from tips')) as Array<{ id: string }>;
    expect(tips).toHaveLength(1);
    const media = (await rawSql(app).all('select tip_id, kind, mime from media'));
    expect(media).toEqual([{ tip_id: tips[0].id, kind: 'photo', mime: 'image/jpeg' }]);

    await choose('status', 'receipt');
    await say(receipt, 'next_action');
    const status = (await page.locator('#log .msg.bot').allTextContents()).join('\n');
    expect(status).toContain(tips[0].id);
    expect(status).toContain('Belum ada balasan');

    // The language toggle switches the page and the bot together, without leaving the step.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('Language switched to English.').waitFor();
    expect(await page.locator('#log .msg.bot').last().textContent()).toContain('Would you like to add information?');
    expect(await page.getByRole('button', { name: 'Quick exit' }).isVisible()).toBe(true);
    await waitForStep('next_action');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the SOS button in the middle of a report: 110 and SAPA 129 first, one urgent tip at once', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'id-ID', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const step = (want: string) =>
      page.waitForFunction(
        ([key, w]) => {
          const store = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage;
          return JSON.parse(store.getItem(key) ?? '{}').p?.step === w;
        },
        [CHAT_STORAGE_KEY, want] as const,
      );
    const urgentTips = async () => ((await rawSql(app).get("select count(*) as n from tips where urgency = 'urgent'")) as { n: number }).n;
    const before = await urgentTips();
    await page.goto(base);
    await page.locator('#choices button[data-id="report"]').click();
    await step('who');
    await page.locator('#choices button[data-id="someone_else"]').click();
    await step('category');
    await page.locator('#choices button[data-id="job_abroad"]').click();
    await step('regency');
    const sos = page.getByRole('button', { name: 'SOS — ada yang dalam bahaya sekarang' });
    expect(await sos.isVisible()).toBe(true);
    await sos.click();
    await step('where_now');
    const replies = await page.locator('#log .msg.bot').allTextContents();
    const numbers = replies.findIndex((r) => r.includes('DARURAT'));
    expect(numbers, JSON.stringify(replies)).toBeGreaterThan(-1);
    expect(replies[numbers]).toMatch(/110[\s\S]*SAPA 129[\s\S]*08111-129-129/);
    expect(await page.locator('#log .msg.me').last().textContent()).toMatch(/SOS$/);
    expect(await urgentTips()).toBe(before + 1);
    // Still fits the narrowest phones with the extra button.
    const fits = await page.evaluate(() => {
      const g = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
      return g.document.documentElement.scrollWidth <= g.innerWidth;
    });
    expect(fits).toBe(true);
    await context.close();
  });
});
