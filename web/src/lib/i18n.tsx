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

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'));
  const setLang = (next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  };
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  return <I18nContext.Provider value={{ lang, setLang, t }}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);

/** A label pair from a catalogue entry ({ zh, en }). */
export function useLabel() {
  const { lang } = useI18n();
  return (entry: { zh: string; en: string }) => entry[lang];
}
