/**
 * A small Indonesian/Malay affix stripper, so a signal's root matches its verb forms: "siksa"
 * matches disiksa, menyiksa, disiksanya, nyiksa; "kurung" matches dikurung, mengurung,
 * dikurungin; "perkosa" matches memperkosa. Only affixed forms count (a bare root such as "kunci",
 * a key, is left to the phrase lists). Bounded work per token, so matching stays linear.
 */

const SUFFIXES = ['nya', 'kan', 'in', 'i', 'an', 'lah'];

/** Roots a token may come from by stripping one prefix and/or one suffix (the token itself excluded). */
export function stemCandidates(token: string): string[] {
  if (token.length < 5 || token.length > 30) return [];
  const bases = new Set<string>([token]);
  for (const s of SUFFIXES) if (token.length > s.length + 3 && token.endsWith(s)) bases.add(token.slice(0, -s.length));
  const out = new Set<string>();
  for (const b of bases) {
    if (b !== token) out.add(b);
    for (const root of unprefix(b)) out.add(root);
  }
  out.delete(token);
  return [...out];
}

function unprefix(w: string): string[] {
  const out: string[] = [];
  const add = (r: string): void => {
    if (r.length >= 3) out.push(r);
  };
  if (w.startsWith('diper')) add(w.slice(5));
  if (w.startsWith('memper')) add(w.slice(6));
  if (w.startsWith('di')) add(w.slice(2));
  if (w.startsWith('meny')) add(`s${w.slice(4)}`);
  if (w.startsWith('meng')) {
    add(w.slice(4));
    add(`k${w.slice(4)}`);
  } else if (w.startsWith('mem')) {
    add(w.slice(3));
    add(`p${w.slice(3)}`);
  } else if (w.startsWith('men')) {
    add(w.slice(3));
    add(`t${w.slice(3)}`);
  } else if (w.startsWith('me')) {
    add(w.slice(2));
  }
  if (w.startsWith('ny')) add(`s${w.slice(2)}`);
  if (w.startsWith('ng') && !w.startsWith('nge')) {
    add(w.slice(2));
    add(`k${w.slice(2)}`);
  }
  if (w.startsWith('nge')) add(w.slice(3));
  return out;
}
