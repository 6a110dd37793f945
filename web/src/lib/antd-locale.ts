/**
 * antd's locales with one accessibility fix: the date picker's header buttons show "2040年" and
 * "Jan" but are named "选择年份" / "选择月份" by aria-label, so a speech-input user saying what they
 * see cannot reach them (WCAG 2.5.3, axe label-content-name-mismatch). With the labels empty
 * the buttons are named by their visible text (an empty aria-label counts for nothing). The ES
 * builds of the locales on purpose: the CommonJS ones reach the bundle wrapped in a second
 * `default`, and the change would silently miss them.
 */
import type { Locale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';

function withVisiblePickerNames(locale: Locale): Locale {
  const picker = locale.DatePicker;
  if (!picker) return locale;
  const lang = { ...picker.lang, yearSelect: '', monthSelect: '', decadeSelect: '' } as unknown as typeof picker.lang;
  return { ...locale, DatePicker: { ...picker, lang } };
}

export const ANTD_LOCALES = { zh: withVisiblePickerNames(zhCN), en: withVisiblePickerNames(enUS) } as const;
