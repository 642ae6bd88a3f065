import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compactAsset } from '../../../src/http/browser-asset.js';

describe('compactAsset', () => {
  it('drops comment-only lines and indentation but keeps code, strings and inline casts', () => {
    const src = [
      '// @ts-check',
      '/**',
      ' * Docs the phone never needs.',
      ' */',
      '(() => {',
      '  /** @type {number} */',
      "  const url = 'https://example.org/x'; // trailing stays",
      '  const el = /** @type {HTMLElement} */ (document.body);',
      '  /* one-liner */ const y = 2;',
      '})();',
    ].join('\n');
    expect(compactAsset(src)).toBe(
      [
        '(() => {',
        "const url = 'https://example.org/x'; // trailing stays",
        'const el = /** @type {HTMLElement} */ (document.body);',
        'const y = 2;',
        '})();',
      ].join('\n'),
    );
  });

  it('leaves every shipped browser script valid JavaScript', () => {
    for (const file of ['src/channels/web/browser/chat-page.js', 'src/officers/browser/dashboard.js', 'src/officers/browser/dashboard-charts.js']) {
      const compact = compactAsset(readFileSync(file, 'utf8'));
      expect(() => new Script(compact, { filename: file })).not.toThrow();
      expect(compact.length).toBeLessThan(readFileSync(file, 'utf8').length);
    }
  });
});
