/**
 * The way back through the login page: whoever sends the browser to /login (a sign-in in
 * progress at /sso/interaction or /cas/login, 办理入口, a portal page behind login) says where
 * to go after with ?return=<relative path>. Detours of the login (the forced password change,
 * registration, 忘记密码) carry the same parameter on. Shared by the server and the web app:
 * the server builds login links with loginPathFor, the web reads them with returnPathFrom.
 */

export const LOGIN_PATH = '/login';

/** The parameter carrying the way back. */
export const RETURN_PARAM = 'return';

/** Older names of RETURN_PARAM still honoured, for links already out there (?next= of the portal). */
export const RETURN_PARAM_ALIASES = ['next'] as const;

/**
 * The forced password change (FAQ 1.4 密码过期, a one-time or a weak migrated password): a
 * session waiting for it is logged in but may do nothing else, so whoever would send it to the
 * login page sends it here instead, with the same way back (issue 14.13).
 */
export const PASSWORD_CHANGE_PATH = '/password/expired';

/** Where a login goes when nothing (or nothing safe) says otherwise: the user's 我的信息. */
export const DEFAULT_LANDING = '/online/my-info';

/** Paths the platform's server answers (sign-on, 办理入口): reached by a full page load, not by the portal's router. */
const SERVER_PREFIXES = ['/oidc', '/sso', '/cas'] as const;

/** Paths that are not pages: never a place to come back to. */
const REFUSED_PREFIXES = ['/api', '/dev', LOGIN_PATH] as const;

/** Room for /cas/login with a long service URL (the CAS routes take up to 4096 characters), escaped. */
const MAX_LENGTH = 16_384;
const BASE = 'https://return-path.invalid';

/** `/x` itself or below it (`/x/...`, `/x?...`), not `/xy`. */
const under = (path: string, prefix: string) => path === prefix || (path.startsWith(prefix) && ['/', '?', '#'].includes(path.charAt(prefix.length)));

/** Browsers drop tabs and newlines inside URLs ("/\t/evil" becomes "//evil") and read "\" as "/". */
const hostile = (text: string) => text.startsWith('//') || /[\u0000-\u001f\u007f\\]/.test(text);

/**
 * The path part percent-decoded until it stops changing (as a server or script decoding it
 * again would see it), or undefined when it still changes after a few rounds. A malformed
 * escape stops the decoding: nothing can decode it further either.
 */
function decodedPath(value: string): string | undefined {
  let path = value.split(/[?#]/, 1)[0]!;
  for (let round = 0; round < 4; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(path);
    } catch {
      return path;
    }
    if (next === path) return path;
    path = next;
  }
  return undefined;
}

/**
 * The path to go back to, or undefined when it could lead off this site or is no page: only
 * a relative path starting with a single `/`, no control characters or backslashes, also once
 * its path is percent-decoded (`/%2F%2Fevil`), that the URL parser keeps on this origin. The
 * answer is the parser's normalised form (dot segments resolved).
 */
export function safeReturnPath(value: string | null | undefined): string | undefined {
  if (!value || value.length > MAX_LENGTH || !value.startsWith('/') || hostile(value)) return undefined;
  const decoded = decodedPath(value);
  if (decoded === undefined || hostile(decoded)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (REFUSED_PREFIXES.some((prefix) => under(url.pathname, prefix))) return undefined;
  return path;
}

/** The safe way back in a query string: ?return=, else an alias (?next=); undefined when absent or refused. */
export function returnPathFrom(query: URLSearchParams): string | undefined {
  for (const name of [RETURN_PARAM, ...RETURN_PARAM_ALIASES]) {
    const value = query.get(name);
    if (value !== null) return safeReturnPath(value);
  }
  return undefined;
}

/** Whether the platform's server answers this path (a full page load) rather than the portal's router. */
export function isServerPath(path: string): boolean {
  return SERVER_PREFIXES.some((prefix) => under(path, prefix));
}

export type ReturnTarget = { load: 'server' | 'portal'; path: string };

/** Where to go after the login (or its detour): the safe way back, else `fallback`; and how to get there. */
export function returnTarget(returnPath: string | null | undefined, fallback = DEFAULT_LANDING): ReturnTarget {
  const path = safeReturnPath(returnPath) ?? fallback;
  return { load: isServerPath(path) ? 'server' : 'portal', path };
}

/** `path` (a portal page, maybe with a query) carrying the way back on; unchanged when there is none safe. */
export function withReturnPath(path: string, returnPath: string | null | undefined): string {
  const back = safeReturnPath(returnPath);
  if (!back) return path;
  const hash = path.indexOf('#');
  const base = hash === -1 ? path : path.slice(0, hash);
  const fragment = hash === -1 ? '' : path.slice(hash);
  return `${base}${base.includes('?') ? '&' : '?'}${new URLSearchParams({ [RETURN_PARAM]: back })}${fragment}`;
}

/**
 * Our login page, coming back to `returnPath` after (dropped if it is not safe: the login
 * page would refuse it anyway); `force` asks for a new login even when signed in, `kind`
 * opens the window of that kind of account.
 */
export function loginPathFor(returnPath: string, options: { force?: boolean; kind?: 'natural' | 'legal' } = {}): string {
  const back = safeReturnPath(returnPath);
  const query = new URLSearchParams();
  if (back) query.set(RETURN_PARAM, back);
  if (back && options.force) query.set('force', '1');
  if (options.kind) query.set('kind', options.kind);
  return query.size ? `${LOGIN_PATH}?${query}` : LOGIN_PATH;
}

/** The forced password change, coming back to `returnPath` after (dropped if it is not safe). */
export function passwordChangePathFor(returnPath: string): string {
  return withReturnPath(PASSWORD_CHANGE_PATH, returnPath);
}
