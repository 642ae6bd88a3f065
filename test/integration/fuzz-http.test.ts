/**
 * Fuzzing the public HTTP surface with fast-check: whatever arrives, the service answers with a
 * 2xx or a 4xx in the contract's error shape, never a 5xx, never crashes, and the database stays
 * intact with no half-written tips. Replay a failure with the seed fast-check prints.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { dbProblems, HEALTHY_DB } from '../helpers/db-checks.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
let t: TestApp;
/** Real conversation tokens, so some random input reaches the engine and not only validation. */
const tokens: string[] = [];

beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', OPEN_PER_ADDRESS_PER_MINUTE: '100000', OPEN_PER_MINUTE: '1000000', UPLOADS_PER_ADDRESS_PER_MINUTE: '100000', UPLOADS_PER_MINUTE: '1000000', BODY_LIMIT_BYTES: '65536', MEDIA_MAX_BYTES: '200000' });
  for (let i = 0; i < 4; i++) {
    const res = await t.app.inject({ method: 'POST', url: '/api/chat', payload: {} });
    tokens.push(res.json().conversation);
  }
  // One conversation sits inside a report at the evidence step, so uploads are real evidence.
  const steps: Array<Record<string, string>> = [
    { choice: 'report' }, { choice: 'someone_else' }, { choice: 'job_abroad' }, { choice: 'sambas' }, { text: 'Malaysia' }, { choice: 'skip' },
    { text: 'Ditawari kerja di kebun sawit, diminta bayar 2 juta' },
  ];
  for (const s of steps) await t.app.inject({ method: 'POST', url: '/api/chat', payload: { conversation: tokens[0], ...s } });
});

afterAll(async () => {
  await t?.close();
});

/** Every answer is either a chat reply or the contract's error shape; never 5xx. */
function expectContractAnswer(res: { statusCode: number; body: string; headers: Record<string, unknown> }, input: unknown) {
  const where = `input ${JSON.stringify(input)?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  expect(String(res.headers['content-type']), where).toMatch(/^application\/json/);
  const json = JSON.parse(res.body);
  if (res.statusCode >= 400) {
    expect(json, where).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  } else {
    expect(json, where).toEqual({
      conversation: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      replies: expect.any(Array),
      prompt: expect.objectContaining({ flow: expect.any(String), step: expect.any(String), kind: expect.any(String) }),
      locale: expect.stringMatching(/^(id|en)$/),
    });
  }
}

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'menu', 'batal', 'bahasa', 'help', 'status', '1', '99', 'report', '__proto__', 'constructor', '<script>alert(1)</script>', '7K3F-Q9XM-2HDA', 'ya', 'tidak'),
  fc.integer({ min: 3990, max: 4010 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 60_000, max: 80_000 }).map((n) => 'x'.repeat(n)),
);
const anyValue = fc.oneof(weirdString, fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }));
const conversation = fc.oneof(fc.constantFrom(...[0, 1, 2, 3].map((i) => () => tokens[i] as string)).map((f) => f()), anyValue);

const chatBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    { conversation, text: anyValue, choice: fc.oneof(anyValue, fc.constantFrom('report', 'status', 'learn', 'menu', 'skip', 'done', 'confirm', 'yes', 'no', 'id', 'en')) },
    { requiredKeys: [] },
  ),
  fc
    .tuple(fc.record({ conversation, text: weirdString }, { requiredKeys: ['text'] }), fc.dictionary(fc.string({ maxLength: 10 }), anyValue, { maxKeys: 3 }))
    .map(([a, b]) => ({ ...b, ...a })),
  fc.record({ conversation, text: fc.string({ unit: 'grapheme', maxLength: 300 }) }),
);

describe('fuzzing POST /api/chat', () => {
  it('answers any JSON body with a reply or a JSON 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(chatBody, async (body) => {
        const res = await t.app.inject({ method: 'POST', url: '/api/chat', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        expectContractAnswer(res, body);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers malformed bodies and odd content types with a JSON 4xx', async () => {
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', '');
    const raw = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
      fc.constantFrom('', '{', '}', 'null', '[]', '"x"', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"text":"a","text":"b"}'),
    );
    await fc.assert(
      fc.asyncProperty(raw, contentType, async (payload, type) => {
        const res = await t.app.inject({ method: 'POST', url: '/api/chat', headers: type ? { 'content-type': type } : {}, payload });
        expectContractAnswer(res, { type, payload });
      }),
      { numRuns: RUNS },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** Hand-built multipart so boundaries, headers and truncation can be wrong on purpose. */
type Part = { name: string; filename?: string; type?: string; body: Uint8Array };
function multipart(boundary: string, parts: Part[], truncate: number | null): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.type !== undefined) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), Buffer.from(p.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const all = Buffer.concat(chunks);
  return truncate === null ? all : all.subarray(0, Math.floor(all.length * truncate));
}

describe('fuzzing POST /api/chat/media', () => {
  // A conversation of its own at the evidence step: the /api/chat fuzz above may have moved
  // tokens[0] on (uploads elsewhere are refused before anything is read, by design).
  let evidenceToken = '';
  beforeAll(async () => {
    const first = await t.app.inject({ method: 'POST', url: '/api/chat', payload: {} });
    evidenceToken = first.json().conversation;
    const steps: Array<Record<string, string>> = [
      { choice: 'report' }, { choice: 'someone_else' }, { choice: 'job_abroad' }, { choice: 'sambas' }, { text: 'Malaysia' }, { choice: 'skip' },
      { text: 'Ditawari kerja di kebun sawit, diminta bayar 2 juta' },
    ];
    for (const s of steps) await t.app.inject({ method: 'POST', url: '/api/chat', payload: { conversation: evidenceToken, ...s } });
  });

  it('answers any multipart with a reply or a JSON 4xx, never a 5xx', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.uint8Array({ maxLength: 500 }).map((b) => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...b])), // JPEG magic, garbage after
      fc.uint8Array({ maxLength: 500 }).map((b) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...b])), // PNG magic
      fc.uint8Array({ maxLength: 500 }).map((b) => Uint8Array.from([...Buffer.from('%PDF-1.4\n'), ...b])),
      fc.constant(new Uint8Array(210_000)),
    );
    const mime = fc.constantFrom('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'audio/ogg', 'audio/ogg; codecs=opus', 'text/html', 'image/svg+xml', 'application/x-msdownload', '', 'IMAGE/JPEG', 'image/jpeg; x=1');
    const part = fc.record({
      name: fc.oneof(fc.constantFrom('conversation', 'file', 'extra'), fc.string({ maxLength: 10 }).filter((s) => !/["\r\n]/.test(s))),
      filename: fc.option(fc.string({ maxLength: 20 }).filter((s) => !/["\r\n]/.test(s)), { nil: undefined }),
      type: fc.option(mime, { nil: undefined }),
      body: bytes,
    });
    const tokenPart = fc.oneof(
      fc.constant(() => evidenceToken),
      fc.constant(() => tokens[1] as string),
      fc.string({ maxLength: 50 }).map((s) => () => s),
    ).map((f) => ({ name: 'conversation', body: new Uint8Array(Buffer.from(f())) }));
    const filePart = fc.record({ name: fc.constant('file'), filename: fc.constant('x.bin'), type: mime, body: bytes });
    const request = fc.record({
      boundary: fc.oneof(fc.constant('----waspadaFuzz'), fc.stringMatching(/^[A-Za-z0-9'()+_,-./:=?]{1,70}$/)),
      headerBoundary: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), weight: 1 }),
      parts: fc.oneof(
        fc.tuple(tokenPart, filePart).map(([a, b]): Part[] => [a, b]),
        fc.tuple(filePart, tokenPart).map(([a, b]): Part[] => [a, b]),
        fc.array(fc.oneof(part, tokenPart, filePart), { maxLength: 6 }).map((a): Part[] => a),
      ),
      truncate: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 }),
      contentType: fc.constantFrom('multipart/form-data', 'multipart/form-data', 'multipart/mixed', 'application/json', 'text/plain'),
    });
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const body = multipart(r.boundary, r.parts, r.truncate);
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/chat/media',
          headers: { 'content-type': `${r.contentType}; boundary=${r.headerBoundary ?? r.boundary}` },
          payload: body,
        });
        expectContractAnswer(res, { ...r, parts: r.parts.map((p) => ({ ...p, body: p.body.length })) });
        seen.add(res.statusCode);
      }),
      { numRuns: RUNS },
    );
    // The property reached both the turn (200) and the refusals, not only one of them.
    expect(seen.has(200)).toBe(true);
    expect([...seen].some((s) => s >= 400)).toBe(true);
  });

  it('refuses a multipart body whose boundary does not match its header with a 400', async () => {
    const body = multipart('----real', [{ name: 'conversation', body: new Uint8Array(Buffer.from(tokens[1] as string)) }], null);
    const res = await t.app.inject({ method: 'POST', url: '/api/chat/media', headers: { 'content-type': 'multipart/form-data; boundary=other' }, payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_multipart');
  });

  it('leaves an intact database with no half-written tips', async () => {
    const health = await t.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(await dbProblems(t.app)).toEqual(HEALTHY_DB);
  });
});
