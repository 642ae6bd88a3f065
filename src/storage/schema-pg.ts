/**
 * The PostgreSQL twin of `schema.ts` (DATABASE_URL): the same tables, columns, indexes and TypeScript
 * types, so repositories are written once (src/storage/storage.ts). Epoch milliseconds are bigint
 * (read back as numbers), booleans are boolean, JSON is jsonb. test/unit/storage/schema-parity.test.ts
 * fails when the two drift. Migrations: `npm run db:generate` writes both folders.
 *
 * The whole relational schema. Columns are snake_case in SQL and camelCase in TS.
 * Times are integer milliseconds since the epoch (UTC); the clock is always injected.
 *
 * Nothing here holds a reporter's raw address: `pseudonym` is an HMAC, and `contacts`
 * holds the address only AES-256-GCM encrypted.
 */
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** One row per sender and channel: the persisted flow state (plain JSON). */
export const conversations = pgTable('conversations', {
  pseudonym: text('pseudonym').primaryKey(),
  channel: text('channel').notNull(),
  state: jsonb('state').notNull(),
  locale: text('locale').notNull(),
  rev: integer('rev').notNull().default(0),
  messageCount: integer('message_count').notNull().default(0),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
}, (t) => [index('conversations_updated_idx').on(t.updatedAt)]);

/** Encrypted platform address per pseudonym, used only to relay officer replies. */
export const contacts = pgTable('contacts', {
  pseudonym: text('pseudonym').primaryKey(),
  channel: text('channel').notNull(),
  addressEnc: text('address_enc').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

export const tips = pgTable('tips', {
  id: text('id').primaryKey(),
  receiptHash: text('receipt_hash').notNull(),
  pseudonym: text('pseudonym'),
  channel: text('channel').notNull(),
  locale: text('locale').notNull(),
  category: text('category'),
  regency: text('regency'),
  destination: text('destination'),
  recruiter: text('recruiter'),
  description: text('description'),
  answers: jsonb('answers').notNull(),
  urgency: text('urgency').notNull(),
  urgencyScore: integer('urgency_score').notNull(),
  urgencyReasons: jsonb('urgency_reasons').notNull().$type<string[]>(),
  status: text('status').notNull().default('new'),
  complete: boolean('complete').notNull(),
  mayContact: boolean('may_contact').notNull().default(false),
  claimedBy: text('claimed_by'),
  referral: text('referral'),
  redactedAt: bigint('redacted_at', { mode: 'number' }),
  /** When the reporter asked (with the receipt) to erase this case; the content goes after a delay (src/tips/erasure.ts). */
  erasureRequestedAt: bigint('erasure_requested_at', { mode: 'number' }),
  /** Officers hold the case (an active investigation): a reporter's erase request waits while set. */
  hold: boolean('hold').notNull().default(false),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
}, (t) => [
  uniqueIndex('tips_receipt_hash_idx').on(t.receiptHash),
  index('tips_created_idx').on(t.createdAt, t.id),
  index('tips_status_idx').on(t.status),
  index('tips_urgency_idx').on(t.urgency),
]);

/** Follow-ups from the reporter, replies and notes from officers, system events. */
export const tipMessages = pgTable('tip_messages', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tipId: text('tip_id').notNull().references(() => tips.id, { onDelete: 'cascade' }),
  direction: text('direction').notNull(), // 'in' (reporter) | 'out' (officer reply) | 'note' | 'system'
  author: text('author'), // officer name for out/note; null for the reporter
  text: text('text'),
  delivered: boolean('delivered').notNull().default(false),
  seenByReporter: boolean('seen_by_reporter').notNull().default(false),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
}, (t) => [index('tip_messages_tip_idx').on(t.tipId, t.id)]);

export const media = pgTable('media', {
  id: text('id').primaryKey(),
  tipId: text('tip_id').references(() => tips.id, { onDelete: 'cascade' }),
  sha256: text('sha256').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  kind: text('kind').notNull(), // photo | document | voice
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
}, (t) => [index('media_tip_idx').on(t.tipId), index('media_sha_idx').on(t.sha256)]);

/** Normalised identifiers named in a tip, for linking repeated reports about one recruiter. */
export const tipLinks = pgTable('tip_links', {
  tipId: text('tip_id').notNull().references(() => tips.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(), // phone | agency | link | bank
  value: text('value').notNull(),
}, (t) => [uniqueIndex('tip_links_uq').on(t.tipId, t.kind, t.value), index('tip_links_value_idx').on(t.kind, t.value)]);

/** Durable work: alerts, relays, digests, escalations. Exactly once by idempotency key. */
export const outbox = pgTable('outbox', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind').notNull(),
  payload: jsonb('payload').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  status: text('status').notNull().default('pending'), // pending | delivered | dead
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
  /** Set while a worker is sending this row; a row still leased at start-up was cut off by a crash. */
  leasedUntil: bigint('leased_until', { mode: 'number' }),
  deliveredAt: bigint('delivered_at', { mode: 'number' }),
  platformMessageId: text('platform_message_id'),
  lastError: text('last_error'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
}, (t) => [uniqueIndex('outbox_key_idx').on(t.idempotencyKey), index('outbox_due_idx').on(t.status, t.nextAttemptAt)]);

/** Alert messages sent to task-force chats, so button presses and replies find their tip. */
export const alertMessages = pgTable('alert_messages', {
  channel: text('channel').notNull(),
  chatId: text('chat_id').notNull(),
  messageId: text('message_id').notNull(),
  tipId: text('tip_id').notNull().references(() => tips.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(), // alert | escalation | details
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
}, (t) => [uniqueIndex('alert_messages_uq').on(t.channel, t.chatId, t.messageId), index('alert_messages_tip_idx').on(t.tipId)]);

/** Inbound dedupe: one row per platform message ever processed. */
export const processedUpdates = pgTable('processed_updates', {
  channel: text('channel').notNull(),
  platformId: text('platform_id').notNull(),
  processedAt: bigint('processed_at', { mode: 'number' }).notNull(),
}, (t) => [uniqueIndex('processed_updates_uq').on(t.channel, t.platformId), index('processed_updates_at_idx').on(t.processedAt)]);

export const agencies = pgTable('agencies', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  nameNorm: text('name_norm').notNull(),
  licenseNumber: text('license_number').notNull(),
  licenseNorm: text('license_norm').notNull(),
  status: text('status').notNull(),
  validUntil: text('valid_until'),
  address: text('address'),
  city: text('city'),
  province: text('province'),
  source: text('source'),
  importedAt: bigint('imported_at', { mode: 'number' }).notNull(),
}, (t) => [uniqueIndex('agencies_license_norm_idx').on(t.licenseNorm), index('agencies_name_norm_idx').on(t.nameNorm)]);

/** Key/value metadata: registry source, last import, demo flag. */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const officers = pgTable('officers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  role: text('role').notNull(), // officer | admin
  telegramUserId: text('telegram_user_id'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});

export const apiTokens = pgTable('api_tokens', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  officerId: integer('officer_id').notNull().references(() => officers.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  revokedAt: bigint('revoked_at', { mode: 'number' }),
  lastUsedAt: bigint('last_used_at', { mode: 'number' }),
  /** Report regency ids this token may see (`officer:token --regency`); null = the whole province. */
  regencies: jsonb('regencies').$type<string[]>(),
}, (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash)]);

/** Regency task forces: report regency id → its team (TASKFORCE_ROUTES_FILE or the admin API). */
export const taskforceRoutes = pgTable('taskforce_routes', {
  regency: text('regency').primaryKey(),
  telegramChatId: text('telegram_chat_id').notNull(),
  officerIds: jsonb('officer_ids').notNull().$type<string[]>(),
  whatsappJid: text('whatsapp_jid'),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

export const auditLog = pgTable('audit_log', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  at: bigint('at', { mode: 'number' }).notNull(),
  actor: text('actor').notNull(), // "officer:3:Name", "telegram:12345", "system"
  action: text('action').notNull(),
  tipId: text('tip_id'),
  detail: jsonb('detail'),
}, (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_tip_idx').on(t.tipId)]);

/** Receipt look-up attempts, for throttling receipt guessing per sender. */
export const receiptAttempts = pgTable('receipt_attempts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  pseudonym: text('pseudonym').notNull(),
  at: bigint('at', { mode: 'number' }).notNull(),
  ok: boolean('ok').notNull(),
}, (t) => [index('receipt_attempts_idx').on(t.pseudonym, t.at)]);

/**
 * Baileys auth state (creds and signal keys), encrypted at rest (src/channels/whatsapp/wa-auth-store.ts):
 * `id` is a keyed hash of the key id (which names contacts' phone numbers and LIDs), `value` is
 * AES-256-GCM over the BufferJSON encoding, both under keys derived from PSEUDONYM_SECRET.
 * Per-contact rows (sessions, LID↔phone mappings, device lists…) unused for
 * `WA_CONTACT_KEYS_TTL_DAYS` are pruned by the daily retention run; `last_used_at` is null for
 * rows that are never pruned (credentials, own keys).
 */
export const waAuth = pgTable('wa_auth', {
  category: text('category').notNull(), // 'creds' or a SignalDataTypeMap key
  id: text('id').notNull(),
  value: text('value').notNull(),
  lastUsedAt: bigint('last_used_at', { mode: 'number' }),
}, (t) => [uniqueIndex('wa_auth_uq').on(t.category, t.id), index('wa_auth_used_idx').on(t.category, t.lastUsedAt)]);

/**
 * Identifiers seen in job-ad checks, only as keyed hashes (HMAC under a key derived from
 * `PSEUDONYM_SECRET`) with a count: officers see "checked N times" beside tips naming the same
 * identifier. Nothing about who checked or when is kept.
 */
export const adcheckSightings = pgTable('adcheck_sightings', {
  hash: text('hash').primaryKey(),
  count: integer('count').notNull(),
});

/**
 * Cluster-wide leases (src/storage/leases.ts): a periodic job (escalation, digest, retention) runs once
 * per interval across every instance on one database, and WhatsApp's one socket per number is held by
 * one instance. `until` is when the holder's claim lapses unless renewed; `last_run_at` is a job's last run.
 */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: bigint('until', { mode: 'number' }).notNull(),
  lastRunAt: bigint('last_run_at', { mode: 'number' }),
});
