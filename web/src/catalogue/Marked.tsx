import { markMatches } from '../../../src/catalogue/rules.ts';

/** The text with the parts matching the search marked (查询结果). */
export function Marked({ text, search }: { text: string; search?: string }) {
  return (
    <>
      {markMatches(text, search ?? '').map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}
