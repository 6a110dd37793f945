import { useEffect } from 'react';

/** The element antd writes a field's messages into (Form.Item's ErrorList, id `<field id>_help`). */
const MESSAGES_SELECTOR = '.ant-form-item-explain';

/** Gives antd's message blocks under `root` the alert role, so that screen readers say them. */
function markAlerts(root: ParentNode): void {
  if (root instanceof Element && root.matches(MESSAGES_SELECTOR) && !root.hasAttribute('role')) root.setAttribute('role', 'alert');
  for (const element of root.querySelectorAll(`${MESSAGES_SELECTOR}:not([role])`)) element.setAttribute('role', 'alert');
}

/**
 * Has form errors read out as they appear (WCAG 3.3.1, 4.1.3): antd writes them under their
 * fields without telling screen readers. Mounted once in App.tsx, it watches the page and gives
 * each field's message block role="alert" as antd inserts it (before the browser's next
 * accessibility update, so the block is an alert from the start), so no form has to do
 * anything. The message itself stays where it is, once: each field still points at it with
 * aria-describedby (antd sets it; our fields keep it valid). Renders nothing.
 */
export function FormErrorAnnouncer() {
  useEffect(() => {
    markAlerts(document.body);
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) if (node instanceof Element) markAlerts(node);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return null;
}
