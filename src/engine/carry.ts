/**
 * Answers that travel: a report opened from a checked advert starts prefilled, and a photo sent
 * where a text is asked is read as text (its caption and what the host's OCR read). Pure.
 */
import type { InboundContent } from '../messages.js';
import type { Answers, OptionDef, StepDef } from './types.js';

/**
 * The answers an option carries into the flow it opens (`OptionDef.prefill`), taken from this
 * flow's answers or, failing that, from the conversation's vars (what an effect persisted); empty
 * ones are left out.
 */
export function carriedAnswers(opt: OptionDef, answers: Answers, vars: Record<string, string>): Answers {
  const carried: Answers = {};
  for (const [to, from] of Object.entries(opt.prefill ?? {})) {
    const v = answers[from] ?? vars[from];
    if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) carried[to] = v;
  }
  return carried;
}

/**
 * Media at a text step that reads media (`readMedia`): the text it stands for, or the catalog key
 * to re-ask with when nothing could be read. The media ref is appended to the step's media store.
 */
export function mediaAsText(
  step: Extract<StepDef, { kind: 'text' }>,
  content: Extract<InboundContent, { kind: 'media' | 'media_rejected' }>,
  answers: Answers,
): { text: string } | { reask: string } {
  const read = step.readMedia;
  if (!read) return { reask: 'global.expect_text' };
  // Refused before download (too big, too many, storage full): say why, as a media step does.
  if (content.kind === 'media_rejected') return { reask: `global.media_${content.reason}` };
  const text = [content.caption, content.readText].filter((x) => x?.trim()).join('\n\n');
  if (!text.trim()) return { reask: content.readError === 'unavailable' ? read.unavailable : read.unreadable };
  const list = Array.isArray(answers[read.store]) ? (answers[read.store] as never[]) : [];
  answers[read.store] = [...list, content.media as never];
  return { text };
}
