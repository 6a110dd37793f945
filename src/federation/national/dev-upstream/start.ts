/**
 * Starts the development national platform beside the platform (src/main.ts, test platforms)
 * and points the platform's NATIONAL_IDP_* configuration at it; the platform's callback is
 * registered with it once the platform's base URL is known.
 */
import type { Config } from '../../../platform/config.ts';
import { DEFAULT_DATA_FILE } from '../../../realname/registry/server.ts';
import { NATIONAL_CALLBACK_PATH } from '../rules.ts';
import { DEV_UPSTREAM_HOST, createDevUpstream, type DevUpstream } from './server.ts';

export const DEV_UPSTREAM_CLIENT = { clientId: 'most-identity-platform', clientSecret: 'dev-national-client-secret-0123456789' } as const;

export async function startDevUpstream(config: Config, port = config.nationalIdp.devPort): Promise<{ upstream: DevUpstream; registerPlatform(baseUrl: string): void }> {
  const upstream = createDevUpstream({ dataFile: config.registry.dataFile ?? DEFAULT_DATA_FILE, ...DEV_UPSTREAM_CLIENT, allowControl: true });
  const issuer = await upstream.listen(port, DEV_UPSTREAM_HOST);
  config.nationalIdp = { ...config.nationalIdp, issuer, ...DEV_UPSTREAM_CLIENT };
  return { upstream, registerPlatform: (baseUrl) => upstream.registerClient(baseUrl + NATIONAL_CALLBACK_PATH) };
}
