/**
 * Help contacts as deployment data (`CONTACTS_FILE`, default `flows/contacts.json`): each with its
 * source and the date it was verified, validated with zod at start. The shipped file holds the
 * sourced national numbers (DOMAIN.md §3) and clearly marked placeholders for the local offices,
 * which the deploying office fills in. Placeholders are never shown to reporters.
 *
 * The contacts are rendered into the catalogs' `help.contacts`, `help.checked` and
 * `check.local_contacts` texts at boot, so the flows stay plain data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { z } from 'zod';
import type { Catalogs } from '../engine/types.js';
import type { Locale } from '../messages.js';
import { humanDate } from '../conversations/wib-dates.js';

/** The shipped contacts: national numbers and local placeholders. */
export const DEFAULT_CONTACTS_FILE = join(projectRoot, 'flows', 'contacts.json');

const text = z.object({ id: z.string().min(1), en: z.string().min(1) });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const contactSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case'),
    scope: z.enum(['national', 'local']),
    /** Not filled in yet: never shown to reporters; logged at start. */
    placeholder: z.boolean().default(false),
    /** Offered after an agency is not found in the registry (e.g. BP3MI, Disnaker). */
    useWhenAgencyNotFound: z.boolean().default(false),
    name: text,
    note: text.optional(),
    channels: z.array(
      z.object({ kind: z.enum(['phone', 'whatsapp', 'sms', 'web', 'app', 'address']), value: z.string().min(1).max(200), note: text.optional() }),
    ),
    source: z.string().min(1),
    verifiedOn: isoDate.nullable(),
  })
  .superRefine((c, ctx) => {
    if (!c.placeholder && c.channels.length === 0) ctx.addIssue({ code: 'custom', message: `contact "${c.id}": no channels (fill them in, or mark it "placeholder": true)` });
    if (!c.placeholder && !c.verifiedOn) ctx.addIssue({ code: 'custom', message: `contact "${c.id}": "verifiedOn" is required once filled in` });
  });

export const contactsFileSchema = z.object({ $comment: z.string().optional(), contacts: z.array(contactSchema).min(1) });
export type Contact = z.infer<typeof contactSchema>;

/**
 * Read and validate the contacts file; throws one message naming the file and every problem.
 *
 * ```ts
 * const contacts = loadContacts(config.CONTACTS_FILE);
 * ```
 */
export function loadContacts(path: string): Contact[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`CONTACTS_FILE: cannot read ${path}: ${(err as Error).message}`);
  }
  const parsed = contactsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`CONTACTS_FILE: ${path} is not valid:\n  ${problems.join('\n  ')}`);
  }
  const ids = new Set<string>();
  for (const c of parsed.data.contacts) {
    if (ids.has(c.id)) throw new Error(`CONTACTS_FILE: ${path}: contact id "${c.id}" appears twice`);
    ids.add(c.id);
  }
  return parsed.data.contacts;
}

const KIND: Record<Locale, Record<Contact['channels'][number]['kind'], string>> = {
  id: { phone: 'telepon', whatsapp: 'WhatsApp', sms: 'SMS', web: '', app: 'aplikasi', address: 'alamat' },
  en: { phone: 'call', whatsapp: 'WhatsApp', sms: 'SMS', web: '', app: 'app', address: 'address' },
};

function line(c: Contact, l: Locale): string {
  const ways = c.channels.map((ch) => [KIND[l][ch.kind], ch.value, ch.note ? `(${ch.note[l]})` : ''].filter(Boolean).join(' '));
  return `• ${c.name[l]}${c.note ? ` — ${c.note[l]}` : ''}: ${ways.join(', ')}`;
}

/**
 * Render the contacts into the catalogs' help texts (both locales). Returns the placeholders
 * still to fill in, for the start-up log.
 */
export function applyContacts(catalogs: Catalogs, contacts: Contact[]): { placeholders: Contact[] } {
  const shown = contacts.filter((c) => !c.placeholder);
  const placeholders = contacts.filter((c) => c.placeholder);
  const oldest = shown.map((c) => c.verifiedOn as string).sort()[0];
  for (const l of Object.keys(catalogs) as Locale[]) {
    const cat = catalogs[l];
    const local = shown.filter((c) => c.scope === 'local');
    const national = shown.filter((c) => c.scope === 'national');
    cat['help.contacts'] = [l === 'id' ? 'NOMOR BANTUAN:' : 'HELP LINES:', ...local.map((c) => line(c, l)), ...national.map((c) => line(c, l))].join('\n');
    if (oldest) {
      cat['help.checked'] =
        l === 'id'
          ? `Nomor diperiksa: ${humanDate(oldest, l)}. Jika ada nomor yang salah, beri tahu petugas.`
          : `Numbers checked: ${humanDate(oldest, l)}. If a number is wrong, please tell the officers.`;
    }
    const forCheck = shown.filter((c) => c.useWhenAgencyNotFound);
    // Without a filled-in local office, the national migrant-worker line answers.
    const fallback = forCheck.length ? forCheck : shown.filter((c) => c.id === 'kp2mi');
    cat['check.local_contacts'] = fallback.length
      ? [l === 'id' ? 'Tanyakan di sini sebelum membayar apa pun:' : 'Ask here before paying anything:', ...fallback.map((c) => line(c, l))].join('\n')
      : '';
  }
  return { placeholders };
}
