// @ts-check
/**
 * The web chat page's script. Served inline under the page's CSP nonce (see page.ts), type-checked
 * by `tsconfig.browser.json` and linted by Biome like the rest of src/.
 *
 * It reads two JSON islands the server renders: `#i18n` (the page chrome in id and en) and `#cfg`
 * (storage key, quick-exit URL, initial locale). Server and user text only ever reach the DOM
 * through `textContent`. The conversation's language comes from each `/api/chat` reply (`locale`),
 * so the page never guesses it.
 */

/**
 * @typedef {'id' | 'en'} Locale
 * @typedef {{ id: string, label: string }} Choice
 * @typedef {{ flow: string, step: string, kind: 'choice' | 'text' | 'media' | 'none', choices?: Choice[] }} Prompt
 * @typedef {{ conversation: string, replies?: { text: string }[], prompt?: Prompt, locale?: Locale }} ChatReply
 * @typedef {'me' | 'bot' | 'note'} Who
 * @typedef {{ c: string | null, log: [Who, string][], p: Prompt | null, l: Locale }} Stored
 * @typedef {{ text?: string, choice?: string, file?: File, echo?: string, focus?: boolean,
 *   start?: boolean, restart?: boolean, lang?: Locale }} ChatRequest
 */

(() => {
  const d = document;
  /** @param {string} id */
  const byId = (id) => /** @type {HTMLElement} */ (d.getElementById(id));
  /** @type {Record<Locale, Record<string, string>>} */
  const S = JSON.parse(byId('i18n').textContent || '{}');
  /** @type {{ key: string, exit: string, locale: Locale }} */
  const cfg = JSON.parse(byId('cfg').textContent || '{}');
  const KEY = cfg.key;
  const EXIT = cfg.exit;

  const logEl = byId('log');
  const main = byId('main');
  const choicesEl = byId('choices');
  const mediaEl = byId('media');
  const fileEl = /** @type {HTMLInputElement} */ (byId('file'));
  const textEl = /** @type {HTMLInputElement} */ (byId('text'));
  const sendEl = /** @type {HTMLButtonElement} */ (byId('send'));
  const statusEl = byId('status');
  const statusText = byId('statustext');
  const prog = /** @type {HTMLProgressElement} */ (byId('progress'));
  const errEl = byId('error');
  const errText = byId('errortext');
  const retryEl = byId('retry');
  const langEl = /** @type {HTMLButtonElement} */ (byId('lang'));
  const exitEl = byId('exit');
  const form = byId('composer');

  /** @type {Stored | null} */
  let st = load() || { c: null, log: [], p: null, l: cfg.locale };
  let busy = false;
  /** @type {ChatRequest | null} */
  let pending = null;
  /** @type {XMLHttpRequest | null} */
  let xhr = null;
  /** @type {number[]} */
  let escs = [];

  /** The stored state, or null when it is missing or not ours (a tampered or older shape). */
  /** @returns {Stored | null} */
  function load() {
    try {
      const v = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      return v && typeof v === 'object' && Array.isArray(v.log) ? v : null;
    } catch {
      return null;
    }
  }
  function save() {
    if (!st) return;
    try {
      if (st.log.length > 200) st.log = st.log.slice(-200);
      sessionStorage.setItem(KEY, JSON.stringify(st));
    } catch {
      // Storage full or disabled: the conversation still works, it just won't survive a reload.
    }
  }
  /** @returns {Stored} */
  function state() {
    return /** @type {Stored} */ (st);
  }
  /** @param {string} k */
  function t(k) {
    return (S[state().l] || S.id)[k];
  }
  function applyLocale() {
    const l = state().l;
    d.documentElement.lang = l;
    langEl.lang = l === 'id' ? 'en' : 'id';
    for (const el of d.querySelectorAll('[data-t]')) el.textContent = t(el.getAttribute('data-t') || '');
    for (const el of d.querySelectorAll('[data-ta]')) {
      const [attr, key] = (el.getAttribute('data-ta') || ':').split(':');
      el.setAttribute(attr, t(key));
    }
  }
  /**
   * A receipt is a line "LABEL: 7K3F-Q9XM-2HDA" in a bot message, the code in Crockford base32 with
   * at least one letter — so a phone number such as 0812-3456-7890 in a summary is never styled or
   * offered for copying as a receipt.
   */
  const RECEIPT_LINE = /^([^\n:]*:[ \t]*)([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})[ \t]*$/m;
  /** @param {string} text */
  function receiptIn(text) {
    const m = RECEIPT_LINE.exec(text);
    return m && /[A-Z]/.test(m[2]) ? { index: (m.index ?? 0) + m[1].length, code: m[2] } : null;
  }
  /**
   * One bubble. A receipt bubble shows the code set apart, with a copy button: it is shown once.
   * @param {Who} who
   * @param {string} text
   */
  function addMsg(who, text) {
    const el = d.createElement('div');
    el.className = `msg ${who}`;
    if (who !== 'note') {
      const sr = d.createElement('span');
      sr.className = 'sr';
      sr.textContent = `${t(who === 'me' ? 'you' : 'bot')} `;
      el.appendChild(sr);
    }
    const r = who === 'bot' ? receiptIn(text) : null;
    if (!r) {
      el.appendChild(d.createTextNode(text));
      logEl.appendChild(el);
      return el;
    }
    el.classList.add('receipt');
    el.appendChild(d.createTextNode(text.slice(0, r.index)));
    const code = d.createElement('span');
    code.className = 'code';
    code.textContent = r.code;
    el.appendChild(code);
    el.appendChild(d.createTextNode(text.slice(r.index + r.code.length)));
    const copy = d.createElement('button');
    copy.type = 'button';
    copy.className = 'copy';
    copy.setAttribute('data-t', 'copy');
    copy.textContent = t('copy');
    copy.addEventListener('click', () => copyCode(r.code, copy));
    el.appendChild(copy);
    logEl.appendChild(el);
    return el;
  }
  /**
   * Copy a receipt: the Clipboard API where allowed, else a selected hidden field and execCommand
   * (older phone browsers). The button says whether it worked.
   * @param {string} code
   * @param {HTMLButtonElement} btn
   */
  function copyCode(code, btn) {
    const said = (/** @type {boolean} */ ok) => {
      btn.textContent = t(ok ? 'copied' : 'copyFailed');
    };
    const fallback = () => {
      const field = d.createElement('textarea');
      field.value = code;
      field.setAttribute('readonly', '');
      field.className = 'sr';
      d.body.appendChild(field);
      field.select();
      let ok = false;
      try {
        ok = d.execCommand('copy');
      } catch {
        ok = false;
      }
      field.remove();
      btn.focus({ preventScroll: true });
      said(ok);
    };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(code).then(() => said(true), fallback);
    else fallback();
  }
  /** @param {Who} who @param {string} text */
  function record(who, text) {
    state().log.push([who, text]);
    return addMsg(who, text);
  }
  function renderPrompt() {
    const p = state().p;
    const ch = p && Array.isArray(p.choices) ? p.choices : [];
    choicesEl.textContent = '';
    for (const c of ch) {
      const b = d.createElement('button');
      b.type = 'button';
      b.className = 'choice';
      b.textContent = c.label;
      b.setAttribute('data-id', c.id);
      b.disabled = busy;
      b.addEventListener('click', () => choose(c));
      choicesEl.appendChild(b);
    }
    choicesEl.hidden = !ch.length;
    choicesEl.className = ch.length > 6 ? 'many' : '';
    mediaEl.hidden = !(p && p.kind === 'media');
  }
  /** Scroll so the first new bubble is at the top: long answers are read from their start. */
  /** @param {HTMLElement | null} first */
  function reveal(first) {
    if (!first) return;
    const bottom = main.scrollHeight - main.clientHeight;
    main.scrollTop = Math.max(0, Math.min(first.offsetTop - 8, bottom));
  }
  /** @param {boolean} b @param {string} [label] */
  function setBusy(b, label) {
    busy = b;
    sendEl.disabled = b;
    langEl.disabled = b;
    fileEl.disabled = b;
    textEl.readOnly = b;
    logEl.setAttribute('aria-busy', b ? 'true' : 'false');
    for (const button of choicesEl.querySelectorAll('button')) button.disabled = b;
    statusEl.hidden = !b;
    if (b) {
      statusText.textContent = label || '';
      prog.hidden = true;
      prog.removeAttribute('value');
    }
  }
  /** @param {string} msg @param {boolean} canRetry */
  function showError(msg, canRetry) {
    errText.textContent = msg;
    retryEl.hidden = !canRetry;
    errEl.hidden = false;
  }
  function hideError() {
    errEl.hidden = true;
    errText.textContent = '';
  }
  /** @param {ChatRequest} req */
  function post(req) {
    if (busy) return;
    pending = req;
    hideError();
    setBusy(true, t(req.file ? 'uploading' : 'sending'));
    const x = new XMLHttpRequest();
    xhr = x;
    x.open('POST', req.file ? '/api/chat/media' : '/api/chat');
    x.timeout = req.file ? 180000 : 30000;
    x.setRequestHeader('Accept', 'application/json');
    /** @type {FormData | string} */
    let body;
    const conversation = state().c;
    if (req.file) {
      const fd = new FormData();
      if (conversation) fd.append('conversation', conversation);
      fd.append('file', req.file, req.file.name);
      body = fd;
      x.upload.onprogress = (e) => {
        if (!e.lengthComputable) return;
        prog.hidden = false;
        prog.max = e.total;
        prog.value = e.loaded;
        statusText.textContent = `${t('uploading')} ${Math.round((e.loaded * 100) / e.total)}%`;
      };
    } else {
      /** @type {{ conversation?: string, text?: string, choice?: string }} */
      const o = {};
      if (conversation) o.conversation = conversation;
      if (req.text != null) o.text = req.text;
      if (req.choice != null) o.choice = req.choice;
      x.setRequestHeader('Content-Type', 'application/json');
      body = JSON.stringify(o);
    }
    x.onload = () => {
      /** @type {any} */
      let data = null;
      try {
        data = JSON.parse(x.responseText);
      } catch {
        // Not JSON (a proxy's error page): handled as a failure below.
      }
      if (x.status >= 200 && x.status < 300 && data && typeof data.conversation === 'string') done(req, data);
      else fail(req, x.status, data);
    };
    x.onerror = () => fail(req, 0, null);
    x.ontimeout = x.onerror;
    x.send(body);
  }
  /** @param {ChatRequest} req @param {ChatReply} data */
  function done(req, data) {
    const s = state();
    xhr = null;
    pending = null;
    s.c = data.conversation;
    /** @type {HTMLElement | null} */
    let first = null;
    if (req.echo != null) first = record('me', req.echo);
    for (const r of Array.isArray(data.replies) ? data.replies : []) {
      if (r && typeof r.text === 'string') {
        const el = record('bot', r.text);
        first = first || el;
      }
    }
    s.p = data.prompt || null;
    if (req.text != null && req.echo != null) textEl.value = '';
    if (req.file) fileEl.value = '';
    // The conversation says which language it speaks now; while the page is switching it (the
    // toggle's "bahasa" step), the page keeps the language the person asked for.
    if (!req.lang && (data.locale === 'id' || data.locale === 'en') && data.locale !== s.l) {
      s.l = data.locale;
      applyLocale();
    }
    setBusy(false);
    renderPrompt();
    save();
    // A receipt is shown once: keep it in view and give it the focus (its copy button), rather
    // than the next menu's first button, which would scroll it away on a phone.
    const receipts = logEl.querySelectorAll('.msg.receipt');
    const receipt = first && receipts.length ? /** @type {HTMLElement} */ (receipts[receipts.length - 1]) : null;
    const fresh = receipt && first && (receipt === first || first.compareDocumentPosition(receipt) & Node.DOCUMENT_POSITION_FOLLOWING) ? receipt : null;
    if (fresh) {
      reveal(fresh);
      const copy = /** @type {HTMLButtonElement | null} */ (fresh.querySelector('button.copy'));
      if (copy) copy.focus({ preventScroll: true });
      return;
    }
    if (!req.start) reveal(first);
    const p = s.p;
    if (req.lang && p && p.flow === 'language' && Array.isArray(p.choices) && p.choices.some((c) => c.id === req.lang)) {
      post({ choice: req.lang });
      return;
    }
    if (req.focus) {
      const fb = choicesEl.querySelector('button');
      if (fb) fb.focus();
      else if (!mediaEl.hidden) fileEl.focus();
      else textEl.focus();
    }
  }
  /** @param {ChatRequest} req @param {number} status @param {any} data */
  function fail(req, status, data) {
    const s = state();
    xhr = null;
    setBusy(false);
    const msg = typeof data?.error?.message === 'string' ? data.error.message : '';
    if ((status === 404 || status === 410) && s.c && !req.restart) {
      // The server forgot the conversation (expired): start a fresh one and say so.
      s.c = null;
      s.p = null;
      record('note', t('restarted'));
      save();
      renderPrompt();
      post({ start: true, restart: true });
      return;
    }
    if (status === 413 || status === 415) {
      fileEl.value = '';
      main.scrollTop = main.scrollHeight;
    }
    if (status === 0) showError(t('offline'), true);
    else if (status >= 500) showError(t('failed'), true);
    else {
      const key = status === 413 ? 'tooLarge' : status === 415 ? 'badType' : status === 429 ? 'slowDown' : 'failed';
      showError(t(key) + (msg ? `\n${msg}` : ''), status === 429);
    }
  }
  /** @param {Choice} c */
  function choose(c) {
    post({ choice: c.id, echo: c.label, focus: true });
  }
  function sendText() {
    const v = textEl.value;
    if (!v.trim() || busy) return;
    post({ text: v, echo: v });
  }
  function quickExit() {
    try {
      if (xhr) xhr.abort();
    } catch {
      // Leaving anyway.
    }
    st = null;
    try {
      sessionStorage.clear();
    } catch {
      // Nothing stored, nothing to clear.
    }
    d.title = '';
    d.body.textContent = '';
    location.replace(EXIT);
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sendText();
  });
  textEl.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault();
      sendText();
    }
  });
  fileEl.addEventListener('change', () => {
    const f = fileEl.files?.[0];
    if (f) post({ file: f, echo: t('attached') + f.name, focus: true });
  });
  retryEl.addEventListener('click', () => {
    if (pending && !busy) post(pending);
  });
  langEl.addEventListener('click', () => {
    const s = state();
    s.l = s.l === 'id' ? 'en' : 'id';
    applyLocale();
    save();
    // One tap switches both: the page opens the bot's language step and answers it itself.
    if (s.c) post({ text: 'bahasa', lang: s.l });
  });
  exitEl.addEventListener('click', quickExit);
  // SOS sends the word `sos`: the emergency flow opens from wherever the conversation is.
  byId('sos').addEventListener('click', () => post({ text: 'sos', echo: 'SOS', focus: true }));
  d.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const now = Date.now();
    escs = escs.filter((x) => now - x < 2000);
    escs.push(now);
    if (escs.length >= 3) quickExit();
  });

  applyLocale();
  for (const [who, text] of state().log) addMsg(who, text);
  renderPrompt();
  main.scrollTop = main.scrollHeight;
  if (!state().c) post({ start: true });
})();
