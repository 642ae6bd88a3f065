/**
 * Across rooms: a report made in the web chat reaches the officer API without the reporter's
 * identity, and an officer's reply waits for the reporter's status check (may_contact = no).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import { webChat } from '../../helpers/app.js';
import { rawSql } from '../../helpers/raw-sql.js';

const ADMIN = 'a'.repeat(32);
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

it('shows a web-chat report to officers without reporter identity, and relays a reply on status check', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-pipeline-'));
  const config = parseConfig({ DATABASE_PATH: join(dir, 'w.db'), DATA_DIR: dir, PORT: '0', ADMIN_TOKEN: ADMIN }, { secret: 'x'.repeat(64) });
  const app = await buildApp(config, { logger: false, clock: () => Date.UTC(2026, 10, 28, 3) });
  await app.ready();
  cleanup = async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };

  const chat = webChat(app);
  await chat.start();
  await chat.choose('report');
  await chat.choose('someone_else');
  await chat.choose('job_abroad');
  await chat.say('Sambas');
  await chat.say('Malaysia');
  await chat.say('Pak Anton 0812-1111-2222');
  await chat.say('Ditawari kerja di kebun sawit, diminta bayar 2 juta');
  await chat.choose('skip');
  await chat.choose('no');
  await chat.choose('home_area');
  await chat.choose('one');
  await chat.choose('weeks');
  await chat.choose('no');
  await chat.choose('no');
  await chat.choose('no');
  await chat.choose('confirm');
  const receipt = chat.text().match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0] as string;
  expect(receipt).toBeDefined();
  const secretRow = (await rawSql(app).get('select pseudonym, receipt_hash from tips')) as { pseudonym: string; receipt_hash: string };

  const auth = { authorization: `Bearer ${ADMIN}` };
  const list = await app.inject({ url: '/api/tips', headers: auth });
  expect(list.statusCode).toBe(200);
  const [tip] = list.json().items;
  expect(tip).toMatchObject({ channel: 'web', regency: 'sambas', recruiter: 'Pak Anton 0812-1111-2222', mayContact: false, status: 'new' });
  const one = await app.inject({ url: `/api/tips/${tip.id}`, headers: auth });
  const csv = await app.inject({ url: '/api/tips.csv', headers: auth });
  for (const body of [list.body, one.body, csv.body]) {
    expect(body).not.toContain(secretRow.pseudonym);
    expect(body).not.toContain(secretRow.receipt_hash);
    expect(body).not.toContain(chat.conversation as string);
    expect(body).not.toContain(receipt);
  }

  const reply = await app.inject({ method: 'POST', url: `/api/tips/${tip.id}/replies`, headers: auth, payload: { text: 'Terima kasih, tim kami menindaklanjuti.' } });
  expect(reply.json().delivered).toBe('waiting_for_reporter');

  await chat.choose('status');
  await chat.say(receipt);
  expect(chat.text()).toContain('Terima kasih, tim kami menindaklanjuti.');
});
