/**
 * Keyboard shortcuts of the review page (issue 18.3): N 下一条 (the next waiting case), A 审核通过
 * (which still asks for confirmation), R 审核不通过. Not while typing, not with a modifier,
 * not while a dialog is open.
 */
import { useEffect, useRef } from 'react';

export const REVIEW_SHORTCUTS = { next: 'n', approve: 'a', reject: 'r' } as const;

type Action = keyof typeof REVIEW_SHORTCUTS;

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useReviewShortcuts(actions: Partial<Record<Action, () => void>>): void {
  const current = useRef(actions);
  current.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || typing(event.target)) return;
      if ([...document.querySelectorAll('.ant-modal')].some((dialog) => dialog.getClientRects().length > 0)) return;
      const action = (Object.keys(REVIEW_SHORTCUTS) as Action[]).find((name) => REVIEW_SHORTCUTS[name] === event.key.toLowerCase());
      const run = action && current.current[action];
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
