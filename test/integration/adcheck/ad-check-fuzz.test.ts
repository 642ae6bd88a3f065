/**
 * Fuzzing `POST /api/ad-check` (fast-check): any body gets the contract's answer or a JSON 4xx,
 * never a 5xx; any advert text — random words, numbers, company forms, licence words — gets an
 * answer whose phones are country-coded digits and whose agencies carry the register's statuses.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' }, { ocr: false });
});
afterAll(async () => t.close());

const word = fc.oneof(
  fc.constantFrom('PT', 'P.T.', 'CV', 'Yayasan', 'LPK', 'Agensi Pekerjaan', 'Sdn', 'Bhd', 'izin', 'No.', 'SIP3MI', 'KEP', 'a/n', 'BRI', 'DANA', 'WA', 'wa.me/', '@', 'Contoh', 'Maju', 'Jaya', 'FIKTIF', '(', ')', 'Kamboja', 'tanpa', 'pengalaman', 'biaya', 'DP', 'jalan tikus', '\n', '•', 'https://', '.com'),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 0, max: 99_999_999_999 }).map(String),
  fc.constantFrom('0812-3456-7890', '+60 12-345 6789', '08', '62', '…', '\u0000', '\u202e', '😀'),
);
const advert = fc.array(word, { maxLength: 60 }).map((ws) => ws.join(' '));

describe('fuzzing POST /api/ad-check', () => {
  it('answers any advert text in the contract shape', async () => {
    await fc.assert(
      fc.asyncProperty(advert, async (text) => {
        const res = await t.app.inject({ method: 'POST', url: '/api/ad-check', payload: { text } });
        if (!text.trim()) {
          expect(res.statusCode).toBe(400);
          return;
        }
        expect(res.statusCode, text).toBe(200);
        const body = res.json();
        for (const p of body.identifiers.phones) expect(p).toMatch(/^6[02]\d{7,12}$/);
        for (const a of body.agencies) expect(['active', 'suspended', 'revoked', 'expired']).toContain(a.status);
        for (const f of body.flags) expect(f.text.length).toBeGreaterThan(20);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers any JSON body with a JSON 2xx/4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ text: fc.jsonValue({ maxDepth: 2 }) })), async (body) => {
        const res = await t.app.inject({ method: 'POST', url: '/api/ad-check', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().error.code).toEqual(expect.any(String));
      }),
      { numRuns: RUNS },
    );
  });
});
