/**
 * Officers and their API tokens. Creating a token returns the plain token exactly once; only its
 * hash is kept. `ADMIN_TOKEN` from the environment bootstraps an admin without any database row.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { affected, type Storage } from '../storage/storage.js';
import { generateToken, hashToken, type Role, sameToken } from './tokens.js';

/** Who is calling, as attached to `request.officer`. `id` 0 is the `ADMIN_TOKEN` bootstrap admin. */
export type Officer = {
  id: number;
  name: string;
  role: Role;
  /** The audit-log actor string (`officer:<id>:<name>` or `admin-token`). */
  actor: string;
  /** Regency ids the token may see (`--regency`); absent or null = the whole province. */
  regencies?: string[] | null;
};

export type TokenInfo = {
  id: number;
  officerId: number;
  name: string;
  role: Role;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
  regencies: string[] | null;
};

export const ADMIN_TOKEN_OFFICER: Officer = { id: 0, name: 'admin', role: 'admin', actor: 'admin-token' };

export type OfficersRepository = ReturnType<typeof createOfficersRepository>;

/**
 * On the storage port (SQLite or PostgreSQL): every method is async.
 *
 * ```ts
 * const officers = createOfficersRepository(app.storage, { now: Date.now, adminToken: config.ADMIN_TOKEN });
 * const { token } = await officers.createToken({ name: 'Sari', role: 'officer' }); // show once
 * await officers.verify(token); // → { id, name: 'Sari', role: 'officer', actor: 'officer:1:Sari' }
 * ```
 */
export function createOfficersRepository(s: Storage, deps: { now: () => number; adminToken?: string }) {
  const { apiTokens, officers } = s.t;
  function actorOf(id: number, name: string): string {
    return `officer:${id}:${name}`;
  }

  return {
    /**
     * Create a token for the officer called `name` (creating the officer if needed). An existing
     * officer keeps their role; asking for a different one is an error, not a silent promotion.
     */
    async createToken(input: { name: string; role: Role; regencies?: string[] | null }): Promise<{ token: string; tokenId: number; officer: Officer }> {
      const name = input.name.trim();
      if (!name) throw new Error('An officer name is required.');
      const regencies = input.regencies?.length ? [...input.regencies] : null;
      if (regencies && input.role === 'admin') throw new Error('Admin tokens cover the whole province; --regency is for officers.');
      return s.tx(async (q) => {
        // Names are not unique in the table: two instances creating the same new officer at once
        // would make two. Hold the name until this transaction ends.
        await s.lock(q, `officer-name:${name}`);
        const now = deps.now();
        let [officer] = await q.select().from(officers).where(eq(officers.name, name)).orderBy(officers.id).limit(1);
        if (officer && officer.role !== input.role) {
          throw new Error(`Officer "${name}" already exists with role ${officer.role}; use --role ${officer.role}.`);
        }
        if (!officer) {
          [officer] = await q.insert(officers).values({ name, role: input.role, createdAt: now }).returning();
        }
        const token = generateToken();
        const [row] = await q
          .insert(apiTokens)
          .values({ officerId: officer.id, tokenHash: hashToken(token), createdAt: now, regencies })
          .returning({ id: apiTokens.id });
        return {
          token,
          tokenId: row.id,
          officer: { id: officer.id, name: officer.name, role: officer.role as Role, actor: actorOf(officer.id, officer.name), regencies },
        };
      });
    },

    /** Revoke a token by id. Returns false if there is no such live token. */
    async revoke(tokenId: number): Promise<boolean> {
      const res = await s.run((q) =>
        q
          .update(apiTokens)
          .set({ revokedAt: deps.now() })
          .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt))),
      );
      return affected(res) > 0;
    },

    /** Every token (never the token itself), newest first. */
    async list(): Promise<TokenInfo[]> {
      const rows = await s.run((q) =>
        q
          .select({
          id: apiTokens.id,
          officerId: apiTokens.officerId,
          name: officers.name,
          role: officers.role,
          createdAt: apiTokens.createdAt,
          lastUsedAt: apiTokens.lastUsedAt,
          revokedAt: apiTokens.revokedAt,
          regencies: apiTokens.regencies,
        })
          .from(apiTokens)
          .innerJoin(officers, eq(officers.id, apiTokens.officerId))
          .orderBy(desc(apiTokens.id)),
      );
      return rows.map((r) => ({ ...r, role: r.role as Role, regencies: Array.isArray(r.regencies) ? r.regencies : null }));
    },

    /**
     * The officer a presented token belongs to, or null. The database is searched by hash, so no
     * secret comparison happens in JS; `ADMIN_TOKEN` is compared hash-to-hash in constant time.
     */
    async verify(token: string): Promise<Officer | null> {
      if (!token) return null;
      if (deps.adminToken && sameToken(token, deps.adminToken)) return ADMIN_TOKEN_OFFICER;
      const row = await s.run(async (q) => {
        const [found] = await q
          .select({ tokenId: apiTokens.id, id: officers.id, name: officers.name, role: officers.role, regencies: apiTokens.regencies })
          .from(apiTokens)
          .innerJoin(officers, eq(officers.id, apiTokens.officerId))
          .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
          .limit(1);
        if (found) await q.update(apiTokens).set({ lastUsedAt: deps.now() }).where(eq(apiTokens.id, found.tokenId));
        return found;
      });
      if (!row) return null;
      const regencies = row.role !== 'admin' && Array.isArray(row.regencies) && row.regencies.length ? row.regencies : null;
      return { id: row.id, name: row.name, role: row.role as Role, actor: actorOf(row.id, row.name), regencies };
    },
  };
}
