import { Button } from 'antd';
import { createContext, useContext, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** Chinese first: the seeds' wording is the zh text; en is its translation. */
  t(zh: string, en: string): string;
}

const I18nContext = createContext<I18n>({ lang: 'zh', setLang: () => {}, t: (zh) => zh });
const STORAGE_KEY = 'lang';

/** The document's `lang` for a language of the portal. */
export const htmlLang = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const stored: Lang = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
    // From the first render: a screen reader reads the page in the language chosen (WCAG 3.1.1).
    document.documentElement.lang = htmlLang(stored);
    return stored;
  });
  const setLang = (next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = htmlLang(next);
    setLangState(next);
  };
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  return <I18nContext.Provider value={{ lang, setLang, t }}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);

/**
 * The language switch: one button (one tab stop) naming the other language in that language,
 * e.g. 「English」 while the page is in Chinese.
 */
export function LanguageToggle({ className }: { className?: string }) {
  const { lang, setLang } = useI18n();
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return (
    <Button className={className} size="small" autoInsertSpace={false} lang={htmlLang(other)} onClick={() => setLang(other)}>
      {other === 'en' ? 'English' : '中文'}
    </Button>
  );
}

/** A label pair from a catalogue entry ({ zh, en }). */
export function useLabel() {
  const { lang } = useI18n();
  return (entry: { zh: string; en: string }) => entry[lang];
}
