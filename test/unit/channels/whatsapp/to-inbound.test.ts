import { describe, expect, it } from 'vitest';
import { lidNeedingLookup, senderAddress, toInbound } from '../../../../src/channels/whatsapp/to-inbound.js';
import { text, waMessage } from '../../../helpers/fake-baileys.js';

const now = () => 42;
const PN = '6281234567890@s.whatsapp.net';
const LID = '128394857261234@lid';
const TASKFORCE = '120363040000000001@g.us';

describe('toInbound', () => {
  it('turns a plain text into an Inbound with the sender JID, message id and time in ms', () => {
    const r = toInbound(waMessage({ from: PN, id: 'ABC123', message: text('halo'), ts: 1_760_000_123 }), { now });
    expect(r).toEqual({
      kind: 'inbound',
      inbound: { channel: 'whatsapp', address: PN, platformMessageId: 'ABC123', receivedAt: 1_760_000_123_000, content: { kind: 'text', text: 'halo' } },
    });
  });

  it('reads extendedTextMessage (links, replies) and a numbered reply as plain text', () => {
    const r = toInbound(
      waMessage({ from: PN, message: { extendedTextMessage: { text: '2', contextInfo: { stanzaId: 'X' } } } }),
      { now },
    );
    expect(r.kind === 'inbound' && r.inbound.content).toEqual({ kind: 'text', text: '2' });
  });

  it('unwraps disappearing and view-once messages', () => {
    const eph = toInbound(waMessage({ from: PN, message: { ephemeralMessage: { message: text('rahasia') } } }), { now });
    expect(eph.kind === 'inbound' && eph.inbound.content).toEqual({ kind: 'text', text: 'rahasia' });
    const once = toInbound(
      waMessage({ from: PN, message: { viewOnceMessageV2: { message: { imageMessage: { mimetype: 'image/jpeg', fileLength: 900, caption: 'paspor' } } } } }),
      { now },
    );
    expect(once).toMatchObject({ kind: 'media', media: { kind: 'photo', mime: 'image/jpeg', fileLength: 900, caption: 'paspor' } });
    const v1 = toInbound(waMessage({ from: PN, message: { viewOnceMessage: { message: { imageMessage: { mimetype: 'image/png' } } } } }), { now });
    expect(v1).toMatchObject({ kind: 'media', media: { kind: 'photo', mime: 'image/png' } });
  });

  it('detects documents (with caption wrapper), voice notes and videos as media to download', () => {
    const doc = toInbound(
      waMessage({
        from: PN,
        message: { documentWithCaptionMessage: { message: { documentMessage: { mimetype: 'application/pdf', fileLength: 5000, caption: 'kontrak' } } } },
      }),
      { now },
    );
    expect(doc).toMatchObject({ kind: 'media', envelope: { address: PN }, media: { kind: 'document', mime: 'application/pdf', fileLength: 5000, caption: 'kontrak' } });
    const ptt = toInbound(waMessage({ from: PN, message: { audioMessage: { mimetype: 'audio/ogg; codecs=opus', ptt: true, fileLength: 300 } } }), { now });
    expect(ptt).toMatchObject({ kind: 'media', media: { kind: 'voice', mime: 'audio/ogg; codecs=opus', fileLength: 300 } });
    const video = toInbound(waMessage({ from: PN, message: { videoMessage: { mimetype: 'video/mp4' } } }), { now });
    expect(video).toMatchObject({ kind: 'media', media: { kind: 'document', mime: 'video/mp4' } });
  });

  it('ignores our own messages, status updates, broadcasts, newsletters and other groups', () => {
    expect(toInbound(waMessage({ from: PN, fromMe: true, message: text('x') }), { now })).toEqual({ kind: 'ignored', reason: 'from_me' });
    expect(toInbound(waMessage({ from: 'status@broadcast', participant: PN, message: text('x') }), { now })).toEqual({ kind: 'ignored', reason: 'broadcast' });
    expect(toInbound(waMessage({ from: '120363000000000000@newsletter', message: text('x') }), { now })).toEqual({ kind: 'ignored', reason: 'newsletter' });
    expect(toInbound(waMessage({ from: '120363999@g.us', participant: PN, message: text('x') }), { now, taskforceJid: TASKFORCE })).toEqual({ kind: 'ignored', reason: 'group' });
  });

  it('hands task-force group text to the task-force hook, with the quoted alert id', () => {
    const r = toInbound(
      waMessage(
        { from: TASKFORCE, id: 'G1', participant: LID, message: { extendedTextMessage: { text: 'saya ambil', contextInfo: { stanzaId: 'ALERT1' } } } },
        { participantAlt: '6281111111111@s.whatsapp.net' },
      ),
      { now, taskforceJid: TASKFORCE },
    );
    expect(r).toEqual({
      kind: 'taskforce',
      message: { chatJid: TASKFORCE, senderJid: '6281111111111@s.whatsapp.net', text: 'saya ambil', platformMessageId: 'G1', quotedMessageId: 'ALERT1', receivedAt: 1_760_000_000_000 },
    });
  });

  it('ignores reactions, edits/revokes and decryption stubs; marks stickers and locations unsupported', () => {
    expect(toInbound(waMessage({ from: PN, message: { reactionMessage: { text: '👍', key: { id: 'x' } } } }), { now })).toEqual({ kind: 'ignored', reason: 'reaction' });
    expect(toInbound(waMessage({ from: PN, message: { protocolMessage: { type: 0 } } }), { now })).toEqual({ kind: 'ignored', reason: 'protocol' });
    expect(toInbound(waMessage({ from: PN, message: {} }), { now })).toMatchObject({ kind: 'inbound', inbound: { content: { kind: 'unsupported' } } });
    const stub = waMessage({ from: PN, message: text('x') });
    stub.message = null;
    expect(toInbound(stub, { now })).toEqual({ kind: 'ignored', reason: 'empty' });
    expect(toInbound(waMessage({ from: PN, message: { stickerMessage: {} } }), { now })).toMatchObject({ inbound: { content: { kind: 'unsupported', note: 'sticker' } } });
    expect(toInbound(waMessage({ from: PN, message: { locationMessage: { degreesLatitude: 0 } } }), { now })).toMatchObject({ inbound: { content: { kind: 'unsupported', note: 'location' } } });
  });

  it('maps button and list replies to choices by id', () => {
    const r = toInbound(waMessage({ from: PN, message: { buttonsResponseMessage: { selectedButtonId: 'report' } } }), { now });
    expect(r.kind === 'inbound' && r.inbound.content).toEqual({ kind: 'choice', choiceId: 'report' });
  });

  it('uses the message time, or the injected clock when there is none', () => {
    const m = waMessage({ from: PN, message: text('x') });
    m.messageTimestamp = null;
    expect(toInbound(m, { now })).toMatchObject({ kind: "inbound", inbound: { receivedAt: 42 } });
  });
});

describe('one person = one address (LID handling)', () => {
  it('prefers the phone-number JID Baileys gives as remoteJidAlt for a LID-addressed chat', () => {
    const viaLid = toInbound(waMessage({ from: LID, message: text('a') }, { remoteJidAlt: PN, addressingMode: 'lid' }), { now });
    const viaPn = toInbound(waMessage({ from: PN, message: text('b') }, { remoteJidAlt: LID, addressingMode: 'pn' }), { now });
    expect(viaLid.kind === 'inbound' && viaLid.inbound.address).toBe(PN);
    expect(viaPn.kind === 'inbound' && viaPn.inbound.address).toBe(PN);
  });

  it('uses a known LID→PN mapping, else the LID itself', () => {
    const m = waMessage({ from: LID, message: text('a') });
    expect(lidNeedingLookup(m)).toBe(LID);
    const mapped = toInbound(m, { now, pnForLid: (l) => (l === LID ? PN : undefined) });
    expect(mapped.kind === 'inbound' && mapped.inbound.address).toBe(PN);
    const unmapped = toInbound(m, { now });
    expect(unmapped.kind === 'inbound' && unmapped.inbound.address).toBe(LID);
  });

  it('drops device suffixes so every device of a person is the same address', () => {
    expect(senderAddress({ remoteJid: '6281234567890:12@s.whatsapp.net' })).toBe(PN);
    expect(senderAddress({ remoteJid: '128394857261234:3@lid' })).toBe(LID);
    expect(lidNeedingLookup(waMessage({ from: PN, message: text('x') }))).toBeUndefined();
  });
});
