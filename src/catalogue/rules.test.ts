import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoServiceItems } from '../demo/catalogue.ts';
import {
  AUDIENCE_LABELS,
  CATEGORIES,
  audienceCounts,
  audiencesServing,
  categoryLabel,
  containsPattern,
  entryPath,
  isItemCode,
  markMatches,
  normalizeSearch,
  servesAudience,
} from './rules.ts';
import { browseQuerySchema, itemCodeParamsSchema } from './schemas.ts';

describe('categories and audiences', () => {
  it('are the four kinds of service of the home page, in the seed order, with Chinese labels', () => {
    assert.deepEqual(CATEGORIES.map((c) => c.zh), ['行政许可', '科技创新与服务', '科技计划与经费', '其他']);
    assert.equal(categoryLabel('innovation_services').zh, '科技创新与服务');
    assert.equal(categoryLabel('unknown').zh, 'unknown');
    assert.equal(AUDIENCE_LABELS.natural.zh, '自然人');
    assert.equal(AUDIENCE_LABELS.legal.zh, '法人单位');
  });

  it('an item for both kinds of user shows when browsing 按用户 for either; others only for their own', () => {
    assert.deepEqual(audiencesServing('natural'), ['natural', 'both']);
    assert.ok(servesAudience('both', 'natural') && servesAudience('both', 'legal'));
    assert.ok(servesAudience('legal', 'legal') && !servesAudience('legal', 'natural'));
    assert.ok(!servesAudience('natural', 'legal'));
  });

  it('counts an item for both under each kind of user', () => {
    assert.deepEqual(audienceCounts({ natural: 1, legal: 5, both: 4 }), { natural: 5, legal: 9 });
    assert.deepEqual(audienceCounts({}), { natural: 0, legal: 0 });
  });
});

describe('事项编码 and search text', () => {
  it('an item code is twelve digits', () => {
    assert.ok(isItemCode('000106003000'));
    for (const bad of ['', '00010600300', '0001060030000', '00010600300A', '-----', '000106003000 ']) assert.ok(!isItemCode(bad), bad);
  });

  it('search text is trimmed and its blanks (also full-width) collapsed', () => {
    assert.equal(normalizeSearch('  外国人\u3000 来华  '), '外国人 来华');
    assert.equal(normalizeSearch(' \u3000 '), '');
  });

  it('LIKE wildcards in the search text are taken literally', () => {
    assert.equal(containsPattern('遗传'), '%遗传%');
    assert.equal(containsPattern('100%_a\\b'), '%100\\%\\_a\\\\b%');
  });

  it('marks every match, case-insensitively, keeping the original text', () => {
    assert.deepEqual(markMatches('外国人来华工作许可', '来华'), [
      { text: '外国人', match: false },
      { text: '来华', match: true },
      { text: '工作许可', match: false },
    ]);
    assert.deepEqual(markMatches('Torch torch', 'TORCH').map((p) => p.match), [true, false, true]);
    assert.deepEqual(markMatches('高新技术企业认定', ''), [{ text: '高新技术企业认定', match: false }]);
    assert.equal(markMatches('人类遗传资源管理', '遗传').map((p) => p.text).join(''), '人类遗传资源管理');
  });

  it('办理入口 goes to the platform entry endpoint of the system', () => {
    assert.equal(entryPath('tech-sme'), '/sso/enter/tech-sme');
    assert.equal(entryPath('a/b'), '/sso/enter/a%2Fb');
  });
});

describe('browse query', () => {
  it('accepts the filters, treats empty ones as absent and normalises the search', () => {
    assert.deepEqual(browseQuerySchema.parse({ audience: 'legal', category: '', q: '  高新 ', department: ' 引进国外智力管理司 ' }), {
      audience: 'legal',
      category: undefined,
      q: '高新',
      department: '引进国外智力管理司',
    });
  });

  it('refuses unknown audiences and categories and overlong text, each with its code', () => {
    const codeOf = (input: unknown) => browseQuerySchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(codeOf({ audience: 'both' }), 'CATALOGUE_AUDIENCE_INVALID');
    assert.equal(codeOf({ category: '行政许可' }), 'CATALOGUE_CATEGORY_INVALID');
    assert.equal(codeOf({ q: '检'.repeat(51) }), 'CATALOGUE_SEARCH_TOO_LONG');
    assert.equal(browseQuerySchema.safeParse({ q: ` ${'检'.repeat(50)} ` }).success, true);
    assert.equal(codeOf({ department: '司'.repeat(61) }), 'CATALOGUE_DEPARTMENT_TOO_LONG');
    assert.equal(itemCodeParamsSchema.safeParse({ code: 'abc' }).error?.issues[0]?.message, 'ITEM_CODE_INVALID');
  });
});

describe('demo catalogue', () => {
  it('has unique twelve-digit codes, a known category, guide sections with text, and parents before sub-items', () => {
    const items = demoServiceItems();
    const seen = new Set<string>();
    for (const item of items) {
      assert.ok(isItemCode(item.code), item.code);
      assert.ok(!seen.has(item.code), `duplicate ${item.code}`);
      if (item.parentCode) assert.ok(seen.has(item.parentCode), `${item.code} before its parent`);
      seen.add(item.code);
      assert.ok(CATEGORIES.some((c) => c.code === item.category));
      for (const section of item.guide) assert.ok(section.title && section.text, item.code);
    }
    for (const code of ['000106003000', '000106004000', '000706007000', '000706008000']) assert.ok(seen.has(code), code);
    assert.ok(CATEGORIES.every((c) => items.some((i) => i.category === c.code && !i.parentCode)), 'every category has items');
  });
});
