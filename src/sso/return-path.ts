/**
 * The way back from the login page to a sign-in in progress (OIDC interaction, CAS login):
 * the server sends the browser to /login?return=<relative path>, and the login page goes
 * there after a successful login. Shared by the server and the web app.
 */

export const LOGIN_PATH = '/login';

/**
 * The path to go back to, or undefined when it could lead off this site: only a relative
 * path starting with a single `/` (not `//` or `/\`, which browsers read as another host),
 * without control characters.
 */
export function safeReturnPath(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith('/')) return undefined;
  if (value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // Browsers drop tabs and newlines inside URLs, so "/\t/evil.example" would become "//evil.example".
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  return value;
}

/** Our login page, coming back to `returnPath` after; `force` asks for a new login even when signed in. */
export function loginPathFor(returnPath: string, options: { force?: boolean } = {}): string {
  const query = new URLSearchParams({ return: returnPath });
  if (options.force) query.set('force', '1');
  return `${LOGIN_PATH}?${query}`;
}
