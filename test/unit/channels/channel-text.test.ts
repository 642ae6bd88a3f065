import { describe, expect, it } from 'vitest';

/** No lone surrogate (half an emoji). */
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
import { escapeHtml, escapeWhatsApp, joinLines, splitText } from '../../../src/channels/channel-text.js';

describe('channel text (one home for every channel)', () => {
  it('never cuts an emoji in half when a long word must be split', () => {
    const text = '😀'.repeat(3000); // 6000 UTF-16 units, no spaces
    const parts = splitText(text, 4095);
    expect(parts.join('')).toBe(text);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4095);
      expect(wellFormed(p)).toBe(true);
    }
    const [line] = joinLines([`a${'😀'.repeat(10)}`], 6);
    expect(wellFormed(line)).toBe(true);
    expect(line.endsWith('…')).toBe(true);
  });

  it('escapes user text for HTML and WhatsApp alike in alerts and replies', () => {
    expect(escapeHtml('<b>"x"</b> & y')).toBe('&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; y');
    expect(escapeWhatsApp('*GRATIS* _visa_')).toBe('*\u200BGRATIS* _\u200Bvisa_');
    expect(splitText('   ', 10)).toEqual([]);
  });
});
