// @ts-check
/**
 * The officers' dashboard script. Served inline under the response's CSP nonce (see
 * dashboard-page.ts), type-checked by `tsconfig.browser.json` and linted by Biome.
 *
 * It reads two JSON islands the server renders: `#labels` (category and regency labels from the flow
 * catalogs) and `#cfg` (the status transitions the tips room allows, and the referral targets), so
 * the page offers exactly the moves the server accepts. Case data only ever reaches the DOM through
 * `textContent` / `createElement`, never as HTML.
 */

// Types of the API's answers: dashboard-types.d.ts.

(() => {
  /** @param {string} id */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  /** @param {string} id */
  const island = (id) => {
    try {
      return JSON.parse(document.getElementById(id)?.textContent || '{}');
    } catch {
      return {};
    }
  };
  /** The page's words in both languages (dashboard-strings.json, rendered into `#i18n`). */
  /** @type {Record<Lang, Record<string, string>>} */
  const T = island('i18n');
  /** @type {{ transitions: Record<string, string[]>, referrals: Record<string, string> }} */
  const CFG = island('cfg');
  const TRANSITIONS = CFG.transitions || {};
  const REFERRALS = CFG.referrals || {};
  /** Category and regency ids as the reporters saw them (from the flow catalogs); unknown ids as-is. */
  /** @type {Record<string, { id: string, en: string }>} */
  const LABELS = island('labels');

  /** @type {Lang} */
  let lang = localStorage.getItem('waspada.lang') === 'en' ? 'en' : 'id';
  /** @type {string | null} */
  let token = sessionStorage.getItem('waspada.token');
  /** @type {{ status: string, urgency: string, items: Tip[], next: string | null, selected: Tip | null, tab: string, urls: string[] }} */
  const state = { status: '', urgency: '', items: [], next: null, selected: null, tab: 'tips', urls: [] };

  /** @param {string} k */
  function t(k) {
    return T[lang]?.[k] || T.en[k] || k;
  }
  /** @param {string | null | undefined} v */
  function label(v) {
    const l = v ? LABELS[v] : undefined;
    return l ? l[lang] || v : v;
  }
  /**
   * An element with attributes (`text` sets textContent, `class` the class, `on…` a listener) and
   * children; never HTML.
   * @param {string} tag
   * @param {Attrs | null} [attrs]
   * @param {(Node | string | null | undefined)[]} [kids]
   */
  function el(tag, attrs, kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = String(v);
      else if (k === 'class') e.className = v;
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of kids || []) {
      if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }
  /** @template {Node} N @param {N} node @returns {N} */
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }
  /** Dates in West Kalimantan's time, in the page's language. */
  /** @param {string} iso */
  function fmt(iso) {
    try {
      return new Date(iso).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', {
        timeZone: 'Asia/Pontianak',
        dateStyle: 'medium',
        timeStyle: 'short',
      });
    } catch {
      return iso;
    }
  }
  /** @param {HTMLElement} node @param {string} [msg] @param {boolean} [isError] */
  function say(node, msg, isError) {
    node.textContent = msg || '';
    node.className = isError ? 'error' : 'muted';
  }
  /** @param {unknown} e */
  function failed(e) {
    return t('failed') + (e instanceof Error ? e.message : String(e));
  }

  /**
   * The officer API with the token; a 401 ends the session, other errors carry the server's message.
   * @param {string} path
   * @param {{ method?: string, body?: unknown }} [opts]
   * @returns {Promise<Response>}
   */
  function api(path, opts) {
    const o = opts || {};
    /** @type {Record<string, string>} */
    const headers = { Authorization: `Bearer ${token}` };
    if (o.body !== undefined) headers['Content-Type'] = 'application/json';
    const body = o.body === undefined ? undefined : JSON.stringify(o.body);
    return fetch(path, { method: o.method || 'GET', headers, body, cache: 'no-store' }).then((res) => {
      if (res.status === 401) {
        logout(t('expired'));
        throw new Error(t('expired'));
      }
      if (!res.ok) {
        return res.json().then(
          (b) => {
            throw new Error(b?.error?.message || res.statusText);
          },
          () => {
            throw new Error(res.statusText);
          },
        );
      }
      return res;
    });
  }

  // ---- language ----
  function applyLang() {
    document.documentElement.lang = lang;
    document.title = t('title');
    for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.getAttribute('data-i18n') || '');
    fillSelect(/** @type {HTMLSelectElement} */ ($('f-status')), [''].concat(Object.keys(TRANSITIONS)), (v) => (v ? t(`st.${v}`) : t('all')), state.status);
    fillSelect(/** @type {HTMLSelectElement} */ ($('f-urgency')), ['', 'urgent', 'normal'], (v) => (v ? t(v) : t('all')), state.urgency);
  }
  /**
   * @param {HTMLSelectElement} sel
   * @param {string[]} values
   * @param {(v: string) => string} name
   * @param {string} current
   */
  function fillSelect(sel, values, name, current) {
    clear(sel);
    for (const v of values) {
      const o = /** @type {HTMLOptionElement} */ (el('option', { value: v, text: name(v) }));
      if (v === current) o.selected = true;
      sel.appendChild(o);
    }
  }

  // ---- session ----
  /** @param {boolean} on */
  function showApp(on) {
    $('login').hidden = on;
    $('app').hidden = !on;
    $('logout').hidden = !on;
  }
  /** @param {string} [msg] */
  function logout(msg) {
    token = null;
    sessionStorage.removeItem('waspada.token');
    showApp(false);
    say($('login-msg'), msg || '', !!msg);
  }
  /** @param {Event} ev */
  function login(ev) {
    ev.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($('token'));
    const v = input.value.trim();
    if (!v) return;
    token = v;
    fetch('/api/stats', { headers: { Authorization: `Bearer ${v}` }, cache: 'no-store' }).then(
      (res) => {
        if (!res.ok) {
          token = null;
          say($('login-msg'), t('badToken'), true);
          return;
        }
        sessionStorage.setItem('waspada.token', v);
        input.value = '';
        say($('login-msg'), '');
        showApp(true);
        loadTips(true);
      },
      (e) => say($('login-msg'), failed(e), true),
    );
  }

  // ---- list ----
  /** @param {boolean} reset */
  function loadTips(reset) {
    const q = new URLSearchParams();
    if (state.status) q.set('status', state.status);
    if (state.urgency) q.set('urgency', state.urgency);
    q.set('limit', '25');
    if (!reset && state.next) q.set('cursor', state.next);
    say($('list-msg'), t('loading'));
    return api(`/api/tips?${q.toString()}`)
      .then((r) => r.json())
      .then((page) => {
        state.items = reset ? page.items : state.items.concat(page.items);
        state.next = page.nextCursor;
        renderList();
      })
      .catch((e) => say($('list-msg'), failed(e), true));
  }
  /** @param {Tip} tip */
  function badge(tip) {
    const urgent = tip.urgency === 'urgent';
    return el('span', { class: `badge ${urgent ? 'urgent' : 'normal'}`, text: t(urgent ? 'urgent' : 'normal') });
  }
  /** @param {Tip} tip */
  function statusBadge(tip) {
    return el('span', { class: 'badge status', 'data-status': tip.status, text: t(`st.${tip.status}`) });
  }
  function renderList() {
    const ul = clear($('list'));
    say($('list-msg'), state.items.length ? '' : t('empty'));
    for (const tip of state.items) {
      const current = state.selected && state.selected.id === tip.id ? 'true' : 'false';
      const b = el('button', { type: 'button', 'data-tip': tip.id, 'aria-current': current, onclick: () => openTip(tip.id) }, [
        el('div', { class: 'row' }, [badge(tip), statusBadge(tip), el('strong', { text: tip.id })]),
        el('div', { class: 'muted', text: [label(tip.regency) || '—', label(tip.category) || '—', fmt(tip.createdAt)].join(' · ') }),
        el('p', { class: 'snippet', text: tip.description || '' }),
      ]);
      ul.appendChild(el('li', null, [b]));
    }
    $('more').hidden = !state.next;
  }

  // ---- detail ----
  function revokeUrls() {
    for (const u of state.urls) URL.revokeObjectURL(u);
    state.urls = [];
  }
  /** @param {string} id */
  function openTip(id) {
    return api(`/api/tips/${encodeURIComponent(id)}`)
      .then((r) => r.json())
      .then((/** @type {Tip} */ tip) => {
        state.selected = tip;
        state.items = state.items.map((x) => (x.id === tip.id ? tip : x));
        renderList();
        renderDetail();
        if (window.innerWidth < 900) $('detail').scrollIntoView({ behavior: 'smooth' });
      })
      .catch((e) => say($('detail-msg'), failed(e), true));
  }
  /** @param {HTMLElement} dl @param {string} key @param {unknown} value */
  function field(dl, key, value) {
    dl.appendChild(el('dt', { text: t(key) }));
    dl.appendChild(el('dd', { text: value === null || value === undefined || value === '' ? '—' : String(value) }));
  }
  /** @param {HTMLElement} box @param {Tip} tip */
  function renderEvidence(box, tip) {
    box.appendChild(el('h3', { text: `${t('evidence')} (${tip.media.count})` }));
    const ev = el('div', { class: 'evidence', id: 'evidence' });
    if (!tip.media.items.length) ev.appendChild(el('p', { class: 'muted', text: t('noEvidence') }));
    for (const m of tip.media.items) {
      if (/^image\/(jpeg|png|webp|gif)$/.test(m.mime)) {
        const img = /** @type {HTMLImageElement} */ (el('img', { alt: `${t('evidence')} ${m.id}`, 'data-media': m.id }));
        ev.appendChild(img);
        api(m.url)
          .then((r) => r.blob())
          .then((b) => {
            const u = URL.createObjectURL(b);
            state.urls.push(u);
            img.src = u;
          })
          .catch(() => {
            img.alt = t('failed') + m.id;
          });
        continue;
      }
      const download = () =>
        api(m.url)
          .then((r) => r.blob())
          .then((b) => {
            const u = URL.createObjectURL(b);
            const a = el('a', { href: u, download: `${tip.id}-${m.id}` });
            document.body.appendChild(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(u), 10000);
          });
      ev.appendChild(el('button', { type: 'button', text: `${t('download')} ${m.kind} (${Math.round(m.size / 1024)} KB)`, onclick: download }));
    }
    box.appendChild(ev);
  }
  /** @param {HTMLElement} box @param {Tip} tip */
  function renderThread(box, tip) {
    box.appendChild(el('h3', { text: t('thread') }));
    const th = el('ul', { class: 'thread', id: 'thread' });
    if (!tip.messages.length) th.appendChild(el('li', { class: 'muted', text: t('noThread') }));
    for (const m of tip.messages) {
      th.appendChild(
        el('li', { class: m.direction }, [
          el('div', { class: 'muted', text: `${t(`dir.${m.direction}`)}${m.author ? ` · ${m.author}` : ''} · ${fmt(m.createdAt)}` }),
          el('div', { text: m.text === null ? '—' : m.text }),
        ]),
      );
    }
    box.appendChild(th);
    box.appendChild(el('h3', { text: t('related') }));
    const rel = el('div', { class: 'row', id: 'related' });
    if (!tip.related.length) rel.appendChild(el('span', { class: 'muted', text: t('noRelated') }));
    for (const id of tip.related) rel.appendChild(el('button', { type: 'button', text: id, onclick: () => openTip(id) }));
    box.appendChild(rel);
    // Identifiers of this tip that people also checked in job adverts: counts only, never who.
    if (tip.checkedElsewhere?.length) {
      box.appendChild(el('h3', { text: t('checked') }));
      const chk = el('ul', { id: 'checked-elsewhere' });
      for (const c of tip.checkedElsewhere) chk.appendChild(el('li', { text: `${c.value} — ${c.checks} ${t('checkedN')}` }));
      box.appendChild(chk);
    }
  }
  /** @param {HTMLElement} box @param {Tip} tip */
  function renderActions(box, tip) {
    box.appendChild(el('h3', { text: t('actions') }));
    const acts = el('div', { class: 'actions', id: 'status-actions' });
    for (const to of TRANSITIONS[tip.status] || []) {
      const cls = to === 'spam' ? 'danger' : to === 'claimed' ? 'primary' : '';
      acts.appendChild(el('button', { type: 'button', class: cls, 'data-action': to, text: t(`to.${to}`), onclick: () => patch({ status: to }) }));
    }
    // Hold: a reporter's erase request waits while officers investigate (src/tips/erasure.ts).
    acts.appendChild(el('button', { type: 'button', 'data-action': 'hold', text: t(tip.hold ? 'release' : 'hold'), onclick: () => patch({ hold: !tip.hold }) }));
    box.appendChild(acts);
    const msg = el('p', { id: 'action-msg', class: 'muted' });
    const refSel = /** @type {HTMLSelectElement} */ (el('select', { id: 'referral', 'aria-label': t('referTo') }));
    for (const [k, name] of Object.entries(REFERRALS)) refSel.appendChild(el('option', { value: k, text: name }));
    box.appendChild(
      el('div', { class: 'row' }, [
        el('label', { for: 'referral', class: 'muted', text: t('referTo') }),
        refSel,
        el('button', { type: 'button', text: t('saveReferral'), onclick: () => patch({ referral: refSel.value }) }),
      ]),
    );
    const reply = /** @type {HTMLTextAreaElement} */ (el('textarea', { id: 'reply-text', maxlength: '4000', 'aria-label': t('reply') }));
    box.appendChild(el('h3', { text: t('reply') }));
    box.appendChild(reply);
    const sendReply = () => {
      const text = reply.value.trim();
      if (!text) return;
      api(`/api/tips/${encodeURIComponent(tip.id)}/replies`, { method: 'POST', body: { text } })
        .then((r) => r.json())
        .then((res) => {
          reply.value = '';
          return openTip(tip.id).then(() => say($('action-msg'), t(res.delivered === 'queued' ? 'queued' : 'waiting')));
        })
        .catch((e) => say(msg, failed(e), true));
    };
    box.appendChild(el('button', { type: 'button', class: 'primary', id: 'reply-send', text: t('send'), onclick: sendReply }));
    const note = /** @type {HTMLTextAreaElement} */ (el('textarea', { id: 'note-text', maxlength: '4000', 'aria-label': t('note') }));
    box.appendChild(el('h3', { text: t('note') }));
    box.appendChild(note);
    const saveNote = () => {
      const text = note.value.trim();
      if (text) patch({ note: text });
    };
    box.appendChild(el('button', { type: 'button', text: t('saveNote'), onclick: saveNote }));
    box.appendChild(msg);
  }
  function renderDetail() {
    revokeUrls();
    const tip = state.selected;
    const box = clear($('detail-body'));
    if (!tip) {
      box.appendChild(el('p', { class: 'muted', text: t('pick') }));
      return;
    }
    box.appendChild(el('h2', { class: 'row' }, [el('span', { text: tip.id }), badge(tip), statusBadge(tip)]));
    const dl = el('dl');
    field(dl, 'channel', tip.channel);
    field(dl, 'category', label(tip.category));
    field(dl, 'regency', label(tip.regency));
    field(dl, 'destination', tip.destination);
    field(dl, 'recruiter', tip.recruiter);
    field(dl, 'description', tip.description);
    field(dl, 'score', tip.urgencyScore);
    dl.appendChild(el('dt', { text: t('reasons') }));
    dl.appendChild(el('dd', { class: 'chips' }, tip.urgencyReasons.length ? (tip.urgencyReasonsText?.[lang] ?? tip.urgencyReasons).map((r) => el('span', { text: r })) : ['—']));
    field(dl, 'claimedBy', tip.claimedBy);
    field(dl, 'referral', tip.referral ? REFERRALS[tip.referral] || tip.referral : null);
    field(dl, 'mayContact', t(tip.mayContact ? 'yes' : 'no'));
    field(dl, 'complete', t(tip.complete ? 'yes' : 'no'));
    field(dl, 'created', fmt(tip.createdAt));
    field(dl, 'updated', fmt(tip.updatedAt));
    if (tip.redactedAt) field(dl, 'redacted', fmt(tip.redactedAt));
    if (tip.erasureRequestedAt) field(dl, 'erasureRequested', fmt(tip.erasureRequestedAt));
    if (tip.erasureDueAt) field(dl, 'erasureDue', fmt(tip.erasureDueAt));
    field(dl, 'held', t(tip.hold ? 'yes' : 'no'));
    box.appendChild(dl);
    renderEvidence(box, tip);
    renderThread(box, tip);
    renderActions(box, tip);
  }
  /** @param {Record<string, string | boolean>} body */
  function patch(body) {
    const tip = state.selected;
    if (!tip) return Promise.resolve();
    return api(`/api/tips/${encodeURIComponent(tip.id)}`, { method: 'PATCH', body })
      .then((r) => r.json())
      .then((/** @type {Tip} */ updated) => {
        state.selected = updated;
        state.items = state.items.map((x) => (x.id === updated.id ? updated : x));
        renderList();
        renderDetail();
        say($('action-msg'), t('saved'));
      })
      .catch((e) => say(document.getElementById('action-msg') || $('detail-msg'), failed(e), true));
  }

  // ---- charts (dashboard-charts.js, loaded before this script) ----
  const { hbar, vbar, teams } = dashboardCharts({ el, label, t });
  /** `province`, or a regency team's id (`sambas+bengkayang`) in words. @param {string} team */
  const teamName = (team) => (team === 'province' ? t('province') : team.split('+').map((r) => label(r) || r).join(' + '));
  function loadStats() {
    const box = clear($('charts'));
    box.appendChild(el('p', { class: 'muted', text: t('loading') }));
    return api('/api/stats')
      .then((r) => r.json())
      .then((/** @type {Stats} */ st) => {
        clear(box);
        box.appendChild(el('section', { class: 'card wide row' }, [el('strong', { text: `${t('total')}:` }), el('span', { id: 'total', text: String(st.total) })]));
        const week = vbar(t('perWeek'), st.byWeek, 'chart-week');
        week.classList.add('wide');
        box.appendChild(week);
        box.appendChild(hbar(t('byRegency'), st.byRegency, 'chart-regency'));
        box.appendChild(hbar(t('byCategory'), st.byCategory, 'chart-category'));
        // The province's view per team (a scoped token sees only its own team).
        return api('/api/stats/regencies')
          .then((r) => r.json())
          .then((/** @type {{ teams: TeamRow[] }} */ rs) => {
            const card = teams(t('byTeam'), rs.teams, 'chart-teams', teamName);
            card.classList.add('wide');
            box.appendChild(card);
          });
      })
      .catch((e) => {
        clear(box);
        box.appendChild(el('p', { class: 'error', text: failed(e) }));
      });
  }

  /** @param {'tips' | 'stats' | 'audit'} tab */
  function setTab(tab) {
    state.tab = tab;
    for (const name of ['tips', 'stats', 'audit']) {
      $(`tab-${name}`).setAttribute('aria-selected', String(tab === name));
      $(`view-${name}`).hidden = tab !== name;
    }
    if (tab === 'audit') auditView.load(true);
    else (tab === 'stats' ? loadStats : () => loadTips(true))();
  }

  // ---- wiring ----
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', () => {
    revokeUrls();
    state.selected = null;
    logout();
  });
  $('lang').addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('waspada.lang', lang);
    applyLang();
    if (token) {
      renderList();
      renderDetail();
      if (state.tab === 'stats') loadStats();
    }
  });
  /** @param {'status' | 'urgency'} key @param {Event} e */
  const onFilter = (key, e) => {
    state[key] = /** @type {HTMLSelectElement} */ (e.target).value;
    state.selected = null;
    renderDetail();
    loadTips(true);
  };
  $('f-status').addEventListener('change', (e) => onFilter('status', e));
  $('f-urgency').addEventListener('change', (e) => onFilter('urgency', e));
  $('refresh').addEventListener('click', () => loadTips(true));
  $('more').addEventListener('click', () => loadTips(false));
  const auditView = dashboardAudit({ el, t, api, fmt, root: $('view-audit') });
  for (const tab of /** @type {const} */ (['tips', 'stats', 'audit'])) $(`tab-${tab}`).addEventListener('click', () => setTab(tab));
  applyLang();
  showApp(!!token);
  if (token) loadTips(true);
  renderDetail();
})();
