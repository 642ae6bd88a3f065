/**
 * The officers' dashboard: one self-contained page (inline CSS and JS, no external assets) that
 * talks to the officer API with the token the officer pastes in (kept in sessionStorage only).
 *
 * Every piece of case data is put on the page with `textContent` / `createElement`, never as
 * HTML, so a reporter's text cannot inject markup. The inline script and style carry the CSP
 * nonce of the response; there is no 'unsafe-inline' for scripts.
 */

const CSS = `
:root{--bg:#f5f6f8;--card:#fff;--ink:#1d2330;--muted:#5d6677;--line:#dfe3ea;--brand:#0b5d7a;--urgent:#c0392b;--ok:#1e7d4f;--warn:#b26a00}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--ink)}
header{display:flex;align-items:center;gap:.5rem;flex-wrap:wrap;padding:.6rem 1rem;background:var(--brand);color:#fff}
header h1{font-size:1.05rem;margin:0;flex:1}
header button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6)}
button,select,input,textarea{font:inherit}
button{cursor:pointer;border-radius:6px;border:1px solid var(--line);background:#fff;color:var(--ink);padding:.4rem .7rem;min-height:2.2rem}
button.primary{background:var(--brand);border-color:var(--brand);color:#fff}
button.danger{color:var(--urgent);border-color:var(--urgent)}
button:disabled{opacity:.5;cursor:default}
select,input,textarea{border:1px solid var(--line);border-radius:6px;padding:.4rem;background:#fff;min-height:2.2rem}
textarea{width:100%;min-height:4rem;resize:vertical}
main{padding:1rem;max-width:1200px;margin:0 auto}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem;margin-bottom:1rem}
.login{max-width:420px;margin:3rem auto}
.login label{display:block;margin-bottom:.4rem;font-weight:600}
.login input{width:100%;margin-bottom:.6rem}
.error{color:var(--urgent);min-height:1.2em}
.tabs{display:flex;gap:.4rem;margin-bottom:1rem}
.tabs button[aria-selected=true]{background:var(--ink);color:#fff;border-color:var(--ink)}
.filters{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end;margin-bottom:.8rem}
.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
.grid{display:grid;grid-template-columns:1fr;gap:1rem}
@media(min-width:900px){.grid{grid-template-columns:minmax(300px,2fr) 3fr}}
.grid>*,.charts>*{min-width:0}
.list{list-style:none;margin:0;padding:0}
.list li{margin:0 0 .5rem}
.list button{width:100%;text-align:left;display:block;padding:.6rem}
.list button[aria-current=true]{outline:2px solid var(--brand)}
.row{display:flex;gap:.4rem;align-items:center;flex-wrap:wrap}
.badge{display:inline-block;border-radius:999px;padding:.05rem .55rem;font-size:.75rem;font-weight:700;border:1px solid currentColor}
.badge.urgent{background:var(--urgent);color:#fff;border-color:var(--urgent)}
.badge.normal{color:var(--muted)}
.badge.status{color:var(--brand)}
.muted{color:var(--muted);font-size:.85rem}
.snippet{margin:.25rem 0 0;color:var(--muted);font-size:.85rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem .8rem;margin:0 0 1rem}
dt{color:var(--muted)}
dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:0 0 .6rem}
h3{font-size:.95rem;margin:1rem 0 .4rem}
.thread{list-style:none;padding:0;margin:0}
.thread li{border-left:3px solid var(--line);padding:.3rem .6rem;margin-bottom:.4rem;white-space:pre-wrap;overflow-wrap:anywhere}
.thread li.out{border-color:var(--brand)}
.thread li.note{border-color:var(--warn);background:#fff8ec}
.thread li.in{border-color:var(--ok)}
.evidence{display:flex;gap:.5rem;flex-wrap:wrap}
.evidence img{max-width:220px;max-height:220px;border-radius:6px;border:1px solid var(--line);image-rendering:auto}
.actions{display:flex;gap:.4rem;flex-wrap:wrap;margin-bottom:.6rem}
.charts{display:grid;grid-template-columns:1fr;gap:1rem}
@media(min-width:900px){.charts{grid-template-columns:1fr 1fr}}
.charts svg{width:100%;height:auto;display:block;max-height:340px}
.charts .wide{grid-column:1/-1}
.bar{fill:var(--brand)}
.bar.alt{fill:#2f8fb0}
.axis{stroke:var(--line)}
.lbl{font-size:11px;fill:var(--ink)}
.cnt{font-size:11px;fill:var(--muted);font-weight:700}
[hidden]{display:none!important}
.chips span{display:inline-block;background:#eef1f5;border-radius:4px;padding:0 .35rem;margin:0 .25rem .25rem 0;font-size:.8rem}
`;

const JS = String.raw`
(function () {
  'use strict';
  var T = {
    id: {
      title: 'Waspada — Dasbor Petugas', lang: 'English', logout: 'Keluar', tokenLabel: 'Token petugas',
      login: 'Masuk', loginHint: 'Token hanya disimpan di tab ini dan hilang saat tab ditutup.',
      badToken: 'Token tidak valid atau sudah dicabut.', expired: 'Sesi berakhir. Masuk lagi.',
      tabTips: 'Laporan', tabStats: 'Statistik', status: 'Status', urgency: 'Urgensi', all: 'Semua',
      refresh: 'Muat ulang', more: 'Muat lebih banyak', empty: 'Tidak ada laporan.', pick: 'Pilih laporan untuk melihat rinciannya.',
      urgent: 'MENDESAK', normal: 'biasa', 'st.new': 'baru', 'st.claimed': 'diklaim', 'st.in_progress': 'ditangani',
      'st.closed': 'ditutup', 'st.spam': 'spam', channel: 'Kanal', category: 'Kategori', regency: 'Kabupaten/Kota',
      destination: 'Tujuan', recruiter: 'Perekrut', description: 'Uraian', score: 'Skor urgensi', reasons: 'Alasan',
      claimedBy: 'Diklaim oleh', referral: 'Rujukan', mayContact: 'Boleh dihubungi', complete: 'Lengkap',
      created: 'Masuk', updated: 'Diperbarui', redacted: 'Dihapus (retensi)', yes: 'ya', no: 'tidak',
      erasureRequested: 'Pelapor minta dihapus', erasureDue: 'Isi dihapus pada', held: 'Ditahan (penyelidikan)', hold: 'Tahan kasus', release: 'Lepas tahanan',
      evidence: 'Bukti', noEvidence: 'Tidak ada bukti.', download: 'Unduh', thread: 'Percakapan', noThread: 'Belum ada pesan.',
      related: 'Laporan terkait', noRelated: 'Tidak ada.', actions: 'Tindakan',
      'to.claimed': 'Klaim', 'to.in_progress': 'Tangani', 'to.closed': 'Tutup', 'to.spam': 'Tandai spam', 'to.new': 'Kembalikan ke baru',
      reply: 'Balas ke pelapor (anonim)', send: 'Kirim balasan', note: 'Catatan internal', saveNote: 'Simpan catatan',
      queued: 'Balasan diantrikan untuk dikirim.', waiting: 'Balasan menunggu pelapor mengecek status dengan kode tanda terima.',
      saved: 'Tersimpan.', referTo: 'Rujuk ke', saveReferral: 'Catat rujukan',
      'dir.in': 'Pelapor', 'dir.out': 'Balasan', 'dir.note': 'Catatan', 'dir.system': 'Sistem',
      perWeek: 'Laporan per minggu', byRegency: 'Per kabupaten/kota', byCategory: 'Per kategori', total: 'Total laporan (tanpa spam)',
      noData: 'Belum ada data.', loading: 'Memuat…', failed: 'Gagal: '
    },
    en: {
      title: 'Waspada — Officer dashboard', lang: 'Bahasa Indonesia', logout: 'Log out', tokenLabel: 'Officer token',
      login: 'Log in', loginHint: 'The token is kept only in this tab and is gone when the tab closes.',
      badToken: 'Invalid or revoked token.', expired: 'Session ended. Log in again.',
      tabTips: 'Tips', tabStats: 'Statistics', status: 'Status', urgency: 'Urgency', all: 'All',
      refresh: 'Refresh', more: 'Load more', empty: 'No tips.', pick: 'Pick a tip to see its details.',
      urgent: 'URGENT', normal: 'normal', 'st.new': 'new', 'st.claimed': 'claimed', 'st.in_progress': 'in progress',
      'st.closed': 'closed', 'st.spam': 'spam', channel: 'Channel', category: 'Category', regency: 'Regency/city',
      destination: 'Destination', recruiter: 'Recruiter', description: 'Description', score: 'Urgency score', reasons: 'Reasons',
      claimedBy: 'Claimed by', referral: 'Referral', mayContact: 'May contact', complete: 'Complete',
      created: 'Received', updated: 'Updated', redacted: 'Redacted (retention)', yes: 'yes', no: 'no',
      erasureRequested: 'Reporter asked to erase', erasureDue: 'Content erased on', held: 'Held (investigation)', hold: 'Hold case', release: 'Release hold',
      evidence: 'Evidence', noEvidence: 'No evidence.', download: 'Download', thread: 'Thread', noThread: 'No messages yet.',
      related: 'Related tips', noRelated: 'None.', actions: 'Actions',
      'to.claimed': 'Claim', 'to.in_progress': 'In progress', 'to.closed': 'Close', 'to.spam': 'Mark spam', 'to.new': 'Back to new',
      reply: 'Reply to the reporter (anonymous)', send: 'Send reply', note: 'Internal note', saveNote: 'Save note',
      queued: 'Reply queued for delivery.', waiting: 'Reply waits until the reporter checks the case with their receipt.',
      saved: 'Saved.', referTo: 'Refer to', saveReferral: 'Record referral',
      'dir.in': 'Reporter', 'dir.out': 'Reply', 'dir.note': 'Note', 'dir.system': 'System',
      perWeek: 'Tips per week', byRegency: 'By regency/city', byCategory: 'By category', total: 'Total tips (excluding spam)',
      noData: 'No data yet.', loading: 'Loading…', failed: 'Failed: '
    }
  };
  var TRANSITIONS = { new: ['claimed', 'in_progress', 'closed', 'spam'], claimed: ['new', 'in_progress', 'closed', 'spam'],
    in_progress: ['claimed', 'closed', 'spam'], closed: ['in_progress'], spam: ['new'] };
  var REFERRALS = { sapa129: 'SAPA 129', kp2mi: 'KP2MI', lapor: 'SP4N-LAPOR!', peduli_wni: 'Peduli WNI (Kemlu)', police: 'Polisi / Police 110' };
  var SVGNS = 'http://www.w3.org/2000/svg';

  var lang = localStorage.getItem('waspada.lang') === 'en' ? 'en' : 'id';
  var token = sessionStorage.getItem('waspada.token');
  var state = { status: '', urgency: '', items: [], next: null, selected: null, tab: 'tips', urls: [] };

  function t(k) { return (T[lang] && T[lang][k]) || T.en[k] || k; }
  // Category and regency ids as the reporters saw them (from the flow catalogs); unknown ids as-is.
  var LABELS = (function () { try { return JSON.parse(document.getElementById('labels').textContent || '{}'); } catch (e) { return {}; } })();
  function label(v) { var l = v && LABELS[v]; return l ? (l[lang] || v) : v; }
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') e.textContent = String(v);
      else if (k === 'class') e.className = v;
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    });
    (kids || []).forEach(function (c) { if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function s(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function fmt(iso) {
    try { return new Date(iso).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'Asia/Pontianak', dateStyle: 'medium', timeStyle: 'short' }); }
    catch (e) { return iso; }
  }
  function say(node, msg, isError) { node.textContent = msg || ''; node.className = isError ? 'error' : 'muted'; }

  function api(path, opts) {
    opts = opts || {};
    var headers = { Authorization: 'Bearer ' + token };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, { method: opts.method || 'GET', headers: headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), cache: 'no-store' })
      .then(function (res) {
        if (res.status === 401) { logout(t('expired')); throw new Error(t('expired')); }
        if (!res.ok) return res.json().then(function (b) { throw new Error((b && b.error && b.error.message) || res.statusText); }, function () { throw new Error(res.statusText); });
        return res;
      });
  }

  // ---- language ----
  function applyLang() {
    document.documentElement.lang = lang;
    document.title = t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (n) { n.textContent = t(n.getAttribute('data-i18n')); });
    fillSelect($('f-status'), [''].concat(Object.keys(TRANSITIONS)), function (v) { return v ? t('st.' + v) : t('all'); }, state.status);
    fillSelect($('f-urgency'), ['', 'urgent', 'normal'], function (v) { return v ? t(v) : t('all'); }, state.urgency);
  }
  function fillSelect(sel, values, label, current) {
    clear(sel);
    values.forEach(function (v) { var o = el('option', { value: v, text: label(v) }); if (v === current) o.selected = true; sel.appendChild(o); });
  }

  // ---- session ----
  function showApp(on) { $('login').hidden = on; $('app').hidden = !on; $('logout').hidden = !on; }
  function logout(msg) {
    token = null; sessionStorage.removeItem('waspada.token');
    showApp(false); say($('login-msg'), msg || '', !!msg);
  }
  function login(ev) {
    ev.preventDefault();
    var v = $('token').value.trim();
    if (!v) return;
    token = v;
    fetch('/api/stats', { headers: { Authorization: 'Bearer ' + v }, cache: 'no-store' }).then(function (res) {
      if (!res.ok) { token = null; say($('login-msg'), t('badToken'), true); return; }
      sessionStorage.setItem('waspada.token', v); $('token').value = ''; say($('login-msg'), '');
      showApp(true); loadTips(true);
    }, function (e) { say($('login-msg'), t('failed') + e.message, true); });
  }

  // ---- list ----
  function loadTips(reset) {
    var q = new URLSearchParams();
    if (state.status) q.set('status', state.status);
    if (state.urgency) q.set('urgency', state.urgency);
    q.set('limit', '25');
    if (!reset && state.next) q.set('cursor', state.next);
    say($('list-msg'), t('loading'));
    return api('/api/tips?' + q.toString()).then(function (r) { return r.json(); }).then(function (page) {
      state.items = reset ? page.items : state.items.concat(page.items);
      state.next = page.nextCursor;
      renderList();
    }).catch(function (e) { say($('list-msg'), t('failed') + e.message, true); });
  }
  function badge(tip) { return el('span', { class: 'badge ' + (tip.urgency === 'urgent' ? 'urgent' : 'normal'), text: t(tip.urgency === 'urgent' ? 'urgent' : 'normal') }); }
  function statusBadge(tip) { return el('span', { class: 'badge status', 'data-status': tip.status, text: t('st.' + tip.status) }); }
  function renderList() {
    var ul = clear($('list'));
    say($('list-msg'), state.items.length ? '' : t('empty'));
    state.items.forEach(function (tip) {
      var b = el('button', { type: 'button', 'data-tip': tip.id, 'aria-current': state.selected && state.selected.id === tip.id ? 'true' : 'false', onclick: function () { openTip(tip.id); } }, [
        el('div', { class: 'row' }, [badge(tip), statusBadge(tip), el('strong', { text: tip.id })]),
        el('div', { class: 'muted', text: [label(tip.regency) || '—', label(tip.category) || '—', fmt(tip.createdAt)].join(' · ') }),
        el('p', { class: 'snippet', text: tip.description || '' })
      ]);
      ul.appendChild(el('li', null, [b]));
    });
    $('more').hidden = !state.next;
  }

  // ---- detail ----
  function revokeUrls() { state.urls.forEach(function (u) { URL.revokeObjectURL(u); }); state.urls = []; }
  function openTip(id) {
    return api('/api/tips/' + encodeURIComponent(id)).then(function (r) { return r.json(); }).then(function (tip) {
      state.selected = tip;
      state.items = state.items.map(function (x) { return x.id === tip.id ? tip : x; });
      renderList(); renderDetail();
      if (window.innerWidth < 900) $('detail').scrollIntoView({ behavior: 'smooth' });
    }).catch(function (e) { say($('detail-msg'), t('failed') + e.message, true); });
  }
  function field(dl, key, value) { dl.appendChild(el('dt', { text: t(key) })); dl.appendChild(el('dd', { text: value === null || value === undefined || value === '' ? '—' : String(value) })); }
  function renderDetail() {
    revokeUrls();
    var tip = state.selected, box = clear($('detail-body'));
    if (!tip) { box.appendChild(el('p', { class: 'muted', text: t('pick') })); return; }
    box.appendChild(el('h2', { class: 'row' }, [el('span', { text: tip.id }), badge(tip), statusBadge(tip)]));
    var dl = el('dl');
    field(dl, 'channel', tip.channel); field(dl, 'category', label(tip.category)); field(dl, 'regency', label(tip.regency));
    field(dl, 'destination', tip.destination); field(dl, 'recruiter', tip.recruiter); field(dl, 'description', tip.description);
    field(dl, 'score', tip.urgencyScore);
    dl.appendChild(el('dt', { text: t('reasons') }));
    dl.appendChild(el('dd', { class: 'chips' }, tip.urgencyReasons.length ? tip.urgencyReasons.map(function (r) { return el('span', { text: r }); }) : ['—']));
    field(dl, 'claimedBy', tip.claimedBy); field(dl, 'referral', tip.referral ? (REFERRALS[tip.referral] || tip.referral) : null);
    field(dl, 'mayContact', t(tip.mayContact ? 'yes' : 'no')); field(dl, 'complete', t(tip.complete ? 'yes' : 'no'));
    field(dl, 'created', fmt(tip.createdAt)); field(dl, 'updated', fmt(tip.updatedAt));
    if (tip.redactedAt) field(dl, 'redacted', fmt(tip.redactedAt));
    if (tip.erasureRequestedAt) field(dl, 'erasureRequested', fmt(tip.erasureRequestedAt));
    if (tip.erasureDueAt) field(dl, 'erasureDue', fmt(tip.erasureDueAt));
    field(dl, 'held', t(tip.hold ? 'yes' : 'no'));
    box.appendChild(dl);

    // evidence
    box.appendChild(el('h3', { text: t('evidence') + ' (' + tip.media.count + ')' }));
    var ev = el('div', { class: 'evidence', id: 'evidence' });
    if (!tip.media.items.length) ev.appendChild(el('p', { class: 'muted', text: t('noEvidence') }));
    tip.media.items.forEach(function (m) {
      var inline = /^image\/(jpeg|png|webp|gif)$/.test(m.mime);
      if (inline) {
        var img = el('img', { alt: t('evidence') + ' ' + m.id, 'data-media': m.id });
        ev.appendChild(img);
        api(m.url).then(function (r) { return r.blob(); }).then(function (b) { var u = URL.createObjectURL(b); state.urls.push(u); img.src = u; }).catch(function () { img.alt = t('failed') + m.id; });
      } else {
        ev.appendChild(el('button', { type: 'button', text: t('download') + ' ' + m.kind + ' (' + Math.round(m.size / 1024) + ' KB)', onclick: function () {
          api(m.url).then(function (r) { return r.blob(); }).then(function (b) {
            var u = URL.createObjectURL(b); var a = el('a', { href: u, download: tip.id + '-' + m.id });
            document.body.appendChild(a); a.click(); a.remove(); setTimeout(function () { URL.revokeObjectURL(u); }, 10000);
          });
        } }));
      }
    });
    box.appendChild(ev);

    // thread
    box.appendChild(el('h3', { text: t('thread') }));
    var th = el('ul', { class: 'thread', id: 'thread' });
    if (!tip.messages.length) th.appendChild(el('li', { class: 'muted', text: t('noThread') }));
    tip.messages.forEach(function (m) {
      th.appendChild(el('li', { class: m.direction }, [
        el('div', { class: 'muted', text: t('dir.' + m.direction) + (m.author ? ' · ' + m.author : '') + ' · ' + fmt(m.createdAt) }),
        el('div', { text: m.text === null ? '—' : m.text })
      ]));
    });
    box.appendChild(th);

    // related
    box.appendChild(el('h3', { text: t('related') }));
    var rel = el('div', { class: 'row', id: 'related' });
    if (!tip.related.length) rel.appendChild(el('span', { class: 'muted', text: t('noRelated') }));
    tip.related.forEach(function (id) { rel.appendChild(el('button', { type: 'button', text: id, onclick: function () { openTip(id); } })); });
    box.appendChild(rel);
    // actions
    box.appendChild(el('h3', { text: t('actions') }));
    var acts = el('div', { class: 'actions', id: 'status-actions' });
    (TRANSITIONS[tip.status] || []).forEach(function (to) {
      acts.appendChild(el('button', { type: 'button', class: to === 'spam' ? 'danger' : (to === 'claimed' ? 'primary' : ''), 'data-action': to, text: t('to.' + to), onclick: function () { patch({ status: to }); } }));
    });
    acts.appendChild(el('button', { type: 'button', 'data-action': 'hold', text: t(tip.hold ? 'release' : 'hold'), onclick: function () { patch({ hold: !tip.hold }); } }));
    box.appendChild(acts);
    var msg = el('p', { id: 'action-msg', class: 'muted' });
    var refSel = el('select', { id: 'referral', 'aria-label': t('referTo') });
    Object.keys(REFERRALS).forEach(function (k) { refSel.appendChild(el('option', { value: k, text: REFERRALS[k] })); });
    box.appendChild(el('div', { class: 'row' }, [el('label', { for: 'referral', class: 'muted', text: t('referTo') }), refSel,
      el('button', { type: 'button', text: t('saveReferral'), onclick: function () { patch({ referral: refSel.value }); } })]));
    var reply = el('textarea', { id: 'reply-text', maxlength: '4000', 'aria-label': t('reply') });
    box.appendChild(el('h3', { text: t('reply') })); box.appendChild(reply);
    box.appendChild(el('button', { type: 'button', class: 'primary', id: 'reply-send', text: t('send'), onclick: function () {
      var text = reply.value.trim(); if (!text) return;
      api('/api/tips/' + encodeURIComponent(tip.id) + '/replies', { method: 'POST', body: { text: text } }).then(function (r) { return r.json(); }).then(function (res) {
        reply.value = ''; return openTip(tip.id).then(function () { say($('action-msg'), t(res.delivered === 'queued' ? 'queued' : 'waiting')); });
      }).catch(function (e) { say(msg, t('failed') + e.message, true); });
    } }));
    var note = el('textarea', { id: 'note-text', maxlength: '4000', 'aria-label': t('note') });
    box.appendChild(el('h3', { text: t('note') })); box.appendChild(note);
    box.appendChild(el('button', { type: 'button', text: t('saveNote'), onclick: function () {
      var text = note.value.trim(); if (!text) return; patch({ note: text });
    } }));
    box.appendChild(msg);

  }
  function patch(body) {
    var tip = state.selected;
    return api('/api/tips/' + encodeURIComponent(tip.id), { method: 'PATCH', body: body }).then(function (r) { return r.json(); }).then(function (updated) {
      state.selected = updated;
      state.items = state.items.map(function (x) { return x.id === updated.id ? updated : x; });
      renderList(); renderDetail(); say($('action-msg'), t('saved'));
    }).catch(function (e) { say($('action-msg') || $('detail-msg'), t('failed') + e.message, true); });
  }

  // ---- charts ----
  function hbar(title, rows, id) {
    var card = el('section', { class: 'card', id: id }, [el('h2', { text: title })]);
    if (!rows.length) { card.appendChild(el('p', { class: 'muted', text: t('noData') })); return card; }
    var max = Math.max.apply(null, rows.map(function (r) { return r.count; })), rowH = 24, w = 360, labelW = 130, barW = w - labelW - 40;
    var svg = s('svg', { viewBox: '0 0 ' + w + ' ' + (rows.length * rowH + 4), role: 'img' });
    svg.appendChild(s('title', {}, title));
    rows.forEach(function (r, i) {
      var g = s('g', { 'data-label': r.key, 'data-count': r.count, transform: 'translate(0,' + (i * rowH + 2) + ')' });
      var name = label(r.key) || r.key;
      var shown = name.length > 20 ? name.slice(0, 19) + '…' : name;
      g.appendChild(s('text', { x: labelW - 6, y: 15, 'text-anchor': 'end', class: 'lbl' }, shown));
      var bw = Math.max(2, Math.round((r.count / max) * barW));
      g.appendChild(s('rect', { x: labelW, y: 3, width: bw, height: rowH - 8, rx: 3, class: 'bar' }));
      g.appendChild(s('text', { x: labelW + bw + 4, y: 15, class: 'cnt' }, r.count));
      g.appendChild(s('title', {}, name + ': ' + r.count));
      svg.appendChild(g);
    });
    card.appendChild(svg);
    return card;
  }
  function vbar(title, rows, id) {
    var card = el('section', { class: 'card', id: id }, [el('h2', { text: title })]);
    if (!rows.length) { card.appendChild(el('p', { class: 'muted', text: t('noData') })); return card; }
    rows = rows.slice(-26);
    var max = Math.max.apply(null, rows.map(function (r) { return r.count; })), h = 160, top = 16, base = top + h, colW = Math.max(18, Math.min(40, Math.floor(600 / rows.length))), w = Math.max(600, rows.length * colW + 10);
    var svg = s('svg', { viewBox: '0 0 ' + w + ' ' + (base + 40), role: 'img', preserveAspectRatio: 'xMinYMid meet' });
    svg.appendChild(s('title', {}, title));
    svg.appendChild(s('line', { x1: 0, x2: w, y1: base, y2: base, class: 'axis' }));
    rows.forEach(function (r, i) {
      var bh = Math.max(2, Math.round((r.count / max) * h)), x = 5 + i * colW;
      var g = s('g', { 'data-label': r.week, 'data-count': r.count });
      g.appendChild(s('rect', { x: x + 3, y: base - bh, width: colW - 6, height: bh, rx: 2, class: 'bar alt' }));
      g.appendChild(s('text', { x: x + colW / 2, y: base - bh - 3, 'text-anchor': 'middle', class: 'cnt' }, r.count));
      g.appendChild(s('text', { x: x + colW / 2, y: base + 14, 'text-anchor': 'middle', class: 'lbl' }, 'W' + r.week.slice(-2)));
      if (i === 0 || r.week.slice(0, 4) !== rows[i - 1].week.slice(0, 4)) g.appendChild(s('text', { x: x + colW / 2, y: base + 28, 'text-anchor': 'middle', class: 'lbl' }, r.week.slice(0, 4)));
      g.appendChild(s('title', {}, r.week + ': ' + r.count));
      svg.appendChild(g);
    });
    card.appendChild(svg);
    return card;
  }
  function loadStats() {
    var box = clear($('charts'));
    box.appendChild(el('p', { class: 'muted', text: t('loading') }));
    return api('/api/stats').then(function (r) { return r.json(); }).then(function (st) {
      clear(box);
      box.appendChild(el('section', { class: 'card wide row' }, [el('strong', { text: t('total') + ':' }), el('span', { id: 'total', text: String(st.total) })]));
      var week = vbar(t('perWeek'), st.byWeek, 'chart-week'); week.classList.add('wide'); box.appendChild(week);
      box.appendChild(hbar(t('byRegency'), st.byRegency, 'chart-regency'));
      box.appendChild(hbar(t('byCategory'), st.byCategory, 'chart-category'));
    }).catch(function (e) { clear(box); box.appendChild(el('p', { class: 'error', text: t('failed') + e.message })); });
  }

  function setTab(tab) {
    state.tab = tab;
    $('tab-tips').setAttribute('aria-selected', String(tab === 'tips'));
    $('tab-stats').setAttribute('aria-selected', String(tab === 'stats'));
    $('view-tips').hidden = tab !== 'tips';
    $('view-stats').hidden = tab !== 'stats';
    if (tab === 'stats') loadStats(); else loadTips(true);
  }

  // ---- wiring ----
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', function () { revokeUrls(); state.selected = null; logout(); });
  $('lang').addEventListener('click', function () {
    lang = lang === 'id' ? 'en' : 'id'; localStorage.setItem('waspada.lang', lang); applyLang();
    if (token) { renderList(); renderDetail(); if (state.tab === 'stats') loadStats(); }
  });
  $('f-status').addEventListener('change', function (e) { state.status = e.target.value; state.selected = null; renderDetail(); loadTips(true); });
  $('f-urgency').addEventListener('change', function (e) { state.urgency = e.target.value; state.selected = null; renderDetail(); loadTips(true); });
  $('refresh').addEventListener('click', function () { loadTips(true); });
  $('more').addEventListener('click', function () { loadTips(false); });
  $('tab-tips').addEventListener('click', function () { setTab('tips'); });
  $('tab-stats').addEventListener('click', function () { setTab('stats'); });
  applyLang();
  if (token) { showApp(true); loadTips(true); renderDetail(); } else { showApp(false); renderDetail(); }
})();
`;

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
  </div>
</main>
<script type="application/json" id="labels">${JSON.stringify(labels).replace(/</g, '\\u003c')}</script>
<script nonce="${scriptNonce}">${JS}</script>
</body>
</html>`;
}
