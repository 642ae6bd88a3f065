import { describe, expect, it } from 'vitest';
import { chatPageCsp, QUICK_EXIT_URL, renderChatPage } from '../../../../src/channels/web/page.js';

const nonce = 'AbCdEfGh1234+/==';

describe('renderChatPage', () => {
  const html = renderChatPage({ locale: 'id', nonce });

  it('is one small self-contained document', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(30 * 1024);
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).not.toContain('@import');
    expect(html).not.toContain('localStorage');
    expect(html).not.toContain('document.cookie');
  });

  it('puts the nonce on every script and style and uses no inline style attribute', () => {
    const tags = html.match(/<(script|style)\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThanOrEqual(2);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/<[a-z][^>]*\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it('never writes server or user text as HTML', () => {
    expect(html).not.toContain('innerHTML');
    expect(html).not.toContain('insertAdjacentHTML');
    expect(html).not.toContain('document.write');
  });

  it('starts in Indonesian, or English when asked', () => {
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Keluar cepat');
    expect(html).toContain('Kami tidak meminta nama Anda');
    const en = renderChatPage({ locale: 'en', nonce });
    expect(en).toContain('<html lang="en">');
    expect(en).toMatch(/data-t="exit">Quick exit</);
  });

  it('knows the neutral quick-exit destination and sends no referrer there', () => {
    expect(html).toContain(JSON.stringify(QUICK_EXIT_URL));
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
  });

  it('rejects a nonce that could break out of the attribute or header', () => {
    expect(() => renderChatPage({ locale: 'id', nonce: 'x" onload="alert(1)' })).toThrow(/nonce/);
    expect(() => chatPageCsp("abc'; script-src *")).toThrow(/nonce/);
  });
});

describe('chatPageCsp', () => {
  it('is the strict policy the page is built for', () => {
    expect(chatPageCsp(nonce)).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; ` +
        "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
  });
});
