/**
 * The FAQ of 办事咨询, read from the seed (shared/seeds/platform-faq.md, the platform's
 * 常见问题): sections (一、…), questions (their numbered headings) and answers, word for word.
 * The seed is a conversion of a document with screenshots; what remains of the screenshots
 * (the portal's header, form labels, table cells) is not part of an answer and is left out.
 * faq-data.json is this function's output (regenerate with `node web/src/consult/faq-from-seed.ts`);
 * faq.test.ts checks that the two still agree whenever the seeds are beside the repository.
 */

export interface FaqQuestion {
  /** The seed's heading, number included: '1.1 登录名与密码都忘记了'. */
  question: string;
  /** Paragraphs of the answer, in order. */
  answer: string[];
}

export interface FaqSection {
  /** '一、政务服务平台问题' */
  title: string;
  questions: FaqQuestion[];
}

const SECTION = /^([一二三四五六七八九十]+)、(.+)$/;
const SUB_QUESTION = /^\d+\.\d+\s*\S/;
const QUESTION = /^\d+\.\s+\S/;

/** Screenshot residue: the portal's header and navigation, forms' labels and table rows. */
const RESIDUE = [
  /^全国一体化政务服务平台/,
  /^科学技术部政务服务平台/,
  /^fuwu\.most\.gov\.cn$/,
  /^国家政务服务平台总门户/,
  /^站内搜索$/,
  /^首页\s+服务事项/,
  /^当前用户/,
  /^在线办事$/,
  /^实名认证指南$/,
  /\t/,
  /^(保存 取消|带\*号的为必填项)/,
  /^(自然人用户信息|法人单位基本信息 |系统已确认的|主代办人基本信息|自然人用户基本信息|法人\(单位\)授权办理情况|用户授权管理|授权操作|授权用户管理)/,
  /^(管理员用户授权自然人用户|法人用户授权自然人用户)：$/,
  // The service catalogue's screenshot (三.1): an item card's department, code and search box.
  /^(主办单位|事项编码)[:：]/,
  /^您要办理什么业务/,
];

/** A sentence of an answer has punctuation; a screenshot's label or button has none. */
const SENTENCE = /[，。：；！？、“”（）()：:,;]/;

function isResidue(line: string): boolean {
  if (RESIDUE.some((pattern) => pattern.test(line))) return true;
  // Short labels ('单位名称', '已关注', '办理入口') and rows of them ('服务指南 设定依据 申请条件').
  return !SENTENCE.test(line) && ([...line].length <= 16 || /\s/.test(line) || line.includes('...'));
}

/** The FAQ of the seed's text; the table of contents (with page numbers) is skipped. */
export function faqFromSeed(text: string): FaqSection[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const sections: FaqSection[] = [];
  let section: FaqSection | undefined;
  let question: FaqQuestion | undefined;
  let started = false;
  const seenSections = new Set<string>();

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (!line || /\.{3,}\s*\d+$/.test(line)) continue; // blank, or a contents line
    const sectionMatch = SECTION.exec(line);
    // A section number seen before is a screenshot's heading ('一、法人单位基本信息' in 三.1).
    if (sectionMatch && seenSections.has(sectionMatch[1]!)) continue;
    if (sectionMatch && (started || sectionMatch[1] === '一')) {
      started = true;
      seenSections.add(sectionMatch[1]!);
      section = { title: line, questions: [] };
      sections.push(section);
      question = undefined;
      continue;
    }
    if (!section) continue;
    if (SUB_QUESTION.test(line)) {
      question = { question: line, answer: [] };
      section.questions.push(question);
      continue;
    }
    if (QUESTION.test(line)) {
      // A group heading of section 一 when its questions follow (1. 登录问题 → 1.1 …): not a question itself.
      const next = lines.slice(i + 1).find((l) => l && (SUB_QUESTION.test(l) || QUESTION.test(l) || !isResidue(l)));
      if (next && next.startsWith(`${line.split('.')[0]}.`) && SUB_QUESTION.test(next)) {
        question = undefined;
        continue;
      }
      question = { question: line, answer: [] };
      section.questions.push(question);
      continue;
    }
    if (question && !isResidue(line)) question.answer.push(line);
  }
  return sections.filter((s) => s.questions.length > 0);
}

// Regeneration: node web/src/consult/faq-from-seed.ts [path-to-seed] > web/src/consult/faq-data.json
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import('node:fs');
  const path = process.argv[2] ?? new URL('../../../../shared/seeds/platform-faq.md', import.meta.url).pathname;
  process.stdout.write(`${JSON.stringify(faqFromSeed(readFileSync(path, 'utf8')), null, 2)}\n`);
}
