/**
 * A page's one level-one heading, and the document title that goes with it
 * (`页面名 - 科学技术部政务服务平台`, English when English is chosen): WCAG 2.4.2 and 1.3.1.
 * Every routed page renders exactly one of these; sections below it use level 2 and down.
 */
import { Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';

export const SITE_NAME = { zh: '科学技术部政务服务平台', en: 'MOST Government Service Platform' } as const;

/** Sets the document title for the page shown; for pages whose visible heading is drawn elsewhere. */
export function usePageTitle(zh: string, en: string) {
  const { lang } = useI18n();
  useEffect(() => {
    document.title = `${lang === 'zh' ? zh : en} - ${SITE_NAME[lang]}`;
  }, [lang, zh, en]);
}

export function PageHeading({ zh, en, extra }: { zh: string; en: string; extra?: ReactNode }) {
  const { t } = useI18n();
  usePageTitle(zh, en);
  return (
    <div className="page-heading-row">
      <Typography.Title level={1} className="page-heading">
        {t(zh, en)}
      </Typography.Title>
      {extra}
    </div>
  );
}
