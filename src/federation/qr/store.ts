/**
 * QR login requests in the shared short-lived store (platform.kv: PostgreSQL on one node, Redis on
 * several), so any node can answer any step. Each step that must happen once (the first scan, the
 * one decision, the one completion) is claimed with an atomic kv operation, not decided by reading
 * the record and writing it back: two nodes racing cannot both win.
 */
import type { KeyValueStore } from '../../platform/kv.ts';
import { KEEP_AFTER_EXPIRY_MS, type QrState } from './rules.ts';

export interface QrRequest {
  id: string;
  /** sha256 of the binding cookie's secret: the secret itself is only in the waiting browser. */
  secretHash: string;
  state: QrState;
  /** The platform's host the code was shown on. */
  site: string;
  /** "Chrome · Windows" */
  browser: string;
  /** The requesting IP, masked (192.168.*.*). */
  origin: string;
  createdAt: number;
  expiresAt: number;
  /** The id hash of the session that scanned it. */
  scannedBy?: string;
  accountId?: string;
  confirmedAt?: number;
}

const key = {
  request: (id: string) => `qr:req:${id}`,
  claim: (step: 'scan' | 'decide', id: string) => `qr:${step}:${id}`,
  /** The confirmed account, taken (read and deleted at once) by the one completion. */
  grant: (id: string) => `qr:grant:${id}`,
};

export function qrStore(kv: KeyValueStore, now: () => number = Date.now) {
  /** Kept until a while after the code's time is up (see KEEP_AFTER_EXPIRY_MS). */
  const keepFor = (request: QrRequest) => Math.max(1, request.expiresAt + KEEP_AFTER_EXPIRY_MS - now());
  return {
    async find(id: string): Promise<QrRequest | undefined> {
      const value = await kv.get(key.request(id));
      return value === undefined ? undefined : (JSON.parse(value) as QrRequest);
    },
    async save(request: QrRequest): Promise<void> {
      await kv.set(key.request(request.id), JSON.stringify(request), keepFor(request));
    },
    /** True for the first caller only (of this step of this request), whichever node it reached. */
    async claim(step: 'scan' | 'decide', request: QrRequest): Promise<boolean> {
      return (await kv.increment(key.claim(step, request.id), keepFor(request))) === 1;
    },
    async grant(request: QrRequest, accountId: string): Promise<void> {
      await kv.set(key.grant(request.id), accountId, keepFor(request));
    },
    /** The confirmed account id, to one caller only; undefined to every other. */
    async takeGrant(id: string): Promise<string | undefined> {
      return kv.take(key.grant(id));
    },
  };
}

export type QrStore = ReturnType<typeof qrStore>;
