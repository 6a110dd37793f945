/**
 * For tests: a browser (the ApiClient's cookie jar) going through 国家政务服务平台账号登录 against
 * the test platform's own development upstream, over HTTP: the platform's start, the upstream's
 * login and consent pages, the callback. Imported by tests only.
 */
import assert from 'node:assert/strict';
import type { ApiClient } from '../../../test/support/client.ts';
import type { TestPlatform } from '../../../test/support/platform.ts';
import { DEFAULT_DATA_FILE } from '../../realname/registry/server.ts';
import { loadPeople, type UpstreamPerson } from './dev-upstream/people.ts';
import { NATIONAL_CALLBACK_PATH as CALLBACK_PATH, NATIONAL_PREFIX } from './rules.ts';

export const DEV_PEOPLE = loadPeople(DEFAULT_DATA_FILE);

export function devPerson(loginName: string): UpstreamPerson {
  const person = DEV_PEOPLE.find((p) => p.loginName === loginName);
  assert.ok(person, loginName);
  return person;
}

const cookieHeader = (browser: ApiClient) => [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

export interface Stop {
  status: number;
  url: URL;
  text: string;
}

/**
 * Follows redirects (cookies kept, as a browser shares them across the ports of one host) until
 * a page answers, or a redirect leads to a page of the platform outside /api (where the SPA takes over).
 */
export async function go(t: TestPlatform, browser: ApiClient, url: string | URL, init: RequestInit = {}, stopAt?: (url: URL) => boolean): Promise<Stop> {
  let current = new URL(url, t.baseUrl);
  let request = init;
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(current, { ...request, redirect: 'manual', headers: { ...(request.headers as Record<string, string>), cookie: cookieHeader(browser) } });
    for (const line of response.headers.getSetCookie()) browser.storeCookie(line);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, current);
      if (stopAt?.(next)) return { status: response.status, url: next, text: '' };
      if (next.origin === new URL(t.baseUrl).origin && !next.pathname.startsWith('/api/')) return { status: response.status, url: next, text: '' };
      current = next;
      request = {};
      continue;
    }
    return { status: response.status, url: current, text: await response.text() };
  }
  throw new Error('too many redirects');
}

const formAction = (page: Stop, name: 'login' | 'confirm' | 'abort') => {
  const match = page.text.match(new RegExp(`action="(/interaction/[\\w-]+/${name})"`));
  assert.ok(match, `no ${name} form on ${page.url}: ${page.text.slice(0, 300)}`);
  return new URL(match[1]!, page.url);
};

const postForm = (t: TestPlatform, browser: ApiClient, url: URL, fields: Record<string, string>, stopAt?: (url: URL) => boolean) =>
  go(t, browser, url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }, stopAt);

/**
 * Clicks 国家政务服务平台账号登录 and goes through the upstream as `person` (logging in and
 * consenting as far as the upstream asks), or refuses at the consent page. Ends where the
 * platform sends the browser: a portal page, the link page or the login page with its error.
 */
export async function nationalLogin(
  t: TestPlatform,
  browser: ApiClient,
  person: UpstreamPerson,
  options: { consent?: 'confirm' | 'abort'; returnPath?: string; stopAtCallback?: boolean } = {},
): Promise<URL> {
  const query = options.returnPath ? `?return=${encodeURIComponent(options.returnPath)}` : '';
  const stopAt = options.stopAtCallback ? (url: URL) => url.pathname === CALLBACK_PATH : undefined;
  let stop = await go(t, browser, `${NATIONAL_PREFIX}/start${query}`, {}, stopAt);
  if (stop.status === 200 && /name="username"/.test(stop.text)) {
    stop = await postForm(t, browser, formAction(stop, 'login'), { username: person.loginName, password: person.password }, stopAt);
  }
  if (stop.status === 200 && /同意授权/.test(stop.text)) {
    stop = await postForm(t, browser, formAction(stop, options.consent ?? 'confirm'), {}, stopAt);
  }
  assert.ok(stop.status >= 300 && stop.status < 400, `expected a redirect back to the platform, got ${stop.status} ${stop.url} ${stop.text.slice(0, 300)}`);
  return stop.url;
}

/** The upstream's /control: makes a person's document differ there, or undoes every change. */
export async function changeUpstreamDocument(t: TestPlatform, body: { loginName: string; documentNumber: string } | { reset: true }) {
  const res = await fetch(`${t.nationalUrl}/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, await res.text());
}
