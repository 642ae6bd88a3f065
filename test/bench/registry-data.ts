/**
 * Deterministic fictional registry and query set for the registry benchmark: seeded PRNG, no
 * real agency names. Names mix invented words (so each agency is identifiable) with the generic
 * business words real P3MI names are full of (so many names share words, as they do in life).
 */
import type { AgencyRecord, AgencyStatus } from '../../src/registry/registry-repository.js';
import { normaliseLicense, normaliseName } from '../../src/registry/normalise.js';
import { seededRandom } from '../helpers/service-process.js';

/** mulberry32 (shared with the crash test): reproducible fixtures. */
export const prng = seededRandom;

const SYLLABLES = ['ba', 'bu', 'ka', 'ri', 'ma', 'ju', 'ja', 'ya', 'sa', 'to', 'na', 'ga', 'ra', 'wa', 'ti', 'lu', 'se', 'pe', 'di', 'tu', 'ha', 'la', 'ku', 'ni', 'mo', 'do', 'pa', 'si', 'ta', 'an', 'ar', 'in', 'un', 'ke', 'be', 'go', 'ro', 'me', 'no', 'wi'];
const COMMON = ['jaya', 'abadi', 'sejahtera', 'mandiri', 'makmur', 'sentosa', 'internasional', 'utama', 'bersama', 'karya', 'mitra', 'sukses', 'persada', 'nusantara', 'indonesia', 'global', 'prima', 'perkasa', 'lestari', 'gemilang', 'cahaya', 'bintang', 'harapan', 'sinar', 'putra', 'putri', 'tenaga', 'kerja', 'sumber', 'daya', 'insani', 'duta', 'bangsa', 'amanah', 'berkah', 'mulia'];
const STATUSES: AgencyStatus[] = ['active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'suspended', 'suspended', 'revoked', 'expired'];

const cap = (w: string) => w[0].toUpperCase() + w.slice(1);

export type BenchAgency = AgencyRecord & { key: string };
export type BenchQuery = { kind: string; text: string; key: string };

export function generateAgencies(n: number, seed = 20260101): BenchAgency[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const vocab = new Set<string>();
  while (vocab.size < 12_000) {
    const k = 2 + Math.floor(rnd() * 3);
    let w = '';
    for (let i = 0; i < k; i++) w += pick(SYLLABLES);
    if (w.length >= 4) vocab.add(w);
  }
  const words = [...vocab];
  const names = new Set<string>();
  const licences = new Set<string>();
  const out: BenchAgency[] = [];
  while (out.length < n) {
    const parts = [cap(pick(words))];
    if (rnd() < 0.35) parts.push(cap(pick(words)));
    const commons = 1 + Math.floor(rnd() * 2);
    for (let i = 0; i < commons; i++) parts.push(cap(pick(COMMON)));
    if (rnd() < 0.2) parts.reverse();
    const name = `${rnd() < 0.5 ? 'PT ' : 'PT. '}${parts.join(' ')}${rnd() < 0.05 ? ', Tbk' : ''}`;
    const norm = normaliseName(name);
    if (names.has(norm)) continue;
    const num = 1 + Math.floor(rnd() * 999_999);
    const year = 2015 + Math.floor(rnd() * 11);
    const formats = [`KEP ${num}/${year}`, `B.${num}/KEP/${year}`, `KEPMEN NO. ${num} TAHUN ${year}`, `${num} Tahun ${year}`];
    const licenseNumber = pick(formats);
    const key = normaliseLicense(licenseNumber);
    if (licences.has(key)) continue;
    names.add(norm);
    licences.add(key);
    const status = pick(STATUSES);
    const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
    out.push({
      key,
      name,
      licenseNumber,
      status,
      validUntil: `${2024 + Math.floor(rnd() * 4)}-${month}-15`,
      address: null,
      city: 'Kota Contoh',
      province: 'Provinsi Contoh',
    });
  }
  return out;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function typo(w: string, rnd: () => number): string {
  if (w.length < 4) return w;
  const i = 1 + Math.floor(rnd() * (w.length - 2));
  const c = LETTERS[Math.floor(rnd() * LETTERS.length)];
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return w.slice(0, i) + c + w.slice(i + 1); // substitution
    case 1:
      return w.slice(0, i) + w.slice(i + 1); // deletion
    case 2:
      return w.slice(0, i) + c + w.slice(i); // insertion
    default:
      return w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1); // transposition
  }
}

/**
 * Queries a person would type: one or two typos, a dropped word, swapped words, other
 * punctuation and case, or the licence number written differently.
 */
export function generateQueries(agencies: BenchAgency[], n: number, seed = 7): BenchQuery[] {
  const rnd = prng(seed);
  const out: BenchQuery[] = [];
  const kinds = ['typo1', 'typo2', 'drop_word', 'swap_words', 'punctuation', 'licence'];
  for (let q = 0; q < n; q++) {
    const a = agencies[Math.floor(rnd() * agencies.length)];
    const words = normaliseName(a.name).split(' ');
    const kind = kinds[q % kinds.length];
    let text: string;
    switch (kind) {
      case 'typo1': {
        const i = Math.floor(rnd() * words.length);
        text = words.map((w, j) => (j === i ? typo(w, rnd) : w)).join(' ');
        break;
      }
      case 'typo2': {
        text = words.map((w) => (rnd() < 0.6 ? typo(w, rnd) : w)).join(' ');
        if (text === words.join(' ')) text = [typo(words[0], rnd), ...words.slice(1)].join(' ');
        break;
      }
      case 'drop_word': {
        if (words.length < 3) {
          text = `pt ${words.map((w, j) => (j === 0 ? typo(w, rnd) : w)).join(' ')}`;
          break;
        }
        // Keep the invented word(s); people drop the generic ones.
        const generic = words.map((w, j) => (COMMON.includes(w) ? j : -1)).filter((j) => j >= 0);
        const drop = generic.length ? generic[Math.floor(rnd() * generic.length)] : words.length - 1;
        text = words.filter((_, j) => j !== drop).join(' ');
        break;
      }
      case 'swap_words': {
        const i = Math.floor(rnd() * (words.length - 1));
        const w = [...words];
        [w[i], w[i + 1]] = [w[i + 1], w[i]];
        text = w.join(' ');
        break;
      }
      case 'punctuation':
        text = `P.T. ${words.map((w) => w.toUpperCase()).join('-')}, Tbk`;
        break;
      default:
        text = a.licenseNumber.toLowerCase().replace(/[./]/g, () => pick([' ', '-', '', '/']));
    }
    out.push({ kind, text, key: a.key });
  }
  return out;
  function pick<T>(xs: T[]): T {
    return xs[Math.floor(rnd() * xs.length)];
  }
}
