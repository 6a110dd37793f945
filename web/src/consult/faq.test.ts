/**
 * The FAQ of 办事咨询 keeps the seed's words: faq-data.json is what faq-from-seed.ts reads from
 * shared/seeds/platform-faq.md (compared when the seeds are beside the repository, skipped
 * otherwise), every question and answer line is a line of the seed, and the search finds
 * questions by their heading and by their answer.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FAQ, highlight, searchFaq } from './faq.ts';
import { faqFromSeed } from './faq-from-seed.ts';

const SEED = new URL('../../../../shared/seeds/platform-faq.md', import.meta.url);
const seed = existsSync(SEED) ? readFileSync(SEED, 'utf8') : null;
const skip = seed === null && 'seeds not beside the repository';

describe('the FAQ data', () => {
  it('is what the generator reads from the seed today', { skip }, () => {
    assert.deepEqual(faqFromSeed(seed!), FAQ);
  });

  it('holds only lines of the seed, word for word', { skip }, () => {
    const lines = new Set(seed!.split(/\r?\n/).map((l) => l.trim()));
    for (const section of FAQ) {
      assert.ok(lines.has(section.title), section.title);
      for (const q of section.questions) {
        assert.ok(lines.has(q.question), q.question);
        for (const paragraph of q.answer) assert.ok(lines.has(paragraph), paragraph);
      }
    }
  });

  it('has the FAQ’s sections and questions, each with an answer', () => {
    assert.deepEqual(
      FAQ.map((s) => s.title),
      ['一、政务服务平台问题', '二、人类遗传系统问题', '三、如何办理火炬中心的各项业务', '四、因公出国（境）培训问题', '五、外国专家项目管理信息系统问题'],
    );
    const questions = FAQ.flatMap((s) => s.questions);
    assert.ok(questions.every((q) => q.answer.length > 0));
    const first = questions.find((q) => q.question === '1.1 登录名与密码都忘记了');
    assert.deepEqual(first?.answer.slice(0, 2), ['(1) 自然人：点击用户登录→忘记密码→自然人申诉找回密码。', '(2) 法人：点击用户登录→忘记密码→单位法人用户申诉找回密码。']);
    // Group headings of section 一 (1. 登录问题) are not questions; screenshots' residue is not an answer.
    assert.ok(!questions.some((q) => q.question === '1. 登录问题'));
    assert.ok(!questions.flatMap((q) => q.answer).some((p) => /^(全国一体化政务服务平台|首页 服务事项|单位名称|已关注|办理入口)$/.test(p)));
  });
});

describe('the FAQ search', () => {
  it('finds questions by heading and by answer, keeps their sections, and everything for an empty query', () => {
    assert.deepEqual(searchFaq(FAQ, ''), [...FAQ]);
    const byHeading = searchFaq(FAQ, '验证码错误');
    assert.deepEqual(byHeading.flatMap((s) => s.questions.map((q) => q.question)), ['1.3 验证码错误']);
    const byAnswer = searchFaq(FAQ, '010-88225151');
    assert.deepEqual(byAnswer.map((s) => s.title), ['二、人类遗传系统问题']);
    assert.deepEqual(searchFaq(FAQ, 'WGZJXM').flatMap((s) => s.questions.map((q) => q.question)), ['2. 用以前账号登录显示登录名或密码错误']);
    assert.deepEqual(searchFaq(FAQ, '找不到的问题xyz'), []);
  });

  it('marks the matches for highlighting, case-insensitively', () => {
    assert.deepEqual(highlight('Google 与 google', 'GOOGLE'), [
      { text: 'Google', match: true },
      { text: ' 与 ', match: false },
      { text: 'google', match: true },
    ]);
    assert.deepEqual(highlight('无匹配', '有'), [{ text: '无匹配', match: false }]);
  });
});
