/** Where 办理入口 lives, shared by the server and the web app. */

/** The entry button's target: checks, then a redirect into the system (GET /sso/enter/:systemKey). */
export const ENTER_PREFIX = '/sso/enter';

/** The portal page that explains a refusal (web/src/entry/EntryPage.tsx). */
export const ENTRY_PAGE_PREFIX = '/services/entry';

export const enterPath = (systemKey: string) => `${ENTER_PREFIX}/${encodeURIComponent(systemKey)}`;
export const entryPagePath = (systemKey: string) => `${ENTRY_PAGE_PREFIX}/${encodeURIComponent(systemKey)}`;
