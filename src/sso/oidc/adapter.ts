/**
 * oidc-provider's storage adapter: one instance per model name. Artefacts go to the
 * OidcArtefactStore (PostgreSQL, or Redis behind the same interface) through the request's
 * unit of work (unit-of-work.ts); clients are not stored here but read from the business
 * systems registry (through this node's short-lived cache, systems-cache.ts, which the back
 * office's changes clear).
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { clientMetadataFor } from './rules.ts';
import type { OidcArtefactStore } from './store.ts';
import type { SystemsCache } from './systems-cache.ts';
import { artefactAdapter } from './unit-of-work.ts';

export function adapterFactory(store: OidcArtefactStore, systems: SystemsCache): (model: string) => Adapter {
  return (model) => (model === 'Client' ? clientAdapter(systems) : artefactAdapter(model, store));
}

/** Clients are the enabled business systems that have an OIDC client; registered in the back office only. */
function clientAdapter(systems: SystemsCache): Adapter {
  const readOnly = async () => {
    throw new Error('OIDC clients are registered as business systems, not through the provider');
  };
  return {
    async find(clientId) {
      // oidc-provider keeps a Client per hash of this metadata: no new one while nothing changed.
      const system = await systems.byClientId(clientId);
      return system && (clientMetadataFor(system) as AdapterPayload | undefined);
    },
    upsert: readOnly,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: readOnly,
    destroy: readOnly,
    revokeByGrantId: async () => undefined,
  };
}

