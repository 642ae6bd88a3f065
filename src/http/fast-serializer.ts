/**
 * Response serialisation through the route's schema, compiled once by fast-json-stringify,
 * instead of fastify-type-provider-zod's default (a zod parse of every response, then
 * JSON.stringify). For hot routes only (the chat turn): the handler's return type is checked
 * against the same zod schema by TypeScript, so the runtime re-validation bought nothing there.
 * fast-json-stringify writes only the schema's properties, so nothing unlisted can leak.
 *
 * ```ts
 * r.post('/api/chat', { schema: { response: { 200: chatReply } }, serializerCompiler: fastSerializer }, handler);
 * ```
 */
import fastJson from 'fast-json-stringify';
import { type ZodType, z } from 'zod';

export function fastSerializer({ schema }: { schema: unknown }): (data: unknown) => string {
  const json = z.toJSONSchema(schema as ZodType, { target: 'draft-7', io: 'output' });
  return fastJson(json as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
}
