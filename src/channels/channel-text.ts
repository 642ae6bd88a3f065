/**
 * Channel text helpers, one home for each (Telegram, WhatsApp, the task-force alerts and the web
 * page all use these): HTML escaping, WhatsApp marker neutralising, and an emoji-safe splitter.
 * Pure functions; no platform imports.
 */

/**
 * Escape for HTML text and double-quoted attributes, and for Telegram's `parse_mode: 'HTML'`:
 * `&`, `<`, `>` and `"`.
 *
 * ```ts
 * escapeHtml('Pak <Budi> & "co"'); // 'Pak &lt;Budi&gt; &amp; &quot;co&quot;'
 * ```
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const ZWSP = '\u200B';

/**
 * WhatsApp has no escaping: a zero-width space after a marker (`*`, `_`, `~`, `` ` ``) that could
 * open a span stops WhatsApp pairing it, so user text cannot restyle a message. Markers inside
 * words (snake_case, URLs) are left alone: WhatsApp ignores those anyway.
 *
 * ```ts
 * escapeWhatsApp('*free* visa'); // '*\u200Bfree* visa'
 * ```
 */
export function escapeWhatsApp(text: string): string {
  return text.replace(/(^|[\s([{"'.,:;!?-])([*_~`]+)(?=\S)/gu, (_m, before: string, markers: string) => {
    return `${before}${[...markers].join(ZWSP)}${ZWSP}`;
  });
}

/**
 * Split text into parts of at most `max` UTF-16 units (what Telegram and WhatsApp count),
 * preferring paragraph, then line, then word boundaries, and never cutting an emoji or any other
 * surrogate pair in half. Blank text yields no parts (platforms reject empty messages).
 *
 * ```ts
 * splitText('a '.repeat(3000), 4096).length; // 2
 * ```
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  if (text.trim().length === 0) return parts;
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    const part = rest.slice(0, cut).trimEnd();
    parts.push(part.length > 0 ? part : rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim().length > 0) parts.push(rest);
  return parts;
}

/**
 * Join lines into messages of at most `max` UTF-16 units, breaking between lines; a single line
 * longer than that is cut (emoji-safe) with an ellipsis. For lists such as the daily digest.
 */
export function joinLines(lines: string[], max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = raw.length > max ? `${cutAt(raw, max - 1)}…` : raw;
    const next = cur ? `${cur}\n${line}` : line;
    if (next.length > max) {
      out.push(cur);
      cur = line;
    } else cur = next;
  }
  if (cur) out.push(cur);
  return out;
}

/** The first `n` UTF-16 units of `s`, one fewer if that would split a surrogate pair. */
function cutAt(s: string, n: number): string {
  const code = s.charCodeAt(n - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}
