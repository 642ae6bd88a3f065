import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';

let dir: string;
let app: FastifyInstance;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-dash-'));
  const config = parseConfig({ DATABASE_PATH: join(dir, 'w.db'), DATA_DIR: dir, PORT: '0', ADMIN_TOKEN: 'a'.repeat(32) }, { secret: 'x'.repeat(64) });
  app = await buildApp(config, { logger: false, clock: () => 1_767_225_600_000 });
  await app.ready();
});
afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /dashboard', () => {
  it('serves one self-contained page under a strict nonce-based CSP', async () => {
    const res = await app.inject({ url: '/dashboard' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([a-f0-9]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.body).toContain(`<script nonce="${nonce}">`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // No external assets and no HTML built from data.
    expect(res.body).not.toMatch(/<(script|link|img)[^>]+(src|href)="(?!data:)/i);
    expect(res.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    // A fresh nonce per response.
    const again = await app.inject({ url: '/dashboard' });
    expect(again.headers['content-security-policy']).not.toBe(csp);
  });

  it('leaves other routes without the dashboard headers', async () => {
    const health = await app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-security-policy']).toBeUndefined();
    const api = await app.inject({ url: '/api/tips' });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-security-policy']).toBeUndefined();
  });
});
