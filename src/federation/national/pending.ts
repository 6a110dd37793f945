/**
 * What the platform keeps server-side while a 国家政务服务平台 login is under way, in platform.kv
 * with a short TTL, keyed by a random id that only the browser's HttpOnly cookie carries:
 *   flow     between leaving for the upstream and its callback (state, nonce, PKCE verifier);
 *   pending  between the callback and the confirmation / log-in-to-link / registration.
 * The document number is kept encrypted, like everywhere else.
 */
import { randomBytes } from 'node:crypto';
import type { DocumentType } from '../../accounts/rules.ts';
import type { Platform } from '../../platform/platform.ts';
import { FLOW_TTL_MS, PENDING_TTL_MS, type UpstreamPerson } from './rules.ts';
import type { FlowChecks } from './upstream.ts';

export interface Flow {
  checks: FlowChecks;
  returnPath: string | undefined;
}

export type PendingStep = 'confirm' | 'login_to_link' | 'register';

export interface Pending {
  step: PendingStep;
  /** The verified account to confirm (step confirm). */
  accountId?: string;
  person: UpstreamPerson;
  returnPath: string | undefined;
}

interface StoredPending extends Omit<Pending, 'person'> {
  person: Omit<UpstreamPerson, 'documentNumber' | 'name'> & { documentNumberEnc: string; nameEnc: string };
}

const newId = () => randomBytes(24).toString('base64url');
const flowKey = (id: string) => `national:flow:${id}`;
const pendingKey = (id: string) => `national:pending:${id}`;
/** Ids are ours: anything else from a cookie is not looked up. */
const wellFormed = (id: string | undefined): id is string => typeof id === 'string' && /^[\w-]{32}$/.test(id);

export function nationalState(platform: Platform) {
  const { kv, cipher } = platform;
  return {
    async saveFlow(flow: Flow): Promise<string> {
      const id = newId();
      await kv.set(flowKey(id), JSON.stringify(flow), FLOW_TTL_MS);
      return id;
    },
    /** Single use: a replayed callback finds nothing. */
    async takeFlow(id: string | undefined): Promise<Flow | undefined> {
      if (!wellFormed(id)) return undefined;
      const value = await kv.take(flowKey(id));
      return value ? (JSON.parse(value) as Flow) : undefined;
    },

    async savePending(pending: Pending): Promise<string> {
      const id = newId();
      const { documentNumber, name, ...rest } = pending.person;
      const stored: StoredPending = { ...pending, person: { ...rest, documentNumberEnc: cipher.encrypt(documentNumber), nameEnc: cipher.encrypt(name) } };
      await kv.set(pendingKey(id), JSON.stringify(stored), PENDING_TTL_MS);
      return id;
    },
    async findPending(id: string | undefined): Promise<Pending | undefined> {
      if (!wellFormed(id)) return undefined;
      const value = await kv.get(pendingKey(id));
      if (!value) return undefined;
      const stored = JSON.parse(value) as StoredPending;
      const { documentNumberEnc, nameEnc, ...rest } = stored.person;
      return {
        ...stored,
        person: { ...rest, documentType: rest.documentType as DocumentType, documentNumber: cipher.decrypt(documentNumberEnc), name: cipher.decrypt(nameEnc) },
      };
    },
    async endPending(id: string): Promise<void> {
      await kv.delete(pendingKey(id));
    },
  };
}
