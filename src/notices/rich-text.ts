/**
 * The body of a notice (通知公告) is a small markdown subset, parsed here into a tree that the
 * portal turns into React elements itself (web/src/notices/RichText.tsx).
 *
 * Why not HTML: a sanitiser must get every browser quirk right to be safe; this format cannot
 * carry script at all. Every character the parser does not understand stays text, and React
 * escapes text, so `<script>`, `<img onerror=…>` or an `onclick` are shown, never run. The only
 * attribute that reaches the page is a link's href, and only an absolute http(s) URL becomes
 * one. The server also refuses bodies with HTML tags or other links (bodyProblems), so an
 * operator learns at once that they would show as text.
 *
 * Blocks, separated by blank lines: `## 标题` / `### 标题` (levels 2 and 3; the page's h1 is the
 * notice's title), `- item` / `* item` lists, `1. item` numbered lists, paragraphs (a single line
 * break stays a line break). Inline: `**粗体**`, `*斜体*`, `[链接文字](https://…)`.
 * Shared by the server and the browser bundle: pure, no imports.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'break' }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 2 | 3; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

/** Deeper emphasis than this stays text: nobody writes it, and it bounds the recursion. */
const MAX_INLINE_DEPTH = 4;
const URL_MAX_LENGTH = 500;

/** An absolute http(s) URL without spaces, quotes or angle brackets, or undefined. */
export function safeHref(raw: string): string | undefined {
  if (raw.length > URL_MAX_LENGTH || !/^https?:\/\/[^\s"'<>()`\\]+$/i.test(raw)) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const LINK = /^\[([^[\]\n]+)\]\(([^()\s]*)\)/;

function pushText(out: Inline[], text: string) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

/** Inline markup of one block; `inLink`: links do not nest. */
export function parseInline(source: string, depth = 0, inLink = false): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    if (depth < MAX_INLINE_DEPTH) {
      if (rest.startsWith('**')) {
        const close = source.indexOf('**', i + 2);
        if (close > i + 2) {
          out.push({ type: 'strong', children: parseInline(source.slice(i + 2, close), depth + 1, inLink) });
          i = close + 2;
          continue;
        }
      } else if (rest.startsWith('*')) {
        const close = source.indexOf('*', i + 1);
        if (close > i + 1 && source[close + 1] !== '*') {
          out.push({ type: 'em', children: parseInline(source.slice(i + 1, close), depth + 1, inLink) });
          i = close + 1;
          continue;
        }
      }
      const link = inLink ? null : LINK.exec(rest);
      const href = link ? safeHref(link[2]!) : undefined;
      if (link && href) {
        out.push({ type: 'link', href, children: parseInline(link[1]!, depth + 1, true) });
        i += link[0].length;
        continue;
      }
    }
    if (source[i] === '\n') out.push({ type: 'break' });
    else pushText(out, source[i]!);
    i += 1;
  }
  return out;
}

const HEADING = /^(#{2,3})\s+(.+)$/;
const BULLET = /^[-*]\s+(.+)$/;
const NUMBERED = /^\d{1,3}[.、]\s*(.+)$/;

/** The blocks of a body, in order. */
export function parseRichText(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map((item) => parseInline(item)) });
    paragraph = [];
    list = null;
  };

  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1]!.length as 2 | 3, children: parseInline(heading[2]!) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = Boolean(numbered);
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1]!);
      continue;
    }
    if (list) flush();
    paragraph.push(line);
  }
  flush();
  return blocks;
}

/** The text of a body without markup (list excerpts, searches). */
export function plainText(source: string): string {
  const textOf = (nodes: Inline[]): string =>
    nodes.map((n) => (n.type === 'text' ? n.text : n.type === 'break' ? ' ' : textOf(n.children))).join('');
  return parseRichText(source)
    .map((b) => (b.type === 'list' ? b.items.map(textOf).join(' ') : textOf(b.children)))
    .join(' ');
}

export type RichTextProblem = 'NOTICE_BODY_HTML' | 'NOTICE_BODY_LINK_INVALID';

const HTML_TAG = /<\/?[a-z!?][^>]*>?/i;
/** Whatever follows `](`, up to a space or a closing parenthesis: the target of a link the author meant. */
const ANY_LINK = /\]\(\s*([^)\s]*)/g;

/**
 * What the server refuses in a body: HTML (it would show as text, so the operator surely meant
 * something else) and links that are not absolute http(s) URLs (javascript:, data:, relative).
 */
export function bodyProblems(source: string): RichTextProblem[] {
  const problems: RichTextProblem[] = [];
  if (HTML_TAG.test(source)) problems.push('NOTICE_BODY_HTML');
  for (const match of source.matchAll(ANY_LINK)) {
    if (!safeHref(match[1]!)) {
      problems.push('NOTICE_BODY_LINK_INVALID');
      break;
    }
  }
  return problems;
}
