/**
 * The notice body's markdown subset: what it renders, and that script cannot ride on it:
 * tags, event handlers, javascript: / data: links and nesting tricks all stay plain text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyProblems, parseInline, parseRichText, plainText, safeHref, type Block, type Inline } from './rich-text.ts';

/** Every href and every text of a tree, to check nothing but text and safe links came out. */
function walk(blocks: Block[]): { hrefs: string[]; texts: string[]; types: string[] } {
  const out = { hrefs: [] as string[], texts: [] as string[], types: [] as string[] };
  const inline = (nodes: Inline[]) => {
    for (const n of nodes) {
      out.types.push(n.type);
      if (n.type === 'text') out.texts.push(n.text);
      if (n.type === 'link') out.hrefs.push(n.href);
      if ('children' in n) inline(n.children);
    }
  };
  for (const b of blocks) {
    out.types.push(b.type);
    if (b.type === 'list') b.items.forEach(inline);
    else inline(b.children);
  }
  return out;
}

describe('the markdown subset', () => {
  it('reads headings of level 2 and 3, paragraphs with line breaks, both kinds of list', () => {
    const blocks = parseRichText('## 一、时间\n\n### 说明\n第一行\n第二行\n\n- 甲\n* 乙\n\n1. 一\n2、二\n\n# 一级标题不作标题');
    assert.deepEqual(
      blocks.map((b) => b.type + (b.type === 'heading' ? b.level : b.type === 'list' ? (b.ordered ? '-ol' : '-ul') : '')),
      ['heading2', 'heading3', 'paragraph', 'list-ul', 'list-ol', 'paragraph'],
    );
    assert.deepEqual((blocks[2] as { children: Inline[] }).children, [{ type: 'text', text: '第一行' }, { type: 'break' }, { type: 'text', text: '第二行' }]);
    assert.equal((blocks[3] as { items: unknown[] }).items.length, 2);
    assert.deepEqual((blocks[5] as { children: Inline[] }).children, [{ type: 'text', text: '# 一级标题不作标题' }]);
  });

  it('reads bold, italic and http(s) links, nested inside one another', () => {
    assert.deepEqual(parseInline('**粗[链接](https://a.example/x?y=1)** 与 *斜*'), [
      { type: 'strong', children: [{ type: 'text', text: '粗' }, { type: 'link', href: 'https://a.example/x?y=1', children: [{ type: 'text', text: '链接' }] }] },
      { type: 'text', text: ' 与 ' },
      { type: 'em', children: [{ type: 'text', text: '斜' }] },
    ]);
    assert.deepEqual(parseInline('[**粗体链接**](http://b.example/)'), [
      { type: 'link', href: 'http://b.example/', children: [{ type: 'strong', children: [{ type: 'text', text: '粗体链接' }] }] },
    ]);
  });

  it('gives plain text for excerpts', () => {
    assert.equal(plainText('## 标题\n\n**粗**体 [链接](https://a.example/)\n\n- 甲\n- 乙'), '标题 粗体 链接 甲 乙');
  });
});

describe('nothing can carry script', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)" onclick="alert(1)">点</a>',
    '<svg/onload=alert(1)>',
    '<<script>script>alert(1)<</script>/script>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  ];
  for (const source of hostile) {
    it(`keeps ${JSON.stringify(source)} as text`, () => {
      const { hrefs, texts, types } = walk(parseRichText(source));
      assert.deepEqual(hrefs, []);
      assert.equal(texts.join(''), source, 'every character is text, none is markup');
      assert.ok(types.every((t) => t === 'paragraph' || t === 'text'));
      assert.deepEqual(bodyProblems(source), ['NOTICE_BODY_HTML']);
    });
  }

  const badLinks = [
    '[点此](javascript:alert(1))',
    '[点此](JaVaScRiPt:alert(1))',
    '[点此](  javascript:alert(1))',
    '[点此](java\tscript:alert(1))',
    '[点此](data:text/html;base64,PHNjcmlwdD4=)',
    '[点此](vbscript:msgbox)',
    '[点此](//evil.example/)',
    '[点此](/admin)',
    '[点此](https://a.example/"onmouseover="alert(1))',
    "[点此](https://a.example/'onclick='x)",
    '[点此](https://a.example/<script>)',
  ];
  for (const source of badLinks) {
    it(`makes no link of ${JSON.stringify(source)} and the server refuses it`, () => {
      const { hrefs } = walk(parseRichText(source));
      assert.deepEqual(hrefs, []);
      assert.ok(bodyProblems(source).length > 0);
    });
  }

  it('does not nest links and stops nesting emphasis at a depth', () => {
    const { hrefs } = walk(parseRichText('[[内](https://in.example/)](https://out.example/)'));
    assert.ok(hrefs.length <= 1);
    assert.ok(hrefs.every((h) => h === 'https://in.example/'));
    const deep = '**'.repeat(50) + '字' + '**'.repeat(50);
    assert.doesNotThrow(() => parseRichText(deep));
    const many = '*'.repeat(10_000);
    assert.doesNotThrow(() => parseRichText(many));
  });

  it('accepts only absolute http(s) URLs as hrefs', () => {
    assert.equal(safeHref('https://www.most.gov.cn/tztg/'), 'https://www.most.gov.cn/tztg/');
    assert.equal(safeHref('HTTP://A.EXAMPLE'), 'http://a.example/');
    for (const bad of ['javascript:alert(1)', 'ftp://a.example/', 'https://', 'https://a b', 'mailto:a@b.c', `https://a.example/${'x'.repeat(600)}`]) {
      assert.equal(safeHref(bad), undefined, bad);
    }
  });

  it('lets a body with only the subset through', () => {
    assert.deepEqual(bodyProblems('## 标题\n\n**粗** *斜* [链接](https://a.example/)\n\n- 甲\n1. 一\n\n3 < 5 且 a>b'), []);
  });
});
