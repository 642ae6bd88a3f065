// @ts-check
/**
 * The dashboard's audit tab (admins): who did what to which case, and when — newest first, paged
 * with "older". A classic script loaded before dashboard.js; it only defines {@link dashboardAudit}.
 * Every value reaches the DOM through `textContent` (via `el`).
 */

/**
 * @typedef {{ id: number, at: string, atWib: string, actor: string, action: string, tipId: string | null, detail: unknown }} AuditItem
 */

/**
 * @param {{
 *   el: (tag: string, attrs?: Record<string, any> | null, kids?: (Node | string | null | undefined)[]) => HTMLElement,
 *   t: (k: string) => string,
 *   api: (path: string) => Promise<Response>,
 *   fmt: (iso: string) => string,
 *   root: HTMLElement,
 * }} deps
 */
// biome-ignore lint/correctness/noUnusedVariables: a global for dashboard.js (classic scripts share one scope).
function dashboardAudit({ el, t, api, fmt, root }) {
  /** @type {string | null} */
  let next = null;
  const msg = el('p', { class: 'muted', role: 'status' });
  const body = el('tbody');
  const table = el('table', { class: 'audit' }, [
    el('thead', null, [el('tr', null, ['auditAt', 'auditActor', 'auditAction', 'auditTip', 'auditDetail'].map((k) => el('th', { text: t(k) })))]),
    body,
  ]);
  const more = /** @type {HTMLButtonElement} */ (el('button', { type: 'button', id: 'audit-more', text: t('auditOlder'), hidden: '' }));
  root.textContent = '';
  root.appendChild(el('section', { class: 'card' }, [msg, el('div', { class: 'audit-wrap' }, [table]), more]));

  /** @param {boolean} fresh */
  function load(fresh) {
    if (fresh) {
      next = null;
      body.textContent = '';
    }
    msg.textContent = t('loading');
    api(`/api/admin/audit?limit=50${next ? `&cursor=${encodeURIComponent(next)}` : ''}`)
      .then((res) => res.json())
      .then(
        /** @param {{ items: AuditItem[], nextCursor: string | null }} data */ (data) => {
          for (const a of data.items) {
            const detail = a.detail == null ? '' : JSON.stringify(a.detail);
            body.appendChild(el('tr', null, [`${fmt(a.at)} WIB`, a.actor, a.action, a.tipId || '', detail].map((v) => el('td', { text: v }))));
          }
          next = data.nextCursor;
          more.hidden = !next;
          msg.textContent = body.childElementCount ? '' : t('auditEmpty');
        },
        (e) => {
          msg.textContent = e instanceof Error && /admin/i.test(e.message) ? t('auditAdminOnly') : String(e instanceof Error ? e.message : e);
        },
      );
  }
  more.addEventListener('click', () => load(false));
  return { load };
}
