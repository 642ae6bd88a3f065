/**
 * A small scripted `ConversationRuntime` and in-memory `EvidenceStore` for channel tests that must
 * not depend on the real flows: it dedupes by (channel, platformMessageId) like the real one and
 * answers with predictable outputs, recording every inbound it handled.
 */
import { createHash } from 'node:crypto';
import type { ConversationRuntime, HandleResult } from '../../src/conversations/runtime-types.js';
import type { Inbound, MediaRef, Outbound } from '../../src/messages.js';
import type { EvidenceStore, StoreResult } from '../../src/tips/evidence-types.js';

export const MENU_OPTIONS = [
  { id: 'report', label: 'Laporkan' },
  { id: 'check_agency', label: 'Cek agen' },
  { id: 'status', label: 'Status laporan' },
];

export function createFakeRuntime(script?: (inbound: Inbound) => Outbound[]) {
  const seen = new Set<string>();
  const handled: Inbound[] = [];
  let failNext = 0;
  const defaultScript = (i: Inbound): Outbound[] => {
    const c = i.content;
    switch (c.kind) {
      case 'text':
        if (c.text === 'menu' || c.text === '/start') return [{ kind: 'choices', text: 'Apa yang ingin Anda lakukan?', options: MENU_OPTIONS }];
        return [{ kind: 'text', text: `Anda menulis: ${c.text}` }];
      case 'choice':
        return [{ kind: 'text', text: `Pilihan: ${c.choiceId}` }];
      case 'media':
        return [{ kind: 'text', text: `Bukti diterima (${c.media.kind}, ${c.media.size} byte)` }];
      case 'media_rejected':
        return [{ kind: 'text', text: `Bukti ditolak: ${c.reason}` }];
      case 'unsupported':
        return [{ kind: 'text', text: 'Maaf, jenis pesan ini tidak didukung.' }];
    }
  };
  const runtime: ConversationRuntime & { handled: Inbound[]; failNext(n?: number): void } = {
    handled,
    failNext(n = 1) {
      failNext = n;
    },
    /** Scripted channels accept evidence at any time; the real gate is tested through buildApp. */
    mediaGate: async () => 'ok',
    async handle(inbound): Promise<HandleResult | null> {
      if (failNext > 0) {
        failNext--;
        throw new Error('database is locked (scripted failure)');
      }
      const key = `${inbound.channel}:${inbound.platformMessageId}`;
      if (seen.has(key)) return null;
      seen.add(key);
      handled.push(inbound);
      return { outputs: (script ?? defaultScript)(inbound), prompt: { flow: 'menu', step: 'main', kind: 'none' }, locale: inbound.localeHint ?? 'id' };
    },
  };
  return runtime;
}

export function createMemoryEvidence(maxBytes = 1024 * 1024) {
  const stored: Array<{ bytes: Buffer; mime: string; kind: MediaRef['kind'] }> = [];
  const accepted = new Set(['image/jpeg', 'image/png', 'application/pdf', 'audio/ogg']);
  const evidence: EvidenceStore & { stored: typeof stored } = {
    stored,
    maxBytes,
    accepts: (mime) => accepted.has(mime),
    admit: () => 'ok',
    usage: () => ({ usedBytes: stored.reduce((n, s) => n + s.bytes.length, 0), quotaBytes: null, full: false }),
    recount: async () => stored.reduce((n, s) => n + s.bytes.length, 0),
    sweep: async () => 0,
    async store(bytes, mime, kind): Promise<StoreResult> {
      if (bytes.length > maxBytes) return { ok: false, reason: 'too_large' };
      stored.push({ bytes, mime, kind });
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { ok: true, media: { id: `m${stored.length}`, sha256, mime, size: bytes.length, kind } };
    },
    pathOf: (sha) => `/tmp/${sha}`,
  };
  return evidence;
}
