import type { MouseEvent } from 'react';
import { useI18n } from '../lib/i18n.tsx';

/** The id of the frame's one `main` landmark, the skip link's target. */
export const MAIN_ID = 'main-content';

/** 跳到主要内容: the first tab stop of every page; moves focus to the page's main content (WCAG 2.4.1). */
export function SkipLink() {
  const { t } = useI18n();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    // The router would take the #hash for a navigation: move focus ourselves.
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={skip}>
      {t('跳到主要内容', 'Skip to main content')}
    </a>
  );
}
