/**
 * The routing table on both backends (the storage port), with two handles on one database
 * standing for two instances: a changed routes file is applied once when both start together,
 * an admin's change on one instance reaches the other, and a scoped token's guard reads the tip's
 * regency. (Transfers go through the tips repository: regency-api.test.ts, through buildApp.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouting, type RoutingConfig } from '../../../src/routing/routing-service.js';
import { createTipScopeGuard } from '../../../src/routing/scope.js';
import type { Storage } from '../../../src/storage/storage.js';
import { addTip, fakeClock, tempStorage } from '../../helpers/alerts-fixtures.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const ROUTES = {
  sambas: { telegramChatId: '-100111', officerIds: ['8101'] },
  bengkayang: { telegramChatId: '-100222', officerIds: ['8201'], whatsappJid: '120363000000000001@g.us' },
};

function routesFile(routes: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-routes-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'routes.json');
  writeFileSync(file, JSON.stringify(routes));
  return file;
}

const config = (file?: string): RoutingConfig => ({
  TASKFORCE_ROUTES_FILE: file,
  TASKFORCE_PROVINCE_SEES_ALL: false,
  TASKFORCE_TELEGRAM_CHAT_ID: '-100777',
  TASKFORCE_OFFICER_IDS: ['7001'],
});

const replacements = async (s: Storage) =>
  (await s.run((q) => q.select().from(s.t.auditLog).where(eq(s.t.auditLog.action, 'routes.replace')))).map((r) => r.detail);

describe.each(['sqlite', 'postgres'] as const)('routing on %s', (backend) => {
  async function twoInstances(): Promise<[Storage, Storage]> {
    const t = await tempStorage(backend);
    cleanups.push(t.cleanup);
    // SQLite is one service per file: the second "instance" is the same service restarted.
    return [t.s, backend === 'postgres' ? t.another() : t.s];
  }

  it('applies a changed routes file once, even when two instances start together', async () => {
    const [a, b] = await twoInstances();
    const clock = fakeClock();
    const file = routesFile(ROUTES);
    const [ra, rb] = await Promise.all([
      createRouting({ storage: a, config: config(file), clock }),
      createRouting({ storage: b, config: config(file), clock }),
    ]);
    for (const r of [ra, rb]) {
      expect(r.routeFor('sambas')).toEqual(ROUTES.sambas);
      expect(r.routeFor('bengkayang')?.whatsappJid).toBe(ROUTES.bengkayang.whatsappJid);
      expect(r.mayAct('8101', 'sambas')).toBe('yes');
      expect(r.mayAct('8101', 'bengkayang')).toBe('other_team');
    }
    expect([ra.fileAppliedAt(), rb.fileAppliedAt()].filter((x) => x !== null)).toHaveLength(1);
    expect(await replacements(a)).toEqual([{ source: 'file', before: [], after: ['sambas', 'bengkayang'] }]);

    // A restart with the same file leaves the table (and any runtime edit) alone.
    await ra.replace({ sambas: ROUTES.sambas }, 'admin-token');
    const again = await createRouting({ storage: b, config: config(file), clock });
    expect(again.fileAppliedAt()).toBeNull();
    expect(Object.keys(again.list())).toEqual(['sambas']);
  });

  it("an admin's change on one instance reaches the other", async () => {
    const [a, b] = await twoInstances();
    const clock = fakeClock();
    const ra = await createRouting({ storage: a, config: config(), clock });
    const rb = await createRouting({ storage: b, config: config(), clock });
    expect(rb.routeFor('sambas')).toBeUndefined();
    await ra.replace(ROUTES, 'officer:1:Admin');
    expect(ra.teamIdOf('sambas')).toBe('sambas');
    await rb.reload();
    expect(rb.routeFor('sambas')?.telegramChatId).toBe('-100111');
    expect(rb.isTaskforceChat('-100222')).toBe(true);
    expect(await replacements(a)).toEqual([{ source: 'api', before: [], after: ['sambas', 'bengkayang'] }]);
  });

  it('hides a tip outside a scoped token’s regencies as missing', async () => {
    const [s] = await twoInstances();
    await addTip(s, { id: 'T-SAMBAS', regency: 'sambas' });
    await addTip(s, { id: 'T-KETAPANG', regency: 'ketapang' });
    const guard = createTipScopeGuard(s);
    const req = (id: string, regencies: string[] | null) => ({ params: { id }, officer: { regencies } }) as unknown as FastifyRequest;
    await expect(guard(req('T-SAMBAS', ['sambas']))).resolves.toBeUndefined();
    await expect(guard(req('T-KETAPANG', null))).resolves.toBeUndefined();
    await expect(guard(req('T-KETAPANG', ['sambas']))).rejects.toMatchObject({ statusCode: 404 });
    await expect(guard(req('T-NONE', ['sambas']))).resolves.toBeUndefined(); // the route answers its own 404
  });
});
