/**
 * A Telegram Bot API emulator on 127.0.0.1:0, so tests can run the REAL grammY client (real HTTP,
 * real JSON/multipart payloads) without the network.
 *
 * It serves `/bot<token>/<method>` (JSON, multipart/form-data, urlencoded and query-string
 * params, as grammY sends them) and `/file/bot<token>/<path>` (bytes registered by the test),
 * records every call, and lets a test push updates (long polling) or post them to the webhook
 * that `setWebhook` registered. Faults (429 with `retry_after`, 500) can be injected per method.
 *
 * ```ts
 * const emu = await startBotApiEmulator();            // token '123:ABC'
 * const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
 * emu.pushUpdate(emu.textMessage(42, 'halo'));
 * const sent = await emu.waitFor((c) => c.method === 'sendMessage' && c.params.chat_id === 42);
 * await emu.close();
 * ```
 *
 * Waiting is event-driven: `waitFor` resolves the moment a matching call is recorded (or at once
 * if one already was), never by sleeping.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Bot API call. `params` are normalised: numbers are numbers, JSON fields are parsed. */
export type RecordedCall = {
  method: string;
  token: string;
  params: Record<string, unknown>;
  /** Uploaded files (multipart parts with a filename), by field name or attach id. */
  files: Record<string, Buffer>;
  /** HTTP status the emulator answered with (200 = delivered). */
  status: number;
  /** The `result` returned on success. */
  result?: unknown;
  /** Index in `calls`, to wait only for calls after a point. */
  seq: number;
};

export type Fault =
  | { status: 429; retry_after: number; description?: string }
  | { status: number; description?: string };

export type WaitOptions = {
  timeoutMs?: number;
  /** Only consider calls with `seq >= since` (use `emu.mark()`). */
  since?: number;
  /** Also match calls the emulator failed on purpose (fault injection) or rejected. */
  includeFailed?: boolean;
};

type Json = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: updates are plain Bot API JSON built by tests.
export type Update = Record<string, any> & { update_id: number };

type Waiter = { pred: (c: RecordedCall) => boolean; opts: Required<Omit<WaitOptions, 'timeoutMs'>>; resolve: (c: RecordedCall) => void };

const ALLOWED_HTML_TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji',
]);

/** Builders of realistic updates with incrementing `update_id` (each builder has its own counter). */
export function createUpdateBuilder(firstUpdateId = 1, botId = 123) {
  let updateId = firstUpdateId;
  let messageId = 1000;
  let callbackId = 1;
  const now = () => Math.floor(Date.now() / 1000);
  type MsgOpts = { from?: Json; chatType?: 'private' | 'group' | 'supergroup' | 'channel'; languageCode?: string; caption?: string };
  const chatOf = (chatId: number, type: MsgOpts['chatType'] = 'private'): Json =>
    type === 'private' ? { id: chatId, type, first_name: 'Pelapor' } : { id: chatId, type, title: 'Satgas TPPO' };
  const fromOf = (chatId: number, o: MsgOpts): Json =>
    o.from ?? { id: Math.abs(chatId), is_bot: false, first_name: 'Pelapor', language_code: o.languageCode ?? 'id' };
  const message = (chatId: number, o: MsgOpts, body: Json): Update => ({
    update_id: updateId++,
    message: { message_id: messageId++, date: now(), chat: chatOf(chatId, o.chatType), from: fromOf(chatId, o), ...body },
  });
  return {
    /** The next update_id this builder will use. */
    peekUpdateId: () => updateId,
    textMessage(chatId: number, text: string, o: MsgOpts = {}): Update {
      const entities = /^\/\w+/.test(text) ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
      return message(chatId, o, entities ? { text, entities } : { text });
    },
    callbackQuery(chatId: number, data: string, messageIdOfKeyboard = 1, o: MsgOpts = {}): Update {
      return {
        update_id: updateId++,
        callback_query: {
          id: String(callbackId++),
          from: fromOf(chatId, o),
          chat_instance: `ci${chatId}`,
          data,
          message: {
            message_id: messageIdOfKeyboard,
            date: now(),
            chat: chatOf(chatId, o.chatType),
            from: { id: botId, is_bot: true, first_name: 'Waspada' },
            text: 'Pilih:',
          },
        },
      };
    },
    photoMessage(chatId: number, fileId: string, size: number, o: MsgOpts = {}): Update {
      return message(chatId, o, {
        photo: [
          { file_id: `${fileId}-thumb`, file_unique_id: `u${fileId}t`, width: 90, height: 67, file_size: Math.min(size, 1200) },
          { file_id: fileId, file_unique_id: `u${fileId}`, width: 1280, height: 960, file_size: size },
        ],
        ...(o.caption ? { caption: o.caption } : {}),
      });
    },
    documentMessage(chatId: number, fileId: string, size: number, mimeType = 'application/pdf', fileName = 'bukti.pdf', o: MsgOpts = {}): Update {
      return message(chatId, o, {
        document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: fileName, mime_type: mimeType, file_size: size },
        ...(o.caption ? { caption: o.caption } : {}),
      });
    },
    voiceMessage(chatId: number, fileId: string, size: number, duration = 5, o: MsgOpts = {}): Update {
      return message(chatId, o, {
        voice: { file_id: fileId, file_unique_id: `u${fileId}`, duration, mime_type: 'audio/ogg', file_size: size },
      });
    },
  };
}

export type UpdateBuilder = ReturnType<typeof createUpdateBuilder>;

const defaultBuilder = createUpdateBuilder(1);
/** Module-level builders sharing one counter (prefer the emulator's own, `emu.textMessage`). */
export const { textMessage, callbackQuery, photoMessage, documentMessage, voiceMessage } = defaultBuilder;

/**
 * Start an emulator. `token` is the only token it accepts (others get 401 like Telegram).
 */
export async function startBotApiEmulator(opts: { token?: string; now?: () => number } = {}) {
  /** The emulator's clock (ms): message dates and the 48-hour delete window follow it. */
  const clockMs = opts.now ?? Date.now;
  const token = opts.token ?? '123:ABC';
  const botId = Number(token.split(':')[0]);
  const botUser = {
    id: botId,
    is_bot: true,
    first_name: 'Waspada Test',
    username: 'waspada_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
  const calls: RecordedCall[] = [];
  const queue: Update[] = [];
  const pollers = new Set<() => void>();
  /** Offsets of the long polls now waiting. */
  const pollOffsets = new Map<() => void, number>();
  const pollListeners = new Set<(offset: number) => void>();
  const waiters = new Set<Waiter>();
  const faults: Array<{ method: string; fault: Fault; remaining: number }> = [];
  const files = new Map<string, { bytes: Buffer; path: string; size: number }>();
  const commands = new Map<string, unknown[]>();
  let nextMessageId = 1;
  /** Messages the bot sent, so deletes and edits behave as on Telegram. */
  const sentMessages = new Map<string, { chatId: string; messageId: number; text: string; sentAt: number; deleted: boolean; edited: boolean }>();
  let webhook: { url: string; secret?: string; allowedUpdates?: string[] } | null = null;
  let closed = false;
  const builder = createUpdateBuilder(1, botId);

  const record = (c: Omit<RecordedCall, 'seq'>): RecordedCall => {
    const call = { ...c, seq: calls.length };
    calls.push(call);
    for (const w of [...waiters]) {
      if (call.seq >= w.opts.since && (w.opts.includeFailed || call.status === 200) && w.pred(call)) {
        waiters.delete(w);
        w.resolve(call);
      }
    }
    return call;
  };

  const takeFault = (method: string): Fault | null => {
    const i = faults.findIndex((f) => f.remaining > 0 && (f.method === method || f.method === '*'));
    if (i < 0) return null;
    const f = faults[i]!;
    f.remaining--;
    if (f.remaining === 0) faults.splice(i, 1);
    return f.fault;
  };

  const message = (chatId: unknown, body: Json): Json => {
    const id = typeof chatId === 'number' ? chatId : Number(chatId);
    const messageId = nextMessageId++;
    sentMessages.set(`${id}:${messageId}`, { chatId: String(id), messageId, text: String(body.text ?? body.caption ?? ''), sentAt: clockMs(), deleted: false, edited: false });
    return {
      message_id: messageId,
      date: Math.floor(clockMs() / 1000),
      chat: id > 0 ? { id, type: 'private', first_name: 'Pelapor' } : { id, type: 'supergroup', title: 'Satgas TPPO' },
      from: { id: botId, is_bot: true, first_name: botUser.first_name, username: botUser.username },
      ...body,
    };
  };

  class ApiError extends Error {
    constructor(
      readonly code: number,
      description: string,
      readonly parameters?: Json,
    ) {
      super(description);
    }
  }
  const bad = (d: string) => new ApiError(400, `Bad Request: ${d}`);

  const checkText = (text: unknown, parseMode: unknown, field = 'message text') => {
    if (typeof text !== 'string' || text.length === 0) throw bad(`${field} is empty`);
    let visible = text;
    if (parseMode === 'HTML') {
      const tag = /<\/?([a-zA-Z-]*)[^>]*>/g;
      for (const m of text.matchAll(tag)) {
        if (!ALLOWED_HTML_TAGS.has(m[1]!.toLowerCase())) throw bad(`can't parse entities: Unsupported start tag "${m[1]}"`);
      }
      const stripped = text.replace(tag, '');
      if (/<|>/.test(stripped)) throw bad("can't parse entities: Unexpected end tag or unescaped <");
      if (/&(?!(amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)/.test(stripped)) throw bad("can't parse entities: unescaped &");
      visible = stripped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#\d+;/g, '?').replace(/&amp;/g, '&');
    }
    if (visible.length > 4096) throw bad(`${field} is too long`);
  };

  const checkMarkup = (markup: unknown) => {
    if (markup === undefined) return;
    const kb = (markup as { inline_keyboard?: unknown }).inline_keyboard;
    if (!Array.isArray(kb)) throw bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array');
    for (const row of kb) {
      if (!Array.isArray(row)) throw bad('inline keyboard row must be an Array');
      for (const b of row as Array<{ text?: unknown; callback_data?: unknown; url?: unknown }>) {
        if (typeof b.text !== 'string' || b.text.length === 0) throw bad('text buttons are unallowed in the inline keyboard');
        if (b.callback_data !== undefined && (typeof b.callback_data !== 'string' || Buffer.byteLength(b.callback_data) > 64 || b.callback_data === ''))
          throw bad('BUTTON_DATA_INVALID');
      }
    }
  };

  const methods: Record<string, (p: Json, f: Record<string, Buffer>) => unknown> = {
    getMe: () => botUser,
    logOut: () => true,
    close: () => true,
    setWebhook: (p) => {
      if (typeof p.url !== 'string') throw bad('bad webhook: URL must be provided');
      if (p.url === '') {
        webhook = null;
        return true;
      }
      webhook = { url: p.url, secret: p.secret_token as string | undefined, allowedUpdates: p.allowed_updates as string[] | undefined };
      if (p.drop_pending_updates) queue.length = 0;
      return true;
    },
    deleteWebhook: (p) => {
      webhook = null;
      if (p.drop_pending_updates) queue.length = 0;
      return true;
    },
    getWebhookInfo: () => ({
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: queue.length,
      ...(webhook?.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}),
    }),
    sendMessage: (p) => {
      if (p.chat_id === undefined) throw bad('chat_id is empty');
      checkText(p.text, p.parse_mode);
      checkMarkup(p.reply_markup);
      return message(p.chat_id, { text: p.text, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) });
    },
    editMessageText: (p) => {
      if (p.chat_id === undefined || p.message_id === undefined) throw bad('message to edit not found');
      const known = sentMessages.get(`${Number(p.chat_id)}:${Number(p.message_id)}`);
      if (known?.deleted) throw bad('message to edit not found');
      checkText(p.text, p.parse_mode);
      checkMarkup(p.reply_markup);
      if (known) Object.assign(known, { text: String(p.text), edited: true });
      return {
        message_id: p.message_id,
        date: Math.floor((known?.sentAt ?? clockMs()) / 1000),
        chat: Number(p.chat_id) > 0 ? { id: Number(p.chat_id), type: 'private', first_name: 'Pelapor' } : { id: Number(p.chat_id), type: 'supergroup', title: 'Satgas TPPO' },
        from: { id: botId, is_bot: true, first_name: botUser.first_name, username: botUser.username },
        text: p.text,
        edit_date: Math.floor(clockMs() / 1000),
      };
    },
    deleteMessage: (p) => {
      // Telegram: a bot deletes its own messages only while they are younger than 48 hours.
      const known = sentMessages.get(`${Number(p.chat_id)}:${Number(p.message_id)}`);
      if (!known || known.deleted) throw bad('message to delete not found');
      if (clockMs() - known.sentAt >= 48 * 3_600_000) throw bad("message can't be deleted for everyone");
      known.deleted = true;
      return true;
    },
    editMessageReplyMarkup: (p) => {
      if (p.chat_id === undefined || p.message_id === undefined) throw bad('message to edit not found');
      checkMarkup(p.reply_markup);
      return { ...message(p.chat_id, { text: '…' }), message_id: p.message_id, reply_markup: p.reply_markup };
    },
    answerCallbackQuery: (p) => {
      if (!p.callback_query_id) throw bad('query is too old and response timeout expired or query ID is invalid');
      return true;
    },
    setMyCommands: (p) => {
      if (!Array.isArray(p.commands)) throw bad('commands must be an Array');
      commands.set(String(p.language_code ?? ''), p.commands);
      return true;
    },
    getMyCommands: (p) => commands.get(String(p.language_code ?? '')) ?? [],
    deleteMyCommands: (p) => commands.delete(String(p.language_code ?? '')) || true,
    sendChatAction: (p) => {
      if (!p.action) throw bad('action is empty');
      return true;
    },
    getFile: (p) => {
      const f = files.get(String(p.file_id));
      if (!f) throw bad('invalid file_id');
      return { file_id: p.file_id, file_unique_id: `u${p.file_id}`, file_size: f.size, file_path: f.path };
    },
    sendPhoto: (p, up) => {
      const size = typeof p.photo === 'string' && p.photo.startsWith('attach://') ? (up[p.photo.slice(9)]?.length ?? 0) : (Object.values(up)[0]?.length ?? 0);
      const fileId = `sent-photo-${nextMessageId}`;
      return message(p.chat_id, {
        photo: [{ file_id: fileId, file_unique_id: `u${fileId}`, width: 800, height: 600, file_size: size }],
        ...(p.caption ? { caption: p.caption } : {}),
      });
    },
    sendDocument: (p, up) => {
      const size = Object.values(up)[0]?.length ?? 0;
      const fileId = `sent-doc-${nextMessageId}`;
      return message(p.chat_id, {
        document: { file_id: fileId, file_unique_id: `u${fileId}`, file_size: size },
        ...(p.caption ? { caption: p.caption } : {}),
      });
    },
  };

  const getUpdates = (p: Json, res: ServerResponse, req: IncomingMessage, rec: (status: number, result?: unknown) => void) => {
    if (webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeout = Math.max(0, Number(p.timeout ?? 0));
    if (offset > 0) {
      while (queue.length && queue[0]!.update_id < offset) queue.shift();
    }
    const answer = () => {
      const result = queue.filter((u) => u.update_id >= offset).slice(0, limit);
      rec(200, result);
      send(res, 200, { ok: true, result });
    };
    if (queue.some((u) => u.update_id >= offset) || timeout === 0 || closed) return answer();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      pollers.delete(finish);
      pollOffsets.delete(finish);
      if (!res.destroyed) answer();
    };
    const timer = setTimeout(finish, timeout * 1000);
    pollers.add(finish);
    pollOffsets.set(finish, offset);
    for (const l of [...pollListeners]) l(offset);
    req.on('close', () => {
      // The client gave up (abort on stop): forget the poll without answering.
      if (!done && res.destroyed) {
        done = true;
        clearTimeout(timer);
        pollers.delete(finish);
        pollOffsets.delete(finish);
      }
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, { ok: false, error_code: 500, description: `Emulator error: ${String(err)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch && req.method === 'GET') {
      const f = [...files.values()].find((x) => x.path === decodeURIComponent(fileMatch[2]!));
      if (fileMatch[1] !== token || !f) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.bytes.length }).end(f.bytes);
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) {
      send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const [, callToken, rawMethod] = m as unknown as [string, string, string];
    const method = rawMethod.charAt(0).toLowerCase() + rawMethod.slice(1);
    const body = await readBody(req);
    let params: Json;
    let uploaded: Record<string, Buffer> = {};
    try {
      ({ params, files: uploaded } = parseParams(url, req.headers['content-type'], body));
    } catch {
      send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: could not parse request body' });
      return;
    }
    const base = { method, token: callToken, params, files: uploaded };
    if (callToken !== token) {
      record({ ...base, status: 401 });
      send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return;
    }
    const fault = takeFault(method);
    if (fault) {
      record({ ...base, status: fault.status });
      const retryAfter = 'retry_after' in fault ? fault.retry_after : undefined;
      send(res, fault.status, {
        ok: false,
        error_code: fault.status,
        description: fault.description ?? (retryAfter !== undefined ? `Too Many Requests: retry after ${retryAfter}` : 'Internal Server Error'),
        ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
      });
      return;
    }
    try {
      if (method === 'getUpdates') {
        getUpdates(params, res, req, (status, result) => record({ ...base, status, result }));
        return;
      }
      const impl = methods[method];
      if (!impl) throw new ApiError(404, 'Not Found: method not found');
      const result = impl(params, uploaded);
      record({ ...base, status: 200, result });
      send(res, 200, { ok: true, result });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      record({ ...base, status: err.code });
      send(res, err.code, { ok: false, error_code: err.code, description: err.message, ...(err.parameters ? { parameters: err.parameters } : {}) });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const apiRoot = `http://127.0.0.1:${port}`;

  return {
    token,
    botId,
    /** Pass as grammY `client.apiRoot` / `TELEGRAM_API_ROOT` (no trailing slash). */
    apiRoot,
    /** Every call, in arrival order (including rejected and fault-injected ones, see `status`). */
    calls,
    /** Delivered (status 200) calls to one method. */
    callsTo(method: string): RecordedCall[] {
      return calls.filter((c) => c.method === method && c.status === 200);
    },
    /** The current position in `calls`, for `waitFor(pred, { since })`. */
    mark(): number {
      return calls.length;
    },
    /**
     * Resolve with the first delivered call matching `pred` (already recorded, or arriving later);
     * reject after `timeoutMs` (default 5000) with a summary of what did arrive.
     */
    waitFor(pred: (c: RecordedCall) => boolean, o: number | WaitOptions = {}): Promise<RecordedCall> {
      const opts = typeof o === 'number' ? { timeoutMs: o } : o;
      const w = { since: opts.since ?? 0, includeFailed: opts.includeFailed ?? false };
      const found = calls.find((c) => c.seq >= w.since && (w.includeFailed || c.status === 200) && pred(c));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timeoutMs = opts.timeoutMs ?? 5000;
        const waiter: Waiter = {
          pred,
          opts: w,
          resolve: (c) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = calls.slice(w.since).map((c) => `${c.method}:${c.status}`).join(', ');
          reject(new Error(`Bot API emulator: no matching call within ${timeoutMs} ms (seen: ${seen || 'none'})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    /** Resolve once `n` delivered calls match `pred`, returning them. */
    async waitForCount(pred: (c: RecordedCall) => boolean, n: number, o: WaitOptions = {}): Promise<RecordedCall[]> {
      const since = o.since ?? 0;
      const matching = () => calls.filter((c) => c.seq >= since && c.status === 200 && pred(c));
      while (matching().length < n) {
        const have = matching();
        const after = have.length ? have[have.length - 1]!.seq + 1 : since;
        await this.waitFor(pred, { ...o, since: after });
      }
      return matching().slice(0, n);
    },
    /** Queue an update for `getUpdates`; a pending long poll answers at once. */
    pushUpdate(update: Update): void {
      queue.push(update);
      queue.sort((a, b) => a.update_id - b.update_id);
      for (const p of [...pollers]) p();
    },
    /**
     * Resolve when a long poll (`getUpdates` with a timeout) is waiting with `offset >= minOffset`.
     * `waitForPoll(u.update_id + 1)` means: the bot has finished update `u` and confirmed it.
     */
    waitForPoll(minOffset = 0, timeoutMs = 5000): Promise<void> {
      if ([...pollOffsets.values()].some((o) => o >= minOffset)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pollListeners.delete(on);
          reject(new Error(`Bot API emulator: no long poll within ${timeoutMs} ms`));
        }, timeoutMs);
        const on = (offset: number) => {
          if (offset < minOffset) return;
          clearTimeout(timer);
          pollListeners.delete(on);
          resolve();
        };
        pollListeners.add(on);
      });
    },
    /** Updates queued and not yet confirmed by an `offset`. */
    pendingUpdates(): Update[] {
      return [...queue];
    },
    /** The webhook `setWebhook` registered (null when none). */
    webhook(): { url: string; secret?: string; allowedUpdates?: string[] } | null {
      return webhook ? { ...webhook } : null;
    },
    /**
     * POST an update (or any raw body) to the registered webhook, with its secret header as
     * Telegram sends it. `secret: null` omits the header; a string overrides it.
     */
    async postToWebhook(update: Update | string, o: { secret?: string | null } = {}): Promise<{ status: number; body: unknown }> {
      if (!webhook) throw new Error('Bot API emulator: no webhook registered (setWebhook was not called)');
      const secret = o.secret === undefined ? webhook.secret : o.secret;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secret !== null && secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
      const res = await fetch(webhook.url, { method: 'POST', headers, body: typeof update === 'string' ? update : JSON.stringify(update) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body };
    },
    /**
     * Fail the next `count` calls to `method` ('*' for any) with the given fault:
     * `{ status: 429, retry_after: 1 }` or `{ status: 500 }`.
     */
    failNext(method: string, fault: Fault, count = 1): void {
      faults.push({ method, fault, remaining: count });
    },
    /** Register bytes for `getFile` + download. `reportedSize` lets a test lie about size. */
    addFile(fileId: string, bytes: Buffer, o: { filePath?: string; reportedSize?: number } = {}): string {
      const path = o.filePath ?? `documents/${fileId}-${randomBytes(3).toString('hex')}`;
      files.set(fileId, { bytes, path, size: o.reportedSize ?? bytes.length });
      return path;
    },
    /** Messages the bot sent, as they stand now (deleted, or edited to a new text). */
    messages(): Array<{ chatId: string; messageId: number; text: string; sentAt: number; deleted: boolean; edited: boolean }> {
      return [...sentMessages.values()].map((m) => ({ ...m }));
    },
    /** One sent message by chat and id (undefined when the bot never sent it). */
    message(chatId: number | string, messageId: number) {
      const m = sentMessages.get(`${Number(chatId)}:${Number(messageId)}`);
      return m ? { ...m } : undefined;
    },
    /** Commands registered with setMyCommands, by language code ('' = default). */
    commands(languageCode = ''): unknown[] | undefined {
      return commands.get(languageCode);
    },
    ...builder,
    async close(): Promise<void> {
      closed = true;
      for (const p of [...pollers]) p();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type BotApiEmulator = Awaited<ReturnType<typeof startBotApiEmulator>>;

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Telegram accepts JSON, urlencoded, multipart and query strings; fields inside are strings or JSON. */
function parseParams(url: URL, contentType: string | undefined, body: Buffer): { params: Json; files: Record<string, Buffer> } {
  const params: Json = {};
  const files: Record<string, Buffer> = {};
  for (const [k, v] of url.searchParams) params[k] = coerce(v);
  const ct = (contentType ?? '').toLowerCase();
  if (body.length === 0) return { params, files };
  if (ct.startsWith('application/json')) {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    Object.assign(params, parsed);
  } else if (ct.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = coerce(v);
  } else if (ct.startsWith('multipart/form-data')) {
    const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
    if (!boundary) throw new Error('no boundary');
    for (const part of splitMultipart(body, boundary)) {
      if (part.filename !== undefined) files[part.name] = part.data;
      else params[part.name] = coerce(part.data.toString('utf8'));
    }
  }
  return { params, files };
}

/** Strings as grammY sends them in multipart/query: numbers and JSON objects/arrays are decoded. */
function coerce(v: string): unknown {
  if (/^-?\d+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

function splitMultipart(body: Buffer, boundary: string): Array<{ name: string; filename?: string; data: Buffer }> {
  const out: Array<{ name: string; filename?: string; data: Buffer }> = [];
  const delim = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    let start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delim, start);
    if (next < 0) break;
    let end = next;
    if (body.subarray(end - 2, end).toString() === '\r\n') end -= 2;
    const part = body.subarray(start, end);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /(?:^|[;\s:])name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
      if (name !== undefined) out.push({ name, filename, data: part.subarray(headerEnd + 4) });
    }
    pos = next;
  }
  return out;
}
