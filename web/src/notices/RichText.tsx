/**
 * A notice's body as React elements, from the tree of src/notices/rich-text.ts. No HTML string
 * is ever given to the browser: text is text (React escapes it), and the only attribute set
 * from the body is a link's href, which the parser let through only as an absolute http(s) URL
 * (checked here once more).
 */
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { parseRichText, safeHref, type Inline } from '../../../src/notices/rich-text.ts';

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'break':
        return <br key={i} />;
      case 'strong':
        return <strong key={i}>{inline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(node.children)}</em>;
      case 'link': {
        const href = safeHref(node.href);
        return href ? (
          <a key={i} href={href} target="_blank" rel="noopener noreferrer nofollow">
            {inline(node.children)}
          </a>
        ) : (
          <span key={i}>{inline(node.children)}</span>
        );
      }
    }
  });
}

/** The body below the page's h1 (the notice's title): its headings are levels 2 and 3. */
export function RichText({ source }: { source: string }) {
  return (
    <Typography className="notice-body">
      {parseRichText(source).map((block, i) => {
        if (block.type === 'heading') return <Typography.Title key={i} level={block.level}>{inline(block.children)}</Typography.Title>;
        if (block.type === 'paragraph') return <Typography.Paragraph key={i}>{inline(block.children)}</Typography.Paragraph>;
        const items = block.items.map((item, j) => <li key={j}>{inline(item)}</li>);
        return block.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
      })}
    </Typography>
  );
}
