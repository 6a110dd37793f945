/** 常见问题 of 办事咨询: the seed's FAQ (faq-data.json, see faq-from-seed.ts) and its search. */
import data from './faq-data.json' with { type: 'json' };
import type { FaqQuestion, FaqSection } from './faq-from-seed.ts';

export type { FaqQuestion, FaqSection };

export const FAQ: readonly FaqSection[] = data;

/** Letters as a search compares them: case and full-width forms folded, spaces ignored. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** The questions whose heading or answer contains the words typed; sections left empty drop out. */
export function searchFaq(sections: readonly FaqSection[], query: string): FaqSection[] {
  const needle = fold(query);
  if (!needle) return [...sections];
  const matches = (q: FaqQuestion) => fold(q.question).includes(needle) || q.answer.some((p) => fold(p).includes(needle));
  return sections.map((s) => ({ ...s, questions: s.questions.filter(matches) })).filter((s) => s.questions.length > 0);
}

/** `text` cut into pieces, the ones matching `query` (case-insensitive) marked, for highlighting. */
export function highlight(text: string, query: string): { text: string; match: boolean }[] {
  const needle = query.trim();
  if (!needle) return [{ text, match: false }];
  const pieces: { text: string; match: boolean }[] = [];
  const lower = text.toLowerCase();
  const target = needle.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(target); at >= 0; at = lower.indexOf(target, at + target.length)) {
    if (at > from) pieces.push({ text: text.slice(from, at), match: false });
    pieces.push({ text: text.slice(at, at + target.length), match: true });
    from = at + target.length;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), match: false });
  return pieces;
}
