/**
 * Messages of the shared field types: a stable code, Chinese first, English second.
 * `{max}`, `{min}` and `{label}` are filled from the params, so a message
 * names the rule or the limit the value broke.
 */
export const FIELD_MESSAGES: Record<string, { zh: string; en: string }> = {
  INVALID: { zh: '此项格式不正确', en: 'This value is not valid' },
  DATE_INVALID: { zh: '请填写有效日期，格式为YYYY-MM-DD', en: 'Enter a real calendar date as YYYY-MM-DD' },
  DATE_IN_FUTURE: { zh: '日期不能晚于今天', en: 'The date cannot be later than today' },
  DATE_TOO_EARLY: { zh: '日期不能早于{min}', en: 'The date cannot be earlier than {min}' },
  DATE_TOO_LATE: { zh: '日期不能晚于{max}', en: 'The date cannot be later than {max}' },
  DATETIME_INVALID: { zh: '请填写有效时间，格式为YYYY-MM-DD HH:mm', en: 'Enter a real date and time as YYYY-MM-DD HH:mm' },
  DATE_END_BEFORE_START: { zh: '终止日期不能早于起始日期', en: 'The end date cannot be before the start date' },
  PERSON_NAME_CHARS: {
    zh: '姓名只能包含汉字、字母、间隔号“·”和分隔外文单词的空格，不能包含数字、符号或表情',
    en: 'A name may contain only Chinese characters, letters, the middle dot “·” and spaces between Latin words; no digits, symbols or emoji',
  },
  PERSON_NAME_SPACE: {
    zh: '姓名中的空格只能用于分隔外文单词，且不能连续使用',
    en: 'Spaces in a name may only separate Latin words, one at a time',
  },
  PERSON_NAME_TOO_LONG: { zh: '姓名不能超过{max}个字符', en: 'The name must not be longer than {max} characters' },
  ORGANIZATION_NAME_CHARS: {
    zh: "单位名称只能包含汉字、字母、数字、括号“（）()”和“·.,&'-、”等登记名称中使用的符号",
    en: "An organisation name may contain only Chinese characters, letters, digits, the brackets “（）()” and the marks “·.,&'-、” used in registered names",
  },
  ORGANIZATION_NAME_TOO_LONG: { zh: '单位名称不能超过{max}个字符', en: 'The organisation name must not be longer than {max} characters' },
  TEXT_CONTROL_CHARS: {
    zh: '不能包含控制字符、零宽字符或无效字符',
    en: 'Must not contain control, zero-width or invalid characters',
  },
  TEXT_TOO_LONG: { zh: '不能超过{max}个字符', en: 'Must not be longer than {max} characters' },
};
