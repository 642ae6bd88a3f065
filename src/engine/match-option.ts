/**
 * Choices route by id (STYLE.md §10 rule 5): a button sends the option's id, WhatsApp users type
 * its number, anyone may type its label in either language. Pure.
 */
import type { InboundContent, Locale } from '../messages.js';
import { fold } from './text.js';
import type { FlowSet, GlobalWords, OptionDef } from './types.js';

/** Match an option by id, ordinal (1-based) or label in either locale, case-insensitively. */
export function matchOptionIn(set: FlowSet, locale: Locale, options: OptionDef[], content: InboundContent, textOnlyById = false): OptionDef | null {
  if (content.kind === 'choice') {
    // A button sends its id; a client that sends a number or a label in `choice` is matched as text.
    const byId = options.find((o) => o.id === content.choiceId);
    return byId ?? matchOptionIn(set, locale, options, { kind: 'text', text: content.choiceId }, textOnlyById);
  }
  if (content.kind !== 'text') return null;
  const w = fold(content.text);
  if (!w) return null;
  const byId = options.find((o) => o.id.toLowerCase() === w);
  if (byId) return byId;
  const ord = /^\(?(\d{1,2})[.)]?$/.exec(w);
  if (ord) {
    if (textOnlyById) return null;
    return options[Number(ord[1]) - 1] ?? null;
  }
  const alias = options.find((o) => o.aliases?.some((a) => fold(a) === w));
  if (alias) return alias;
  const locales: Locale[] = locale === 'id' ? ['id', 'en'] : ['en', 'id'];
  for (const l of locales) {
    const hit = options.find((o) => fold(stripOrdinal(set.catalogs[l][o.label] ?? '')) === w);
    if (hit) return hit;
  }
  return null;
}

function stripOrdinal(label: string): string {
  return label.replace(/^\d+\.\s*/, '');
}

/** Which global word (`menu`, `bahasa`, `bantuan`, `status`…) a message is, if any; a leading `/` is ignored. */
export function globalWordIn(globals: GlobalWords, text: string): 'menu' | 'language' | 'help' | 'status' | null {
  const w = fold(text).replace(/^\//, '');
  if (globals.menu.includes(w)) return 'menu';
  if (globals.language.includes(w)) return 'language';
  if (globals.help.includes(w)) return 'help';
  if (globals.status?.includes(w)) return 'status';
  return null;
}
