/**
 * The conversation's `check_ad` effect: read the advert, count its identifiers as keyed hashes,
 * and hand the engine what to say — lists of agencies (with what their licence status means),
 * flags (one sentence each, from the catalog) and identifiers — plus a short recruiter line the
 * report flow is prefilled with if the person reports the advert.
 */
import type { EffectResult, VarValue } from '../engine/types.js';
import type { AdAnalysis, AdChecker, AgencyFinding } from './analyse.js';
import type { Q } from '../storage/storage.js';
import type { Sightings } from './sightings.js';

type Item = Record<string, VarValue>;

/** Which sentence explains an agency finding (`adcheck.agency.<verdict>`). */
export function verdictOf(a: AgencyFinding): 'exact_active' | 'exact_inactive' | 'similar' | 'none' | 'licence' {
  // A quoted number names its holder, not the advertiser: impostors copy licence numbers.
  if (a.via === 'licence') return 'licence';
  if (a.match === 'exact') return a.hits[0]?.status === 'active' ? 'exact_active' : 'exact_inactive';
  return a.match;
}

/** The recruiter as the advert names it: companies, then phones, links, accounts (≤ 300 chars). */
export function recruiterLine(r: AdAnalysis): string {
  const parts = [
    ...r.agencies.filter((a) => a.via === 'name').map((a) => a.quoted),
    ...r.identifiers.phones,
    ...r.identifiers.links,
    ...r.identifiers.emails,
    ...r.identifiers.accounts,
  ];
  const line = [...new Set(parts)].join(', ');
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

/** The engine-facing result of one check (outcome `result`). */
export function toEffectResult(r: AdAnalysis): EffectResult {
  const agencies: Item[] = r.agencies.map((a) => {
    const hit = a.hits[0];
    return {
      quoted: a.quoted,
      name: hit?.name ?? '',
      license: hit?.licenseNumber ?? '',
      status: hit ? { t: `agency.status.${hit.status}` } : '',
      valid_until: hit?.validUntil ?? '',
      verdict: { t: `adcheck.agency.${verdictOf(a)}` },
    };
  });
  const flags: Item[] = r.flags.map((id) => ({ text: { t: `adcheck.flag.${id}` } }));
  const ids: Item[] = [
    ...r.identifiers.phones.map((v) => ({ label: { t: 'adcheck.id.phone' }, value: `+${v}` })),
    ...r.identifiers.links.map((v) => ({ label: { t: 'adcheck.id.link' }, value: v })),
    ...r.identifiers.emails.map((v) => ({ label: { t: 'adcheck.id.email' }, value: v })),
    ...r.identifiers.accounts.map((v) => ({ label: { t: 'adcheck.id.account' }, value: v.replace(':', ' ') })),
    ...r.licences.map((v) => ({ label: { t: 'adcheck.id.licence' }, value: v })),
  ];
  const recruiter = recruiterLine(r);
  return {
    outcome: 'result',
    vars: {
      has_agencies: agencies.length ? 1 : '',
      no_company: agencies.length ? '' : 1,
      has_flags: flags.length ? 1 : '',
      no_flags: flags.length ? '' : 1,
      has_ids: ids.length ? 1 : '',
      demo: r.demo ? 1 : '',
    },
    lists: { agencies, flags, ids },
    persist: { ad_recruiter: recruiter },
  };
}

/**
 * The sightings are counted in the turn's transaction `q` (a redelivered message that rolls back
 * counts nothing).
 *
 * ```ts
 * const run = createAdCheckEffect({ checker, sightings });
 * await run('Dicari CS online di Kamboja…', q); // { outcome: 'result', lists: { flags: [...] }, … }
 * ```
 */
export function createAdCheckEffect(deps: { checker: AdChecker; sightings: Sightings }) {
  return async (text: string, q: Q): Promise<EffectResult> => {
    const r = deps.checker.analyse(text);
    await deps.sightings.recordAdvert(q, text);
    return toEffectResult(r);
  };
}
