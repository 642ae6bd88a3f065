/**
 * `npm run officer:token -- --name NAME [--role officer|admin] [--regency ID,…]` prints a new officer
 * token once (only its hash is stored); `--regency` limits it to those regencies' tips;
 * `--list` shows tokens, `--revoke ID` revokes one.
 * Opens `DATABASE_URL` (PostgreSQL) or `DATABASE_PATH` (default ./data/waspada.db) and migrates it first.
 */
import { cliDatabase, openCliStorage } from './cli-config.js';
import { parseArgs } from 'node:util';
import { type AuditEntry, recordAudit } from '../officers/audit.js';
import { createOfficersRepository } from '../officers/officers-repository.js';
import { ROLES, type Role } from '../officers/tokens.js';
import { ALL_REGENCY_IDS, parseRegencyList } from '../routing/regencies.js';

const HELP = `Usage: npm run officer:token -- [options]

  --name NAME            create a token for officer NAME (created if new); printed once
  --role officer|admin   role for a new officer (default: officer)
  --regency ID,...       limit the token to these regencies' tips (report regency ids, e.g.
                         sambas,bengkayang); a tip outside them is 404. Omit for the province
                         (unscoped). Not for admins.
  --list                 list tokens (id, officer, role, created, last used, revoked)
  --revoke ID            revoke token ID
  --create               create the database if DATABASE_PATH does not exist yet
  --help                 show this help

Configuration: the service's own (.env and the environment; DATABASE_URL for PostgreSQL, else
DATABASE_PATH, default ./data/waspada.db). A missing database file is an error unless --create
is given.
Only a SHA-256 hash of each token is stored: copy the token now, it cannot be shown again.`;

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    process.stderr.write(`officer:token: ${err instanceof Error ? err.message : String(err)}\n\n${HELP}\n`);
    return 2;
  }
  const v = args.values;
  if (v.help || (!v.name && !v.list && !v.revoke)) {
    process.stdout.write(`${HELP}\n`);
    return v.help ? 0 : 2;
  }
  const role = (v.role ?? 'officer') as Role;
  if (!ROLES.includes(role)) {
    process.stderr.write(`officer:token: --role must be officer or admin (got "${v.role}")\n`);
    return 2;
  }
  let regencies: string[] | null = null;
  if (v.regency !== undefined) {
    const parsed = parseRegencyList(v.regency);
    if (!parsed.ok) {
      const bad = parsed.unknown.length ? `unknown regency id(s) ${parsed.unknown.join(', ')}` : 'no regency given';
      process.stderr.write(`officer:token: --regency: ${bad}; known ids: ${ALL_REGENCY_IDS.join(', ')}\n`);
      return 2;
    }
    if (role === 'admin') {
      process.stderr.write('officer:token: --regency is for officers; admin tokens cover the whole province\n');
      return 2;
    }
    regencies = parsed.ids;
  }
  const target = cliDatabase('officer:token', { create: v.create ?? false });
  if (!target.ok) {
    process.stderr.write(target.message);
    return target.exitCode;
  }
  const storage = await openCliStorage(target);
  try {
    const repo = createOfficersRepository(storage, { now: Date.now });
    const audit = (entry: AuditEntry) => storage.run((q) => recordAudit(storage, q, entry));
    if (v.list) {
      const rows = await repo.list();
      if (!rows.length) process.stdout.write('No tokens yet.\n');
      for (const t of rows) {
        const state = t.revokedAt ? `revoked ${new Date(t.revokedAt).toISOString()}` : 'active';
        const used = t.lastUsedAt ? new Date(t.lastUsedAt).toISOString() : 'never';
        const scope = t.regencies ? `regencies ${t.regencies.join(',')}` : 'province';
        process.stdout.write(`${t.id}\t${t.name}\t${t.role}\t${scope}\tcreated ${new Date(t.createdAt).toISOString()}\tlast used ${used}\t${state}\n`);
      }
      return 0;
    }
    if (v.revoke) {
      const id = Number(v.revoke);
      if (!Number.isInteger(id) || id <= 0) {
        process.stderr.write(`officer:token: --revoke needs a token id (see --list), got "${v.revoke}"\n`);
        return 2;
      }
      if (!(await repo.revoke(id))) {
        process.stderr.write(`officer:token: no active token with id ${id}\n`);
        return 1;
      }
      await audit({ actor: 'cli', action: 'token.revoke', detail: { tokenId: id }, now: Date.now() });
      process.stdout.write(`Token ${id} revoked.\n`);
      return 0;
    }
    const created = await repo.createToken({ name: v.name as string, role, regencies });
    await audit({ actor: 'cli', action: 'token.create', detail: { tokenId: created.tokenId, officerId: created.officer.id, role, regencies }, now: Date.now() });
    const scope = regencies ? `, regencies ${regencies.join(', ')}` : '';
    process.stdout.write(
      `Token ${created.tokenId} for ${created.officer.name} (${created.officer.role}${scope}). Copy it now; it is not shown again:\n\n${created.token}\n\n` +
        `Use it as: Authorization: Bearer <token>, or paste it into /dashboard.\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`officer:token: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await storage.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      regency: { type: 'string' },
      list: { type: 'boolean' },
      revoke: { type: 'string' },
      create: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`officer:token: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
