/**
 * The tip lifecycle's one owner on a real SQLite file: one state machine for every status move,
 * and one decision whether an officer's reply can be pushed (opt-in, contact kept, channel pushes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ChannelPort, createChannelRegistry } from '../../../src/channels/channel-registry.js';
import { outbox } from '../../../src/storage/schema.js';
import { canTransition, TRANSITIONS } from '../../../src/tips/tip-status.js';
import { insertContact, insertTip, tempDb, tipsRepositoryFor } from '../../helpers/alerts-fixtures.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const port = (channel: ChannelPort['channel'], pushes?: boolean): ChannelPort => ({
  channel,
  status: () => 'up',
  send: async () => ['1'],
  ...(pushes === undefined ? {} : { pushes }),
});

function setup() {
  const t = tempDb();
  cleanups.push(t.cleanup);
  const channels = createChannelRegistry();
  channels.register(port('web', false));
  channels.register(port('telegram'));
  return { ...t, channels, repo: tipsRepositoryFor(t.db, channels) };
}

describe('tip status machine', () => {
  it('allows only the workflow table, and a claim button only takes an unclaimed case', () => {
    const { db, repo } = setup();
    insertTip(db, { id: 'T1' });
    expect(repo.transition('T1', { to: 'claimed', by: 'Sari', onlyFrom: ['new'] }, 1)).toEqual({ kind: 'ok', from: 'new', claimedBy: 'Sari' });
    // A second press (another officer) is refused and says who holds it.
    expect(repo.transition('T1', { to: 'claimed', by: 'Budi', onlyFrom: ['new'] }, 2)).toEqual({ kind: 'conflict', from: 'claimed', claimedBy: 'Sari' });
    expect(repo.transition('T1', { to: 'closed', by: 'Sari' }, 3)).toMatchObject({ kind: 'ok', from: 'claimed' });
    // Closed goes nowhere but back to work; spam needs a reopen first.
    expect(canTransition('closed', 'spam')).toBe(false);
    expect(repo.transition('T1', { to: 'spam', by: 'Sari' }, 4)).toMatchObject({ kind: 'conflict', from: 'closed' });
    expect(repo.transition('T1', { to: 'closed', by: 'Sari' }, 5)).toMatchObject({ kind: 'same' });
    expect(repo.transition('T1', { to: 'in_progress', by: 'Budi' }, 6)).toEqual({ kind: 'ok', from: 'closed', claimedBy: 'Sari' });
    expect(repo.transition('NOPE', { to: 'closed', by: 'Sari' }, 7)).toEqual({ kind: 'not_found' });
    expect(Object.keys(TRANSITIONS)).toEqual(['new', 'claimed', 'in_progress', 'closed', 'spam']);
  });
});

describe('officer replies', () => {
  it('are queued only for an opted-in reporter on a channel that can push', () => {
    const { db, repo } = setup();
    insertTip(db, { id: 'TG', mayContact: true, pseudonym: 'p-tg' });
    insertTip(db, { id: 'WEB', mayContact: true, pseudonym: 'p-web', channel: 'web' });
    insertTip(db, { id: 'WA', mayContact: true, pseudonym: 'p-wa', channel: 'whatsapp' });
    insertTip(db, { id: 'NO', mayContact: false, pseudonym: 'p-no' });
    insertContact(db, 'p-tg', 'telegram', 'enc-tg');
    insertContact(db, 'p-web', 'web', 'enc-web');
    insertContact(db, 'p-wa', 'whatsapp', 'enc-wa'); // WhatsApp is not configured here
    insertContact(db, 'p-no', 'telegram', 'enc-no');
    const reply = (id: string) => repo.reply(id, { author: 'Sari', actor: 'officer:1:Sari', text: `untuk ${id}` }, 10)?.delivered;
    expect(['TG', 'WEB', 'WA', 'NO'].map(reply)).toEqual(['queued', 'waiting_for_reporter', 'waiting_for_reporter', 'waiting_for_reporter']);
    expect(repo.reply('NOPE', { author: 'Sari', actor: 'x', text: 'x' }, 10)).toBeUndefined();
    const queued = db.select().from(outbox).all();
    expect(queued).toHaveLength(1);
    const id = (queued[0].payload as { tipMessageId: number }).tipMessageId;
    expect(repo.relayTarget(id)).toEqual({ tipId: 'TG', text: 'untuk TG', channel: 'telegram', addressEnc: 'enc-tg', locale: 'id' });
    repo.markDelivered(id);
    expect(repo.relayTarget(id)).toBeUndefined();
  });
});
