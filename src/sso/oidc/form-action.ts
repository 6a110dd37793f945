/**
 * The provider's pages whose form ends at a business system: form_post (the code, posted to a
 * redirect URI) and the logout confirmation (its answer redirects to a post-logout redirect URI,
 * and browsers hold that redirect to form-action too). Their Content-Security-Policy lets forms
 * go to the origins this client registered; every other page keeps forms to the platform.
 */
import type { KoaContextWithOIDC } from 'oidc-provider';
import { withFormActions } from '../../platform/http/security-headers.ts';

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

export async function clientFormActions(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  await next();
  const client = ctx.oidc?.client;
  const csp = ctx.response.get('content-security-policy');
  if (!client || typeof csp !== 'string' || !csp || !ctx.response.is('html')) return;
  const origins = [...(client.redirectUris ?? []), ...(client.postLogoutRedirectUris ?? [])].map(originOf);
  ctx.set('content-security-policy', withFormActions(csp, origins.filter((origin): origin is string => origin !== undefined && origin !== 'null')));
}
