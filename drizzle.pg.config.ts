import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations (DATABASE_URL): the twin of drizzle.config.ts, generated from schema-pg.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/schema-pg.ts',
  out: './migrations/pg',
});
