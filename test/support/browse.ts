import type { ApiClient } from './client.ts';

const cookieHeader = (browser: ApiClient) => [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * Follows redirects as a browser would, keeping the client's cookies and submitting the
 * auto-submitting forms oidc-provider answers some steps with, until a page answers or a
 * redirect leads to `stopAt` (e.g. a business system's callback). Returns where it stopped.
 */
export async function followRedirects(browser: ApiClient, url: string, options: { stopAt?: string; init?: RequestInit } = {}) {
  let current = new URL(url, browser.baseUrl);
  let init = options.init ?? {};
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(current, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(browser) } });
    for (const line of response.headers.getSetCookie()) browser.storeCookie(line);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, current);
      if (options.stopAt && next.href.startsWith(options.stopAt)) return { status: response.status, url: next, text: '' };
      current = next;
      init = {};
      continue;
    }
    const text = await response.text();
    const form = text.match(/<form[^>]*method="post"[^>]*action="([^"]+)"/);
    if (response.status === 200 && form && /document\.forms\[0\]\.submit|onload/.test(text)) {
      const fields = Object.fromEntries([...text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      current = new URL(form[1]!, current);
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
      continue;
    }
    return { status: response.status, url: current, text };
  }
  throw new Error('too many redirects');
}
