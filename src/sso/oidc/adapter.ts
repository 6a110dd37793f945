/**
 * oidc-provider's storage adapter: one instance per model name. Artefacts go to the
 * OidcArtefactStore (PostgreSQL, or Redis behind the same interface); clients are not
 * stored here but read from the business systems registry, so operators' changes apply at once.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { SystemsStore } from '../systems-store.ts';
import { clientMetadataFor } from './rules.ts';
import type { OidcArtefactStore } from './store.ts';

export function adapterFactory(store: OidcArtefactStore, systems: SystemsStore): (model: string) => Adapter {
  return (model) => (model === 'Client' ? clientAdapter(systems) : artefactAdapter(model, store));
}

function artefactAdapter(model: string, store: OidcArtefactStore): Adapter {
  return {
    upsert: (id, payload, expiresIn) => store.upsert(model, id, payload, expiresIn),
    find: async (id) => (await store.find(model, id)) as AdapterPayload | undefined,
    findByUid: async (uid) => (await store.findByUid(model, uid)) as AdapterPayload | undefined,
    findByUserCode: async (userCode) => (await store.findByUserCode(model, userCode)) as AdapterPayload | undefined,
    consume: (id) => store.consume(model, id),
    destroy: (id) => store.destroy(model, id),
    revokeByGrantId: (grantId) => store.revokeByGrantId(model, grantId),
  };
}

/** Clients are the enabled business systems that have an OIDC client; registered in the back office only. */
function clientAdapter(systems: SystemsStore): Adapter {
  const readOnly = async () => {
    throw new Error('OIDC clients are registered as business systems, not through the provider');
  };
  return {
    async find(clientId) {
      const system = await systems.findByClientId(clientId);
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
