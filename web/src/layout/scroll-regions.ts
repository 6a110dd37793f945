/**
 * Wide tables scroll sideways inside their own box (antd's .ant-table-content / .ant-table-body).
 * A keyboard user must be able to scroll them too (WCAG 2.1.1; axe scrollable-region-focusable):
 * every such box that really scrolls gets tabindex=0 and a name, and loses them when it fits again.
 */
import { useEffect } from 'react';
import { useI18n } from '../lib/i18n.tsx';

const SCROLLERS = '.ant-table-content, .ant-table-body, .admin-wide-table';
const MARK = 'data-scroll-region';

function update(root: HTMLElement, label: string) {
  for (const box of Array.from(root.querySelectorAll<HTMLElement>(SCROLLERS))) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    const hasFocusable = !!box.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
    if (scrolls && !hasFocusable) {
      if (!box.hasAttribute(MARK)) {
        box.setAttribute(MARK, '');
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', label);
      }
    } else if (box.hasAttribute(MARK)) {
      box.removeAttribute(MARK);
      box.removeAttribute('tabindex');
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  }
}

/** Keeps the scrolling boxes under the element with this id (once `ready`: rendered) reachable by keyboard. */
export function useFocusableScrollRegions(rootId: string, ready = true) {
  const { t } = useI18n();
  const label = t('可横向滚动的表格', 'Table, scrolls sideways');
  useEffect(() => {
    const root = ready ? document.getElementById(rootId) : null;
    if (!root) return;
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => update(root, label));
    };
    const observer = new MutationObserver(schedule);
    observer.observe(root, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', schedule);
    };
  }, [rootId, label, ready]);
}
