/**
 * A small PNG that decodes to 16000×16000 pixels, sent to the REAL service (a child process) at a
 * report's evidence step, three at once: the service refuses it from its header (pixel limit) and
 * its peak memory stays within +300 MB of what it used before (it grew by ~1.5 GB per upload
 * before the limit).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { filesUnder, pixelBombPng } from '../../helpers/evidence-files.js';
import { httpChat, type ServiceProcess, startService } from '../../helpers/service-process.js';

let dir: string;
let svc: ServiceProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-bomb-'));
  svc = await startService({ DATA_DIR: dir, DATABASE_PATH: join(dir, 'w.db'), PSEUDONYM_SECRET: 'b'.repeat(64) });
}, 30_000);

afterAll(async () => {
  await svc?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

it('refuses a 16000×16000 pixel bomb without decoding it; peak memory stays within +300 MB', async () => {
  const bomb = await pixelBombPng(16_000);
  expect(bomb.length).toBeLessThan(1024 * 1024);
  const chats = [httpChat(svc.base), httpChat(svc.base), httpChat(svc.base)];
  const conversations: string[] = [];
  for (const chat of chats) {
    await chat.start();
    await chat.choose('report');
    await chat.choose('someone_else');
    await chat.choose('job_abroad');
    await chat.choose('sambas');
    await chat.say('Malaysia');
    await chat.choose('skip');
    const r = await chat.say('Ditawari kerja, paspor ditahan');
    expect(r.prompt.kind).toBe('media');
    conversations.push(r.conversation);
  }
  const before = await memoryOf(svc.child.pid as number);
  const answers = await Promise.all(
    conversations.map(async (conversation) => {
      const form = new FormData();
      form.set('conversation', conversation);
      form.set('file', new Blob([bomb], { type: 'image/png' }), 'foto.png');
      const res = await fetch(`${svc.base}/api/chat/media`, { method: 'POST', body: form });
      return { status: res.status, body: (await res.json()) as { replies: Array<{ text: string }> } };
    }),
  );
  const after = await memoryOf(svc.child.pid as number);
  for (const a of answers) {
    expect(a.status).toBe(200);
    expect(a.body.replies[0].text).toMatch(/File terlalu besar/);
  }
  const growth = after.peak - before.rss;
  console.log(`pixel bomb ×3: RSS before ${Math.round(before.rss / 1048576)} MB, peak after ${Math.round(after.peak / 1048576)} MB (+${Math.round(growth / 1048576)} MB)`);
  expect(growth).toBeLessThan(300 * 1024 * 1024);
  expect(filesUnder(join(dir, 'media'))).toEqual([]);
  // Still serving.
  expect((await fetch(`${svc.base}/health`)).status).toBe(200);
}, 60_000);
