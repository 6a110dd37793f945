/**
 * The platform's API for business systems (我的事项, 结果公示, later approvals of organisations):
 * a system calls it with the access token of its own OIDC client's client_credentials grant,
 * scope `system`. Enforces: a Bearer token is present; it is a live client_credentials token of
 * the platform holding the system scope; its client is a registered system that is enabled now.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { oidcRuntime } from '../oidc/provider.ts';
import { SYSTEM_API_SCOPE } from '../oidc/rules.ts';
import { systemsStore } from '../systems-store.ts';

/** The business system behind a system API call. */
export interface CallingSystem {
  id: string;
  key: string;
  name: string;
  clientId: string;
}

/** Where the system API lives: outside /api/, whose CSRF check is for browsers with cookies. */
export const SYSTEM_API_PREFIX = '/system-api/v1';

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

/** The token of the Authorization header, or undefined when there is none of the Bearer kind. */
export function bearerToken(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header.trim())?.[1] : undefined;
}

/** The calling system, or 401 (SYSTEM_TOKEN_MISSING / SYSTEM_TOKEN_INVALID / SYSTEM_DISABLED). */
export async function authenticateSystem(platform: Platform, request: FastifyRequest): Promise<CallingSystem> {
  const value = bearerToken(request.headers.authorization);
  if (!value) throw new AppError('SYSTEM_TOKEN_MISSING', 401);
  const { provider } = await oidcRuntime(platform).current();
  // Only the ClientCredentials model: a person's access token (code flow) is another model and never found here.
  const token = await provider.ClientCredentials.find(value);
  const scopes = new Set((token?.scope ?? '').split(' '));
  if (!token?.clientId || !scopes.has(SYSTEM_API_SCOPE)) throw new AppError('SYSTEM_TOKEN_INVALID', 401);
  // Read now, not from the sign-on cache: a system disabled a moment ago calls nothing more.
  const system = await systemsStore(platform.db, platform.cipher).findByClientId(token.clientId);
  if (!system) throw new AppError('SYSTEM_TOKEN_INVALID', 401);
  if (!system.enabled) throw new AppError('SYSTEM_DISABLED', 401);
  return { id: system.id, key: system.key, name: system.name, clientId: token.clientId };
}
