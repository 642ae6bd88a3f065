/**
 * The job-ad checker's reading of one advert: the companies it names (each looked up in the
 * registry, impostor-safe), the licence numbers it quotes, the recruiter's identifiers, and the
 * red flags (data in `flows/adcheck-flags.ts`). Synchronous and without side effects: the
 * conversation runtime and the public route both call it, and record what they must themselves.
 *
 * It never says "safe": a found agency is only "found", and a flag-free advert only "no warning
 * sign found in the text".
 */
import { AD_FLAGS, type AdFlagRule } from '../../flows/adcheck-flags.js';
import { normaliseLicense } from '../registry/normalise.js';
import type { AgencyHit, AgencyStatus } from '../registry/registry-repository.js';
import { extractIdentifiers } from '../triage/identifiers.js';
import { normalise } from '../triage/normalise.js';
import { readCompanies, readLicenceNumbers } from './read-advert.js';

/** The registry seen by the checker: one search. */
export type AdRegistry = {
  search(q: string, limit: number): { demo: boolean; registryUpdatedAt: string | null; results: AgencyHit[] };
};

/** What the advert says about one company, and what the registry says back. */
export type AgencyFinding = {
  /** The advert's own words ("PT. Contoh Maju Jaya", or the licence number quoted). */
  quoted: string;
  /** `exact`: same normalised name or licence; `similar`: look-alikes only; `none`: not in the registry. */
  match: 'exact' | 'similar' | 'none';
  /** How the company was found: by the name the advert gives, or by the licence number it quotes. */
  via: 'name' | 'licence';
  /** The registry entries: the exact one, or up to two look-alikes. */
  hits: Array<{ name: string; licenseNumber: string; status: AgencyStatus; validUntil: string | null; city: string | null }>;
};

export type AdIdentifiers = { phones: string[]; links: string[]; accounts: string[]; emails: string[] };

export type AdAnalysis = {
  agencies: AgencyFinding[];
  licences: string[];
  /** Flag ids in the order of `AD_FLAGS`. */
  flags: string[];
  identifiers: AdIdentifiers;
  demo: boolean;
  registryUpdatedAt: string | null;
};

/**
 * Catalog keys the checker's answers use as values (each flag's explanation, each agency
 * verdict, each identifier label): the app refuses to boot if one is missing.
 */
export const AD_FLAG_KEYS = [
  ...AD_FLAGS.map((f) => `adcheck.flag.${f.id}`),
  ...['exact_active', 'exact_inactive', 'similar', 'none', 'licence'].map((v) => `adcheck.agency.${v}`),
  ...['phone', 'link', 'email', 'account', 'licence'].map((v) => `adcheck.id.${v}`),
];

/** Longest advert read (a longer paste is cut here: adverts are short). */
export const MAX_AD_CHARS = 10_000;
/**
 * Companies and licence numbers looked up per advert: each is a registry search, and a pasted
 * wall of "PT …" must not hold the event loop (adverts name one or two).
 */
export const MAX_LOOKUPS = { companies: 8, licences: 4 };
/** Similar registry hits below this are not offered (as in the agency check). */
const MIN_SIMILAR = 0.6;

type CompiledRule = { rule: AdFlagRule; any: RegExp[]; with: RegExp[]; unless: RegExp[] };
/**
 * Patterns are compared with text whose repeated letters were folded ("minggu" → "mingu"), so
 * their letters are folded the same way; an escape (`\b`, `\d`) is left alone.
 */
const foldPattern = (src: string) => src.replace(/(?<!\\)(\p{L})\1+/gu, '$1');
const compile = (sources: string[] | undefined) => (sources ?? []).map((s) => new RegExp(foldPattern(s), 'u'));
const RULES: CompiledRule[] = AD_FLAGS.map((rule) => ({ rule, any: compile(rule.any), with: compile(rule.with), unless: compile(rule.unless) }));

/**
 * ```ts
 * const checker = createAdChecker(registryService);
 * checker.analyse('Dicari CS online di Kamboja, gaji 15 jt tanpa pengalaman. WA 0812…').flags
 * // ['high_pay_no_experience', 'individual_recruiter', 'scam_compound_job', 'no_placement_country']
 * ```
 */
export function createAdChecker(registry: AdRegistry) {
  return {
    analyse(raw: string): AdAnalysis {
      const text = raw.replace(/\u0000/g, '').slice(0, MAX_AD_CHARS);
      let demo = false;
      let registryUpdatedAt: string | null = null;
      const search = (q: string) => {
        const r = registry.search(q.slice(0, 200), 5);
        demo = r.demo;
        registryUpdatedAt = r.registryUpdatedAt;
        return r.results;
      };
      const toHit = (h: AgencyHit) => ({ name: h.name, licenseNumber: h.licenseNumber, status: h.status, validUntil: h.validUntil, city: h.city });

      const agencies: AgencyFinding[] = [];
      for (const c of readCompanies(text).slice(0, MAX_LOOKUPS.companies)) {
        const hits = search(c.quoted);
        // `exact` only on an equal normalised name (the registry's rule): a longer look-alike is similar.
        const exact = hits.filter((h) => h.match === 'exact');
        if (exact.length) {
          const best = exact.find((h) => h.status === 'active') ?? exact[0];
          agencies.push({ quoted: c.quoted, via: 'name', match: 'exact', hits: [toHit(best)] });
          continue;
        }
        const similar = hits.filter((h) => h.match === 'similar' && h.score >= MIN_SIMILAR).slice(0, 2);
        agencies.push({ quoted: c.quoted, via: 'name', match: similar.length ? 'similar' : 'none', hits: similar.map(toHit) });
      }

      // A licence number is compared exactly (normalised); the company it belongs to is named.
      const licences = readLicenceNumbers(text).slice(0, MAX_LOOKUPS.licences);
      let licenseMismatch = false;
      const mentions = agencies.length;
      for (const l of licences) {
        const key = normaliseLicense(l);
        const hit = search(l).find((h) => h.match === 'exact' && normaliseLicense(h.licenseNumber) === key);
        if (!hit) continue;
        const holder = agencies.find((a) => a.match === 'exact' && normaliseLicense(a.hits[0].licenseNumber) === key);
        if (holder) continue;
        // The advert names a company, but the number it quotes is another company's.
        if (mentions > 0) licenseMismatch = true;
        agencies.push({ quoted: l, via: 'licence', match: 'exact', hits: [toHit(hit)] });
      }

      const identifiers = readIdentifiers(text);
      const facts = {
        no_company: agencies.length === 0,
        unknown_agency: agencies.some((a) => a.match === 'none' || a.match === 'similar'),
        inactive_agency: agencies.some((a) => a.match === 'exact' && a.hits[0].status !== 'active'),
        license_mismatch: licenseMismatch,
        contact_given: identifiers.phones.length + identifiers.links.length + identifiers.accounts.length + identifiers.emails.length > 0,
      };
      const norm = normalise(text);
      const flags: string[] = [];
      for (const { rule, any, with: withRes, unless } of RULES) {
        if (rule.requires && !facts[rule.requires]) continue;
        const byFact = rule.orIf === 'contact_given' && facts.contact_given;
        if (any.length && !byFact && !any.some((re) => re.test(norm))) continue;
        if (withRes.length && !withRes.some((re) => re.test(norm))) continue;
        if (unless.some((re) => re.test(norm))) continue;
        flags.push(rule.id);
      }
      return { agencies, licences, flags, identifiers, demo, registryUpdatedAt };
    },
  };
}

export type AdChecker = ReturnType<typeof createAdChecker>;

/**
 * The recruiter's identifiers, through the shared extractor (the one tips are linked with):
 * phones as `62…`/`60…` digits, links without scheme, accounts as `bank:digits`, e-mails bare.
 */
export function readIdentifiers(text: string): AdIdentifiers {
  const out: AdIdentifiers = { phones: [], links: [], accounts: [], emails: [] };
  for (const id of extractIdentifiers(text)) {
    if (id.kind === 'phone') out.phones.push(id.value);
    else if (id.kind === 'bank') out.accounts.push(id.value);
    else if (id.kind === 'link' && id.value.startsWith('mailto:')) out.emails.push(id.value.slice(7));
    else if (id.kind === 'link') out.links.push(id.value);
  }
  return out;
}
