/**
 * pino options. Anything that could identify a reporter or carry message text is redacted;
 * request logs carry the route, never query strings or bodies.
 */
import type { LoggerOptions } from 'pino';

export const REDACT_PATHS = [
  'address',
  '*.address',
  'text',
  '*.text',
  'chatId',
  '*.chatId',
  'jid',
  '*.jid',
  'phone',
  '*.phone',
  'receipt',
  '*.receipt',
  'req.headers.authorization',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers.cookie',
  'token',
  '*.token',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Only method and route: URLs can carry tokens; IP addresses are never logged.
      req: (req: { method: string; url: string; routeOptions?: { url?: string } }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
