/**
 * The words of the upload pages, per subject, as the foreigner quickstart prints them
 * (4.1.4 自然人, 4.2.3 法人, 4.3.3 主代办人): title, 注意 list and the 说明 column.
 * The seed's "jpg格式" reads "jpg、png、jpeg格式" here, as the platform accepts all three (SPEC §3).
 */
import type { FieldLabel } from '../../../src/accounts/profile-fields.ts';
import type { VerificationStatus, VerificationSubject } from '../../../src/realname/rules.ts';

export interface Explanation {
  /** The rows (slots) the 说明 cell spans. */
  slots: string[];
  lines: FieldLabel[];
}

export interface SubjectTexts {
  title: FieldLabel;
  /** The My information button that opens the page. */
  button: FieldLabel;
  notices: FieldLabel[];
  /** The 说明 column; none for a natural person. */
  explanations: Explanation[];
}

const SUBMIT_FIRST = { zh: '请完成所有信息上传后点击“提交”按钮。', en: 'Upload all the files, then click “Submit”.' };
const VIEW_ONLY = {
  zh: '实名认证状态为“已实名认证”、“已审核认证”在此页面只能查看已上传信息。',
  en: 'Once verified or approved, this page only shows what was uploaded.',
};
const FILE_RULES = { zh: '上传文件类型必须是jpg、png、jpeg格式，且大小不超过1MB；', en: 'Files must be jpg, png or jpeg images of at most 1 MB;' };
const LAST_COUNTS = { zh: '同一类型材料可多次上传，以最后上传的材料为准；', en: 'A file may be uploaded again; the last upload counts;' };
const PLEASE_NOTE = { zh: '请注意：', en: 'Please note:' };

export const SUBJECT_TEXTS: Record<VerificationSubject, SubjectTexts> = {
  natural_person: {
    title: { zh: '自然人信息上传', en: 'Upload personal information' },
    button: { zh: '上传自然人信息', en: 'Upload personal information' },
    notices: [
      SUBMIT_FIRST,
      { zh: '如您在实名审核期间修改了个人相关信息，请重新上传相关信息。', en: 'If you change your personal information during the review, upload the files again.' },
      { zh: '用户证件相关信息须签字后上传。', en: 'Sign the copies of your identity document before uploading them.' },
      VIEW_ONLY,
    ],
    explanations: [],
  },
  organization: {
    title: { zh: '法人信息上传', en: 'Upload organisation information' },
    button: { zh: '上传法人信息', en: 'Upload organisation information' },
    notices: [
      SUBMIT_FIRST,
      { zh: '如您在实名审核期间修改了法人相关信息，请重新上传相关信息。', en: 'If you change the organisation information during the review, upload the files again.' },
      {
        zh: '境外单位、港澳台地区单位请在“其他资料”一栏上传相关证明材料，予以证明本单位为境外单位或港澳台地区单位。',
        en: 'Foreign and Hong Kong, Macao or Taiwan organisations: upload the proof of that status under “Other materials”.',
      },
      { zh: '法定代表人身份证需要同时上传彩色正反面扫描件并签字、加盖单位公章。', en: "The legal representative's ID card: colour scans of both sides, signed and stamped with the organisation's seal." },
      VIEW_ONLY,
    ],
    explanations: [
      {
        slots: ['business_licence', 'representative_document'],
        lines: [
          PLEASE_NOTE,
          { zh: `1、${FILE_RULES.zh}`, en: `1. ${FILE_RULES.en}` },
          { zh: `2、${LAST_COUNTS.zh}`, en: `2. ${LAST_COUNTS.en}` },
          { zh: '3、身份证需要同时上传彩色正反面扫描件并签字、加盖单位公章；', en: '3. ID cards: colour scans of both sides, signed and stamped with the seal;' },
          { zh: '4、所上传材料须为彩色公章扫描件。', en: '4. Every file must be a colour scan bearing the seal.' },
          { zh: '5、无证明材料的单位请在相应附件上传加盖单位公章的说明文件。', en: '5. Without such a document, upload a statement stamped with the seal instead.' },
        ],
      },
      {
        slots: ['other_1', 'other_2', 'other_3'],
        lines: [
          PLEASE_NOTE,
          { zh: '1、其他材料为非必须上传材料；', en: '1. Other materials are optional;' },
          { zh: '2、其他材料最多只能上传三份。', en: '2. At most three other materials can be uploaded.' },
        ],
      },
    ],
  },
  primary_agent: {
    title: { zh: '主代办人信息上传', en: 'Upload primary agent information' },
    button: { zh: '上传主代办人信息', en: 'Upload primary agent information' },
    notices: [
      SUBMIT_FIRST,
      { zh: '如您在实名审核期间修改了主代办人相关信息，请重新上传相关信息。', en: "If you change the primary agent's information during the review, upload the files again." },
      { zh: '主代办人身份证需要同时上传彩色正反面扫描件并签字、加盖单位公章。', en: "The primary agent's ID card: colour scans of both sides, signed and stamped with the organisation's seal." },
      VIEW_ONLY,
    ],
    explanations: [
      {
        slots: ['document_front', 'document_back'],
        lines: [
          PLEASE_NOTE,
          { zh: `1、${FILE_RULES.zh}`, en: `1. ${FILE_RULES.en}` },
          { zh: `2、${LAST_COUNTS.zh}`, en: `2. ${LAST_COUNTS.en}` },
          { zh: '3、身份证需要同时上传彩色正反面扫描件并签字、加盖单位公章。', en: '3. ID cards: colour scans of both sides, signed and stamped with the seal.' },
        ],
      },
    ],
  },
};

/** Shown once 提交 succeeded (4.1.4). */
export const SUBMITTED_NOTICE = { zh: '用户上传信息提交成功，请耐心等待实名认证信息。', en: 'Your files have been submitted. Please wait for the result of the real-name verification.' };

/** Before the other materials (foreigner manual 4.2.3: 如存在特殊情况请点击“此处”上传其他材料), 此处 a link. */
export const OTHER_MATERIALS_INTRO = {
  zh: { before: '如存在特殊情况请点击“', link: '此处', after: '”上传其他材料' },
  en: { before: 'In special cases, click ', link: 'here', after: ' to upload other materials' },
};

export const NOT_UPLOADED = { zh: '文件未上传', en: 'No file uploaded' };

/**
 * After a refused replacement the row is empty (issue 14.14): said after the refusal, so that
 * nobody takes the previous file for still being there.
 */
export const PREVIOUS_FILE_REMOVED = { zh: '原文件已移除，请重新上传', en: 'the previous file was removed; please upload again' };

/** 提交 while a 其他材料 row's upload was refused: that row goes without a file. */
export const submitWithoutRefused = (labels: FieldLabel[]): FieldLabel => ({
  zh: `${labels.map((l) => l.zh).join('、')}上传未成功，本次提交将不包含该材料。确定提交吗？`,
  en: `The upload of ${labels.map((l) => l.en).join(', ')} did not succeed; it will not be submitted. Submit anyway?`,
});

/** Why the page only shows the files: the current status, by its label. */
export function viewOnlyReason(status: { status: VerificationStatus; label: string; labelEn: string } | null): FieldLabel {
  if (!status) return { zh: '尚未进行实名认证，此页面只能查看已上传信息。', en: 'Real-name verification has not started; this page only shows what was uploaded.' };
  if (status.status === 'under_review') {
    return { zh: `当前实名认证状态为“${status.label}”，审核期间此页面只能查看已上传信息。`, en: `The status is “${status.labelEn}”: during the review this page only shows what was uploaded.` };
  }
  return { zh: `当前实名认证状态为“${status.label}”，此页面只能查看已上传信息。`, en: `The status is “${status.labelEn}”: this page only shows what was uploaded.` };
}
