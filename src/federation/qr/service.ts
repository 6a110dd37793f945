/**
 * 二维码登录 use cases: the waiting browser creates a request, watches it and completes it; a
 * signed-in phone scans it, then confirms or refuses. The login itself goes through enterAs, the
 * entry rules every way in shares (lock, disabled account, pending password change).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { enterAs } from '../../accounts/entry.ts';
import { accountStore } from '../../accounts/store.ts';
import { AppError } from '../../platform/errors.ts';
import type { Session } from '../../platform/http/sessions.ts';
import type { Platform } from '../../platform/platform.ts';
import { describeBrowser, isExpired, maskIp, statusOf, transition, type QrEvent, type QrRequestDetails, type QrStatus } from './rules.ts';
import { qrStore, type QrRequest } from './store.ts';

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A new binding secret for a browser's cookie (256 random bits). */
export const newBindingSecret = () => randomBytes(32).toString('base64url');

export function qrLoginService(platform: Platform, now: () => number = Date.now) {
  const store = qrStore(platform.kv, now);
  const accounts = accountStore(platform.db, platform.cipher);

  async function load(id: string): Promise<QrRequest> {
    const request = await store.find(id);
    if (!request) throw new AppError('QR_NOT_FOUND', 404);
    return request;
  }

  /** Only the browser holding the binding cookie of the request may watch or complete it. */
  function assertSameBrowser(request: QrRequest, secret: string | undefined) {
    const expected = Buffer.from(request.secretHash, 'hex');
    const given = Buffer.from(secret ? hash(secret) : '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('QR_WRONG_BROWSER', 403);
  }

  function assertNotExpired(request: QrRequest) {
    if (isExpired(request, now())) throw new AppError('QR_EXPIRED', 410);
  }

  /** The transition of `event`, or the refusal naming why not (409). */
  function next(request: QrRequest, event: QrEvent) {
    const result = transition(request.state, event);
    if (!result.ok) throw new AppError(result.code, 409);
    return result.state;
  }

  const details = (request: QrRequest): QrRequestDetails => ({
    state: statusOf(request, now()),
    site: request.site,
    browser: request.browser,
    origin: request.origin,
    requestedAt: new Date(request.createdAt).toISOString(),
    expiresAt: new Date(request.expiresAt).toISOString(),
  });

  return {
    async create(input: { secret: string; userAgent: string | undefined; ip: string }) {
      const createdAt = now();
      const request: QrRequest = {
        id: randomBytes(16).toString('base64url'),
        secretHash: hash(input.secret),
        state: 'pending',
        site: new URL(platform.config.baseUrl).host,
        browser: describeBrowser(input.userAgent),
        origin: maskIp(input.ip),
        createdAt,
        expiresAt: createdAt + platform.config.qrLoginTtlMs,
      };
      await store.save(request);
      return { id: request.id, expiresAt: new Date(request.expiresAt).toISOString(), ttlMs: platform.config.qrLoginTtlMs };
    },

    /** The waiting browser's view of its request. */
    async status(id: string, secret: string | undefined): Promise<{ state: QrStatus }> {
      const request = await load(id);
      assertSameBrowser(request, secret);
      return { state: statusOf(request, now()) };
    },

    /** A signed-in phone opened the code: the first one holds it; the same phone may open it again. */
    async scan(id: string, session: Session): Promise<QrRequestDetails> {
      const request = await load(id);
      assertNotExpired(request);
      if (request.state === 'scanned' && request.scannedBy === session.idHash) return details(request);
      const state = next(request, 'scan');
      if (!(await store.claim('scan', request))) throw new AppError('QR_ALREADY_SCANNED', 409);
      const scanned = { ...request, state, scannedBy: session.idHash };
      await store.save(scanned);
      return details(scanned);
    },

    /** 确认登录 / 拒绝, by the phone that scanned it, once. */
    async decide(id: string, session: Session, event: 'confirm' | 'refuse'): Promise<QrRequestDetails> {
      const request = await load(id);
      assertNotExpired(request);
      if (request.state === 'scanned' && request.scannedBy !== session.idHash) throw new AppError('QR_ALREADY_SCANNED', 409);
      const state = next(request, event);
      if (!(await store.claim('decide', request))) throw new AppError('QR_ALREADY_DECIDED', 409);
      const decided: QrRequest = event === 'confirm' ? { ...request, state, accountId: session.accountId, confirmedAt: now() } : { ...request, state };
      // The grant exists before the waiting browser can see `confirmed` and come for it.
      if (event === 'confirm') await store.grant(request, session.accountId);
      await store.save(decided);
      return details(decided);
    },

    /** The waiting browser logs in as the confirming account: once, and only that browser. */
    async complete(id: string, secret: string | undefined, ip: string) {
      const request = await load(id);
      assertSameBrowser(request, secret);
      assertNotExpired(request);
      const state = next(request, 'complete');
      const accountId = await store.takeGrant(id);
      if (!accountId) throw new AppError('QR_USED', 409);
      await store.save({ ...request, state });
      const account = await accounts.findById(accountId);
      if (!account) throw new AppError('QR_NOT_FOUND', 404);
      return enterAs(platform, account, ip);
    },
  };
}
