/**
 * The web chat page: one self-contained HTML document (its CSS and JS are real files in `browser/`,
 * inlined under the response's nonce; no external assets) so it loads fast on a cheap phone over a
 * slow network and leaves no third-party trace. It talks to `POST /api/chat` and
 * `POST /api/chat/media` (see CONTRACT.md "Web chat").
 *
 * Safety properties the page keeps:
 * - Server and user text is only ever put into the DOM with `textContent` (never `innerHTML`).
 * - The conversation token lives in `sessionStorage` only: reloading the tab resumes, closing it
 *   forgets; no cookies, no localStorage.
 * - "Keluar cepat" (or Escape pressed three times) wipes the page and sessionStorage and replaces
 *   the location with a neutral weather search, so Back does not return here.
 * - Works under a strict CSP ({@link chatPageCsp}): no inline style attributes, nonce on <script>
 *   and <style>.
 */

import { readBrowserAsset } from '../../http/browser-asset.js';
import { escapeHtml } from '../channel-text.js';

/** Where the quick-exit button sends the person: a neutral weather search. */
export const QUICK_EXIT_URL = 'https://www.google.com/search?q=cuaca+pontianak';

/** sessionStorage key holding the conversation token, the visible log and the last prompt. */
export const CHAT_STORAGE_KEY = 'waspada.chat';

export type ChatPageLocale = 'id' | 'en';

export type ChatPageOptions = {
  /** Initial language of the page chrome (the person can toggle). */
  locale: ChatPageLocale;
  /** Per-response CSP nonce; must be the same one passed to {@link chatPageCsp}. */
  nonce: string;
  /** `DISCREET_UI`: a neutral title, header and tagline for a screen others may glance at. */
  discreet?: boolean;
};

/** What a discreet page shows instead of the name and the tagline (both languages). */
const DISCREET = {
  title: 'Info Kerja',
  id: { tagline: 'Informasi kerja dan migrasi aman', bot: 'Info:' },
  en: { tagline: 'Information on safe work and migration', bot: 'Info:' },
} as const;

/**
 * The Content-Security-Policy the chat page is built for. Serve the page with exactly this header
 * so the page and its policy cannot drift apart.
 *
 * ```ts
 * const nonce = randomBytes(16).toString('base64');
 * reply.header('content-security-policy', chatPageCsp(nonce)).type('text/html')
 *   .send(renderChatPage({ locale: 'id', nonce }));
 * ```
 */
export function chatPageCsp(nonce: string): string {
  const n = cleanNonce(nonce);
  return [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src 'nonce-${n}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** UI chrome strings, both languages shipped in the page so the toggle needs no request. */
const STRINGS = {
  id: {
    tagline: 'Laporan rahasia: perdagangan orang & kerja ke luar negeri',
    exit: 'Keluar cepat',
    exitHint: 'Keluar cepat: tekan tombol merah atau Esc tiga kali.',
    sos: 'SOS',
    sosLabel: 'SOS — ada yang dalam bahaya sekarang',
    lang: 'EN',
    langLabel: 'Switch to English',
    anon: 'Kami tidak meminta nama Anda. Tidak perlu menulis nama, NIK, atau nomor HP Anda.',
    tipTitle: 'Cara menghapus jejak percakapan ini',
    tip: 'Percakapan ini hilang saat tab ditutup; tidak ada cookie. Setelah selesai, tekan «Keluar cepat», lalu hapus riwayat browser (menu ⋮ › Riwayat › Hapus data penjelajahan). Catat kode tanda terima di tempat yang aman.',
    danger: 'Dalam bahaya sekarang? Telepon 110 (Polisi) atau 129 (SAPA).',
    log: 'Percakapan',
    choices: 'Pilihan jawaban',
    input: 'Tulis pesan',
    placeholder: 'Tulis di sini…',
    send: 'Kirim',
    file: 'Pilih foto, PDF atau rekaman suara',
    fileHint: 'Foto, PDF atau rekaman suara.',
    you: 'Anda:',
    bot: 'Waspada:',
    attached: 'Berkas: ',
    sending: 'Mengirim…',
    uploading: 'Mengunggah…',
    retry: 'Coba lagi',
    offline: 'Belum terkirim. Periksa koneksi internet Anda, lalu coba lagi. Tulisan Anda masih tersimpan.',
    tooLarge: 'Berkas terlalu besar.',
    badType: 'Jenis berkas ini tidak bisa dikirim.',
    slowDown: 'Terlalu banyak pesan. Tunggu sebentar, lalu coba lagi.',
    failed: 'Ada masalah di sisi kami. Coba lagi sebentar lagi.',
    restarted: 'Percakapan sebelumnya sudah berakhir. Kita mulai lagi.',
    noscript: 'Halaman ini membutuhkan JavaScript.',
    copy: 'Salin kode',
    copied: 'Kode disalin ✓',
    copyFailed: 'Tidak bisa menyalin: catat kodenya.',
  },
  en: {
    tagline: 'Confidential reports: trafficking & working abroad',
    exit: 'Quick exit',
    exitHint: 'Quick exit: press the red button or Esc three times.',
    sos: 'SOS',
    sosLabel: 'SOS — someone is in danger now',
    lang: 'ID',
    langLabel: 'Ganti ke Bahasa Indonesia',
    anon: 'We do not ask for your name. There is no need to write your name, ID number or phone number.',
    tipTitle: 'How to remove traces of this chat',
    tip: 'This chat disappears when you close the tab; no cookies are used. When you are done, press «Quick exit», then clear your browser history (menu ⋮ › History › Clear browsing data). Keep your receipt code somewhere safe.',
    danger: 'In danger right now? Call 110 (Police) or 129 (SAPA).',
    log: 'Conversation',
    choices: 'Answer options',
    input: 'Type a message',
    placeholder: 'Type here…',
    send: 'Send',
    file: 'Choose a photo, PDF or voice recording',
    fileHint: 'Photo, PDF or voice recording.',
    you: 'You:',
    bot: 'Waspada:',
    attached: 'File: ',
    sending: 'Sending…',
    uploading: 'Uploading…',
    retry: 'Try again',
    offline: 'Not sent yet. Check your internet connection, then try again. What you wrote is kept.',
    tooLarge: 'The file is too large.',
    badType: 'This type of file cannot be sent.',
    slowDown: 'Too many messages. Wait a moment, then try again.',
    failed: 'Something went wrong on our side. Please try again shortly.',
    restarted: 'The previous conversation has ended. Starting again.',
    noscript: 'This page needs JavaScript.',
    copy: 'Copy code',
    copied: 'Code copied ✓',
    copyFailed: 'Could not copy: write the code down.',
  },
} as const satisfies Record<ChatPageLocale, Record<string, string>>;

type StringKey = keyof (typeof STRINGS)['id'];

/** The page's style and script: real files beside this module (see browser-asset.ts). */
const CSS = readBrowserAsset(import.meta.url, 'src/channels/web', './browser/chat-page.css');
const JS = readBrowserAsset(import.meta.url, 'src/channels/web', './browser/chat-page.js');

/**
 * Render the whole chat page. `nonce` goes on every <script> and <style>; pair it with
 * {@link chatPageCsp}. The document is the same for every visitor apart from the nonce and the
 * initial locale, so it holds no per-person data.
 *
 * ```ts
 * app.get('/', (req, reply) => {
 *   const nonce = randomBytes(16).toString('base64');
 *   return reply.header('content-security-policy', chatPageCsp(nonce))
 *     .header('cache-control', 'no-store').type('text/html; charset=utf-8')
 *     .send(renderChatPage({ locale: app.config.DEFAULT_LOCALE, nonce }));
 * });
 * ```
 */
export function renderChatPage(options: ChatPageOptions): string {
  const locale: ChatPageLocale = options.locale === 'en' ? 'en' : 'id';
  const nonce = cleanNonce(options.nonce);
  const strings = options.discreet
    ? { id: { ...STRINGS.id, ...DISCREET.id }, en: { ...STRINGS.en, ...DISCREET.en } }
    : STRINGS;
  const s = strings[locale];
  const name = options.discreet ? DISCREET.title : 'Waspada';
  const text = (key: StringKey) => `data-t="${key}">${escapeHtml(s[key])}`;
  const attr = (name: string, key: StringKey) => `${name}="${escapeHtml(s[key])}"`;
  const cfg = { key: CHAT_STORAGE_KEY, exit: QUICK_EXIT_URL, locale };
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<meta name="theme-color" content="#0b4f5c">
<title>${name}</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<header><div class="wrap">
<h1>${name}</h1>
<button type="button" id="lang" class="lang" lang="${locale === 'id' ? 'en' : 'id'}" data-ta="aria-label:langLabel" ${attr('aria-label', 'langLabel')} ${text('lang')}</button>
<button type="button" id="sos" class="sos" data-ta="aria-label:sosLabel" ${attr('aria-label', 'sosLabel')} ${text('sos')}</button>
<button type="button" id="exit" class="exit" data-ta="title:exitHint" ${attr('title', 'exitHint')} ${text('exit')}</button>
</div></header>
<main id="main"><div class="wrap">
<section class="intro">
<p class="tag" ${text('tagline')}</p>
<p ${text('anon')}</p>
<p ${text('danger')}</p>
<details><summary ${text('tipTitle')}</summary><p ${text('tip')}</p></details>
<p class="sr" ${text('exitHint')}</p>
</section>
<noscript><p ${text('noscript')}</p></noscript>
<div id="log" role="log" aria-live="polite" aria-relevant="additions" data-ta="aria-label:log" ${attr('aria-label', 'log')}></div>
<div id="choices" role="group" data-ta="aria-label:choices" ${attr('aria-label', 'choices')} hidden></div>
<div id="media" hidden>
<input type="file" id="file" accept="image/*,application/pdf,audio/*">
<label for="file" class="filebtn"><span aria-hidden="true">📎</span><span ${text('file')}</span></label>
<p class="hint" ${text('fileHint')}</p>
</div>
</div></main>
<footer><div class="wrap">
<div id="status" role="status" hidden><span id="statustext"></span><progress id="progress" hidden></progress></div>
<div id="error" role="alert" hidden><p id="errortext"></p><button type="button" id="retry" ${text('retry')}</button></div>
<form id="composer" class="row" autocomplete="off">
<label for="text" class="sr" ${text('input')}</label>
<input id="text" type="text" enterkeyhint="send" autocomplete="off" autocapitalize="sentences" maxlength="4000" data-ta="placeholder:placeholder" ${attr('placeholder', 'placeholder')}>
<button type="submit" id="send" ${text('send')}</button>
</form>
</div></footer>
<script type="application/json" id="i18n" nonce="${nonce}">${jsonForScript(strings)}</script>
<script type="application/json" id="cfg" nonce="${nonce}">${jsonForScript(cfg)}</script>
<script nonce="${nonce}">${JS}</script>
</body>
</html>
`;
}


/** JSON that cannot close the surrounding <script> element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A nonce is base64/base64url; anything else would break out of the header or the attribute. */
function cleanNonce(nonce: string): string {
  if (!/^[A-Za-z0-9+/=_-]{8,128}$/.test(nonce)) {
    throw new Error('chat page nonce must be 8–128 base64 characters (e.g. randomBytes(16).toString("base64"))');
  }
  return nonce;
}
