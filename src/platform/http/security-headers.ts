/**
 * Security headers on every answer: the portal's pages and files, API answers, errors, and the
 * pages the sign-on servers write. They are set on the raw response as the request arrives,
 * because the OpenID Connect provider takes the response over (reply.hijack) and Fastify's
 * onSend hooks never see its pages.
 */
import type { FastifyInstance } from 'fastify';

type Directives = Record<string, string[]>;

/**
 * No inline script anywhere: the portal is a built bundle, the platform's own HTML pages
 * (sso/html-page.ts, dev-routes.ts) have none, and oidc-provider adds the sha256 of its
 * form_post page's one inline script to this header itself (its helpers/script_src_sha.js).
 */
const POLICY: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // antd writes its CSS-in-JS into <style> elements at run time and React writes style
  // attributes; a nonce would need a per-response index.html. Styles cannot run code.
  'style-src': ["'self'", "'unsafe-inline'"],
  // The image captcha is an SVG data: URL (web/src/components/CaptchaField.tsx).
  'img-src': ["'self'", 'data:'],
  // The audio captcha is fetched once and played from a blob: URL (a second fetch would change its answer).
  'media-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
  // The provider's pages whose forms end at a business system add its origins (sso/oidc/form-action.ts).
  'form-action': ["'self'"],
};

const serialize = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');

export const CONTENT_SECURITY_POLICY = serialize(POLICY);

/** The policy `csp` with these origins added to form-action (a policy without form-action is left as it is). */
export function withFormActions(csp: string, origins: readonly string[]): string {
  const directives: Directives = {};
  for (const directive of csp.split(';')) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name) directives[name] = values;
  }
  const formAction = directives['form-action'];
  if (!formAction) return csp;
  directives['form-action'] = [...new Set([...formAction, ...origins])];
  return serialize(directives);
}

/** One year; without includeSubDomains, since other services of the same domain may still be plain HTTP. */
const HSTS = 'max-age=31536000';

export function securityHeaders(baseUrl: string): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    // Not no-referrer: that would make browsers send `Origin: null` on the portal's own POSTs, which the CSRF check refuses.
    'referrer-policy': 'strict-origin-when-cross-origin',
    // frame-ancestors for browsers that predate it.
    'x-frame-options': 'DENY',
    ...(new URL(baseUrl).protocol === 'https:' ? { 'strict-transport-security': HSTS } : {}),
  };
}

export function registerSecurityHeaders(app: FastifyInstance, options: { baseUrl: string }): void {
  const headers = Object.entries(securityHeaders(options.baseUrl));
  app.addHook('onRequest', async (_request, reply) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
  });
}
