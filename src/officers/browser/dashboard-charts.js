// @ts-check
/**
 * The dashboard's charts: plain SVG drawn with `createElementNS` and `textContent` (no library, no
 * HTML strings), so they work under the page's CSP and on a slow officer laptop. A classic script
 * loaded before dashboard.js; it only defines {@link dashboardCharts}.
 */

/**
 * @typedef {{ key: string, count: number }} CountRow
 * @typedef {{ week: string, count: number }} WeekRow
 * @typedef {{ team: string, regencies: string[], tips: number, urgent: number, urgentShare: number, open: number,
 *   claimed: number, medianMinutesToClaim: number | null }} TeamRow
 */

/**
 * Chart builders bound to the page's element helper, label lookup and translations.
 *
 * @param {{
 *   el: (tag: string, attrs?: Record<string, any> | null, kids?: (Node | string | null | undefined)[]) => HTMLElement,
 *   label: (v: string | null | undefined) => string | null | undefined,
 *   t: (k: string) => string,
 * }} deps
 */
// biome-ignore lint/correctness/noUnusedVariables: a global for dashboard.js (classic scripts share one scope).
function dashboardCharts({ el, label, t }) {
  const SVGNS = 'http://www.w3.org/2000/svg';
  /**
   * An SVG element for the charts.
   * @param {string} tag
   * @param {Record<string, string | number>} [attrs]
   * @param {string | number} [text]
   */
  function s(tag, attrs, text) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  /** @param {string} title @param {string} id */
  function chartCard(title, id) {
    return el('section', { class: 'card', id }, [el('h2', { text: title })]);
  }
  /** Horizontal bars (by regency, by category). @param {string} title @param {CountRow[]} rows @param {string} id */
  function hbar(title, rows, id) {
    const card = chartCard(title, id);
    if (!rows.length) {
      card.appendChild(el('p', { class: 'muted', text: t('noData') }));
      return card;
    }
    const max = Math.max(...rows.map((r) => r.count));
    const rowH = 24;
    const w = 360;
    const labelW = 130;
    const barW = w - labelW - 40;
    const svg = s('svg', { viewBox: `0 0 ${w} ${rows.length * rowH + 4}`, role: 'img' });
    svg.appendChild(s('title', {}, title));
    rows.forEach((r, i) => {
      const g = s('g', { 'data-label': r.key, 'data-count': r.count, transform: `translate(0,${i * rowH + 2})` });
      const name = label(r.key) || r.key;
      const shown = name.length > 20 ? `${name.slice(0, 19)}…` : name;
      g.appendChild(s('text', { x: labelW - 6, y: 15, 'text-anchor': 'end', class: 'lbl' }, shown));
      const bw = Math.max(2, Math.round((r.count / max) * barW));
      g.appendChild(s('rect', { x: labelW, y: 3, width: bw, height: rowH - 8, rx: 3, class: 'bar' }));
      g.appendChild(s('text', { x: labelW + bw + 4, y: 15, class: 'cnt' }, r.count));
      g.appendChild(s('title', {}, `${name}: ${r.count}`));
      svg.appendChild(g);
    });
    card.appendChild(svg);
    return card;
  }
  /** Columns per ISO week (the last 26). @param {string} title @param {WeekRow[]} all @param {string} id */
  function vbar(title, all, id) {
    const card = chartCard(title, id);
    if (!all.length) {
      card.appendChild(el('p', { class: 'muted', text: t('noData') }));
      return card;
    }
    const rows = all.slice(-26);
    const max = Math.max(...rows.map((r) => r.count));
    const h = 160;
    const base = 16 + h;
    const colW = Math.max(18, Math.min(40, Math.floor(600 / rows.length)));
    const w = Math.max(600, rows.length * colW + 10);
    const svg = s('svg', { viewBox: `0 0 ${w} ${base + 40}`, role: 'img', preserveAspectRatio: 'xMinYMid meet' });
    svg.appendChild(s('title', {}, title));
    svg.appendChild(s('line', { x1: 0, x2: w, y1: base, y2: base, class: 'axis' }));
    rows.forEach((r, i) => {
      const bh = Math.max(2, Math.round((r.count / max) * h));
      const x = 5 + i * colW;
      const mid = x + colW / 2;
      const g = s('g', { 'data-label': r.week, 'data-count': r.count });
      g.appendChild(s('rect', { x: x + 3, y: base - bh, width: colW - 6, height: bh, rx: 2, class: 'bar alt' }));
      g.appendChild(s('text', { x: mid, y: base - bh - 3, 'text-anchor': 'middle', class: 'cnt' }, r.count));
      g.appendChild(s('text', { x: mid, y: base + 14, 'text-anchor': 'middle', class: 'lbl' }, `W${r.week.slice(-2)}`));
      if (i === 0 || r.week.slice(0, 4) !== rows[i - 1].week.slice(0, 4)) {
        g.appendChild(s('text', { x: mid, y: base + 28, 'text-anchor': 'middle', class: 'lbl' }, r.week.slice(0, 4)));
      }
      g.appendChild(s('title', {}, `${r.week}: ${r.count}`));
      svg.appendChild(g);
    });
    card.appendChild(svg);
    return card;
  }
  /**
   * One row per task-force team (the province and each regency team): a bar of its tips with the
   * urgent part darker, and its figures beside — the province's view of who carries what.
   * @param {string} title
   * @param {TeamRow[]} rows
   * @param {string} id
   * @param {(team: string) => string} teamName
   */
  function teams(title, rows, id, teamName) {
    const card = chartCard(title, id);
    if (!rows.length) {
      card.appendChild(el('p', { class: 'muted', text: t('noData') }));
      return card;
    }
    const max = Math.max(1, ...rows.map((r) => r.tips));
    const rowH = 40;
    const w = 600;
    const labelW = 170;
    const barW = w - labelW - 20;
    const svg = s('svg', { viewBox: `0 0 ${w} ${rows.length * rowH + 4}`, role: 'img' });
    svg.appendChild(s('title', {}, title));
    rows.forEach((r, i) => {
      const name = teamName(r.team);
      const shown = name.length > 26 ? `${name.slice(0, 25)}…` : name;
      const claim = r.medianMinutesToClaim === null ? '–' : `${r.medianMinutesToClaim} ${t('minutes')}`;
      const facts = `${r.tips} ${t('reports')} · ${Math.round(r.urgentShare * 100)}% ${t('urgentShare')} · ${t('medianClaim')} ${claim} · ${r.open} ${t('open')}`;
      const g = s('g', { 'data-label': r.team, 'data-count': r.tips, 'data-open': r.open, transform: `translate(0,${i * rowH + 2})` });
      g.appendChild(s('text', { x: labelW - 6, y: 15, 'text-anchor': 'end', class: 'lbl' }, shown));
      const bw = Math.max(2, Math.round((r.tips / max) * barW));
      const uw = Math.round((r.urgent / max) * barW);
      g.appendChild(s('rect', { x: labelW, y: 3, width: bw, height: 16, rx: 3, class: 'bar alt' }));
      if (uw > 0) g.appendChild(s('rect', { x: labelW, y: 3, width: uw, height: 16, rx: 3, class: 'bar' }));
      g.appendChild(s('text', { x: labelW, y: 33, class: 'cnt' }, facts));
      g.appendChild(s('title', {}, `${name}: ${facts}`));
      svg.appendChild(g);
    });
    card.appendChild(svg);
    return card;
  }
  return { hbar, vbar, teams };
}
