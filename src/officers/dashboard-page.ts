/**
 * The officers' dashboard: one self-contained page (its CSS, JS and words are real files in
 * `browser/`, inlined under the response's nonces; no external assets) that talks to the officer API
 * with the token the officer pastes in (kept in sessionStorage only).
 *
 * Every piece of case data is put on the page with `textContent` / `createElement`, never as
 * HTML, so a reporter's text cannot inject markup. The inline script and style carry the CSP
 * nonce of the response; there is no 'unsafe-inline' for scripts. The status moves the page offers
 * come from the server's own transition table, so the page and the API cannot disagree.
 */
import { readBrowserAsset } from '../http/browser-asset.js';
import { TRANSITIONS } from '../tips/tip-status.js';
import type { Referral } from './officer-tips-repository.js';

/** The page's style, scripts and words: real files in `browser/` (see browser-asset.ts). */
const CSS = readBrowserAsset(import.meta.url, 'src/officers', './browser/dashboard.css');
const CHARTS_JS = readBrowserAsset(import.meta.url, 'src/officers', './browser/dashboard-charts.js');
const AUDIT_JS = readBrowserAsset(import.meta.url, 'src/officers', './browser/dashboard-audit.js');
const JS = readBrowserAsset(import.meta.url, 'src/officers', './browser/dashboard.js');
const STRINGS: unknown = JSON.parse(readBrowserAsset(import.meta.url, 'src/officers', './browser/dashboard-strings.json'));

/** Referral targets as officers read them (ids are the API's `referral` values). */
const REFERRAL_NAMES: Record<Referral, string> = {
  sapa129: 'SAPA 129',
  kp2mi: 'KP2MI',
  lapor: 'SP4N-LAPOR!',
  peduli_wni: 'Peduli WNI (Kemlu)',
  police: 'Polisi / Police 110',
};

/** JSON that cannot close the surrounding <script> element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The dashboard HTML with `nonce` on its only script and style elements.
 *
 * ```ts
 * reply.type('text/html').send(dashboardHtml(reply.cspNonce.script, reply.cspNonce.style));
 * ```
 */
export function dashboardHtml(scriptNonce: string, styleNonce: string, labels: Record<string, { id: string; en: string }> = {}): string {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(scriptNonce) || !/^[A-Za-z0-9+/=_-]+$/.test(styleNonce)) throw new Error('bad nonce');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>Waspada — Dasbor Petugas</title>
<style nonce="${styleNonce}">${CSS}</style>
</head>
<body>
<header>
  <h1 data-i18n="title">Waspada — Dasbor Petugas</h1>
  <button type="button" id="lang" data-i18n="lang">English</button>
  <button type="button" id="logout" data-i18n="logout" hidden>Keluar</button>
</header>
<main>
  <section id="login" class="card login">
    <form id="login-form" autocomplete="off">
      <label for="token" data-i18n="tokenLabel">Token petugas</label>
      <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required>
      <button type="submit" class="primary" id="login-btn" data-i18n="login">Masuk</button>
      <p class="muted" data-i18n="loginHint"></p>
      <p id="login-msg" class="error" role="alert"></p>
    </form>
  </section>
  <div id="app" hidden>
    <nav class="tabs" role="tablist">
      <button type="button" id="tab-tips" role="tab" aria-selected="true" data-i18n="tabTips">Laporan</button>
      <button type="button" id="tab-stats" role="tab" aria-selected="false" data-i18n="tabStats">Statistik</button>
      <button type="button" id="tab-audit" role="tab" aria-selected="false" data-i18n="tabAudit">Jejak audit</button>
    </nav>
    <div id="view-tips">
      <div class="filters">
        <label><span data-i18n="status">Status</span><select id="f-status"></select></label>
        <label><span data-i18n="urgency">Urgensi</span><select id="f-urgency"></select></label>
        <button type="button" id="refresh" data-i18n="refresh">Muat ulang</button>
      </div>
      <div class="grid">
        <section class="card">
          <p id="list-msg" class="muted" role="status"></p>
          <ul id="list" class="list"></ul>
          <button type="button" id="more" data-i18n="more" hidden>Muat lebih banyak</button>
        </section>
        <section class="card" id="detail" aria-live="polite">
          <p id="detail-msg" class="muted"></p>
          <div id="detail-body"></div>
        </section>
      </div>
    </div>
    <div id="view-stats" hidden><div id="charts" class="charts"></div></div>
    <div id="view-audit" hidden></div>
  </div>
</main>
<script type="application/json" id="labels">${jsonForScript(labels)}</script>
<script type="application/json" id="i18n">${jsonForScript(STRINGS)}</script>
<script type="application/json" id="cfg">${jsonForScript({ transitions: TRANSITIONS, referrals: REFERRAL_NAMES })}</script>
<script nonce="${scriptNonce}">${CHARTS_JS}</script>
<script nonce="${scriptNonce}">${AUDIT_JS}</script>
<script nonce="${scriptNonce}">${JS}</script>
</body>
</html>`;
}
