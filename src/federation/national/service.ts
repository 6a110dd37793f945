/**
 * 国家政务服务平台账号登录, the use cases: start, callback (match by verified document, SPEC
 * §11.13), then one of confirm the link (password or SMS code to the reserved phone), log in once
 * to link (an unverified account holding the document), or the prefilled registration that keeps
 * the upstream's verification. Every way ends in enterAs: the entry rules of any login.
 */
import { DOCUMENT_TYPES, documentKey, loginNameKey, maskDocumentNumber, maskPhone } from '../../accounts/rules.ts';
import { assertMayEnter, enterAs } from '../../accounts/entry.ts';
import { loginGuard } from '../../accounts/login-guard.ts';
import { accountStore, translateUniqueViolation, type AccountRow } from '../../accounts/store.ts';
import { addUpdateRecord } from '../../accounts/update-records.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import type { Platform } from '../../platform/platform.ts';
import { MINUTE, enforceLimit } from '../../platform/rate-limit.ts';
import { statusView, type VerificationState } from '../../realname/rules.ts';
import { isDocumentClaimRace, verificationStore } from '../../realname/store.ts';
import { nationalState, type Pending, type PendingStep } from './pending.ts';
import { decideMatch, type UpstreamPerson } from './rules.ts';
import type { ConfirmLink, NationalRegistration } from './schemas.ts';
import { nationalLinkStore } from './store.ts';
import { nationalUpstream } from './upstream.ts';

/** Attempts at one pending link (confirm, log in, register) before it must start again. */
const PENDING_ATTEMPTS = { max: 10, windowMs: 15 * MINUTE };

/** The verification a registration through the national platform keeps (国家平台实名认证通过, method national). */
export const NATIONAL_VERIFIED: VerificationState = Object.freeze({ status: 'registry_verified', method: 'national', reason: null, attempts: 0 });

export type Entered = Awaited<ReturnType<typeof enterAs>>;
export type EnteredOutcome = { kind: 'entered'; entered: Entered; returnPath: string | undefined };
export type CallbackOutcome = EnteredOutcome | { kind: 'pending'; pendingId: string; returnPath: string | undefined };

const LINK_LABEL = { field: 'nationalLink', label: '国家政务服务平台账号关联', labelEn: 'National government service platform account link' };

export function nationalService(platform: Platform) {
  const accounts = accountStore(platform.db, platform.cipher);
  const links = nationalLinkStore(platform.db);
  const state = nationalState(platform);
  const upstream = nationalUpstream(platform);
  const documentHashOf = (person: Pick<UpstreamPerson, 'documentType' | 'documentNumber'>) =>
    platform.cipher.lookupHash('document', documentKey(person.documentType, person.documentNumber));

  async function recordLinkChange(tx: Db, account: AccountRow, change: 'linked' | 'removed') {
    const [old, now] = change === 'linked' ? ['', '已关联'] : ['已关联', '已解除'];
    await addUpdateRecord(tx, account.id, 'national_link', { accountId: account.id, name: account.login_name }, [{ ...LINK_LABEL, old, new: now }]);
  }

  /** Links the account (recorded in its 修改记录), then enters through the shared entry rules. */
  async function linkAndEnter(account: AccountRow, person: UpstreamPerson, ip: string): Promise<Entered> {
    assertMayEnter(account, 'natural');
    await platform.db.transaction(async (tx) => {
      await links.link(tx, account.id, person.issuer, person.sub, documentHashOf(person));
      await recordLinkChange(tx, account, 'linked');
    });
    platform.log.info({ accountId: account.id }, 'national platform account linked');
    return enterAs(platform, account, ip, 'natural');
  }

  async function pendingAt(pendingId: string | undefined, step: PendingStep): Promise<Pending & { id: string }> {
    const pending = await state.findPending(pendingId);
    if (!pending || !pendingId) throw new AppError('NATIONAL_LINK_EXPIRED', 410);
    if (pending.step !== step) throw new AppError(step === 'register' && pending.step === 'confirm' ? 'DOCUMENT_TAKEN' : 'NATIONAL_WRONG_STEP', 409);
    await enforceLimit(platform.kv, 'national-pending', pendingId, PENDING_ATTEMPTS);
    return { ...pending, id: pendingId };
  }

  async function mustFind(accountId: string | undefined): Promise<AccountRow> {
    const account = accountId ? await accounts.findById(accountId) : undefined;
    if (!account) throw new AppError('NATIONAL_LINK_EXPIRED', 410);
    return account;
  }

  return {
    /** Leaves for the upstream: its authorization URL, and the id of the flow kept here. */
    async start(returnPath: string | undefined) {
      const { url, checks } = await upstream.start();
      const flowId = await state.saveFlow({ checks, returnPath });
      return { url, flowId };
    },

    /** Back from the upstream: the flow taken (single use), the person validated, then matched. */
    async callback(flowId: string | undefined, callbackUrl: URL, ip: string): Promise<CallbackOutcome & { returnPathOnError?: string }> {
      const flow = await state.takeFlow(flowId);
      if (!flow || callbackUrl.searchParams.get('state') !== flow.checks.state) throw Object.assign(new AppError('NATIONAL_BAD_STATE', 400), { returnPath: flow?.returnPath });
      let person: UpstreamPerson;
      try {
        person = await upstream.finish(callbackUrl, flow.checks);
      } catch (error) {
        throw Object.assign(error as object, { returnPath: flow.returnPath });
      }
      const upstreamDocumentHash = documentHashOf(person);
      const link = await links.find(person.issuer, person.sub);
      const verifiedAccountId = link ? undefined : await links.verifiedHolder(upstreamDocumentHash);
      const holders = link || verifiedAccountId ? [] : await links.holders(upstreamDocumentHash);
      const decision = decideMatch({ link, upstreamDocumentHash, verifiedAccountId, unverifiedHolders: holders.length });
      const returnPath = flow.returnPath;
      try {
        switch (decision.kind) {
          case 'linked': {
            const account = await mustFind(decision.accountId);
            const entered = await enterAs(platform, account, ip, 'natural');
            await links.touch(link!.id);
            return { kind: 'entered', entered, returnPath };
          }
          case 'document_changed': {
            const account = await mustFind(decision.accountId);
            await platform.db.transaction(async (tx) => {
              await links.remove(link!.id, undefined, tx);
              await recordLinkChange(tx, account, 'removed');
            });
            platform.log.info({ accountId: account.id }, 'national platform link removed: the upstream document changed');
            throw new AppError('NATIONAL_DOCUMENT_CHANGED', 409);
          }
          case 'confirm':
            return { kind: 'pending', pendingId: await state.savePending({ step: 'confirm', accountId: decision.accountId, person, returnPath }), returnPath };
          case 'login_to_link':
          case 'register':
            return { kind: 'pending', pendingId: await state.savePending({ step: decision.kind, person, returnPath }), returnPath };
        }
      } catch (error) {
        throw Object.assign(error as object, { returnPath });
      }
    },

    /** What the link page shows: the step, the upstream person (document masked), the reserved phone masked. */
    async view(pendingId: string | undefined) {
      const pending = await state.findPending(pendingId);
      if (!pending) throw new AppError('NATIONAL_LINK_EXPIRED', 410);
      const { person } = pending;
      const type = DOCUMENT_TYPES.find((d) => d.value === person.documentType);
      let maskedMobile: string | undefined;
      if (pending.step === 'confirm') {
        const mobile = (await accounts.loadIdentity(pending.accountId ?? '', 'natural_person'))?.mobile;
        maskedMobile = mobile ? maskPhone(mobile) : undefined;
      }
      return {
        step: pending.step,
        name: person.name,
        documentType: person.documentType,
        documentTypeLabel: type?.zh ?? person.documentType,
        documentTypeLabelEn: type?.en ?? person.documentType,
        documentNumber: maskDocumentNumber(person.documentNumber),
        ...(maskedMobile ? { maskedMobile } : {}),
        returnPath: pending.returnPath ?? null,
      };
    },

    /** An SMS code to the verified account's reserved phone, to confirm the link with. */
    async sendConfirmCode(pendingId: string | undefined, ip: string) {
      const pending = await pendingAt(pendingId, 'confirm');
      const mobile = (await accounts.loadIdentity(pending.accountId ?? '', 'natural_person'))?.mobile;
      if (!mobile) throw new AppError('NATIONAL_NO_RESERVED_PHONE', 409);
      await platform.codes.send('national-link', mobile, ip);
    },

    /** First login into a verified account: its password or a code to its reserved phone proves it is the person's. */
    async confirm(pendingId: string | undefined, input: ConfirmLink, ip: string): Promise<EnteredOutcome> {
      const pending = await pendingAt(pendingId, 'confirm');
      const account = await mustFind(pending.accountId);
      const key = loginNameKey(account.login_name);
      const guard = loginGuard(platform.kv, platform.config.lockout);
      const { hasFailures } = await guard.assertAllowed(key, ip);
      if (input.method === 'password') {
        if (!(await verifyPassword(account.password_hash, input.password))) {
          await guard.recordFailure(key, ip);
          throw new AppError('NATIONAL_PASSWORD_WRONG', 401);
        }
      } else {
        const mobile = (await accounts.loadIdentity(account.id, 'natural_person'))?.mobile;
        if (!mobile) throw new AppError('NATIONAL_NO_RESERVED_PHONE', 409);
        await platform.codes.verify('national-link', mobile, input.smsCode);
      }
      if (hasFailures) await guard.recordSuccess(key);
      // The account must still be the one verified with this document.
      if ((await links.verifiedHolder(documentHashOf(pending.person))) !== account.id) throw new AppError('NATIONAL_LINK_EXPIRED', 410);
      const entered = await linkAndEnter(account, pending.person, ip);
      await state.endPending(pending.id);
      return { kind: 'entered', entered, returnPath: pending.returnPath };
    },

    /** An unverified account holding the same document: logged in once with it, then linked. */
    async loginToLink(pendingId: string | undefined, input: { loginName: string; password: string }, ip: string): Promise<EnteredOutcome> {
      const pending = await pendingAt(pendingId, 'login_to_link');
      const key = loginNameKey(input.loginName);
      const guard = loginGuard(platform.kv, platform.config.lockout);
      const { hasFailures } = await guard.assertAllowed(key, ip);
      const account = await accounts.findByLoginName(key);
      const valid = await verifyPassword(account?.password_hash ?? (await decoyHash()), input.password);
      if (!account || !valid) {
        await guard.recordFailure(key, ip);
        throw new AppError('LOGIN_FAILED', 401);
      }
      if (hasFailures) await guard.recordSuccess(key);
      if (account.kind !== 'natural') throw new AppError('NATIONAL_LEGAL_NOT_LINKABLE', 409);
      assertMayEnter(account, 'natural');
      const identity = await accounts.loadIdentity(account.id, 'natural_person');
      const same = identity?.documentNumber && identity.documentType === pending.person.documentType && documentHashOf({ documentType: pending.person.documentType, documentNumber: identity.documentNumber }) === documentHashOf(pending.person);
      if (!same) throw new AppError('NATIONAL_DOCUMENT_MISMATCH', 409);
      const entered = await linkAndEnter(account, pending.person, ip);
      await state.endPending(pending.id);
      return { kind: 'entered', entered, returnPath: pending.returnPath };
    },

    /**
     * Nobody holds the document: a new natural account with the upstream's name and document,
     * verified through the national platform (never a second verified account for one document).
     */
    async register(pendingId: string | undefined, input: NationalRegistration, ip: string): Promise<EnteredOutcome & { verification: ReturnType<typeof statusView> }> {
      const pending = await pendingAt(pendingId, 'register');
      const { person } = pending;
      const key = loginNameKey(input.loginName);
      if (await accounts.loginNameTaken(key)) throw new AppError('LOGIN_NAME_TAKEN', 409);
      const documentHash = documentHashOf(person);
      if (await links.verifiedHolder(documentHash)) throw new AppError('DOCUMENT_TAKEN', 409);
      await platform.codes.verify('register', input.mobile, input.smsCode);
      const passwordHash = await hashPassword(input.password);
      const region = DOCUMENT_TYPES.find((d) => d.value === person.documentType)?.region ?? '';
      const verifications = verificationStore(platform.db);
      const accountId = await translateUniqueViolation(() =>
        platform.db
          .transaction(async (tx) => {
            const id = await accounts.insertAccount(tx, 'natural', input.loginName, key, passwordHash);
            await accounts.saveIdentity(tx, id, 'natural_person', {
              name: person.name,
              mobile: input.mobile,
              region,
              documentType: person.documentType,
              documentNumber: person.documentNumber,
              validFrom: '',
              validTo: '',
              longTerm: false,
              details: {},
            });
            const generation = await verifications.startGeneration(tx, id, 'natural_person', NATIONAL_VERIFIED, null);
            await verifications.record(id, 'natural_person', generation, NATIONAL_VERIFIED, null, documentHash, tx);
            await links.link(tx, id, person.issuer, person.sub, documentHash);
            return id;
          })
          .catch((error: unknown) => {
            if (isDocumentClaimRace(error)) throw new AppError('DOCUMENT_TAKEN', 409);
            throw error;
          }),
      );
      const account = await mustFind(accountId);
      platform.log.info({ accountId }, 'account registered through the national platform');
      const entered = await enterAs(platform, account, ip, 'natural');
      await state.endPending(pending.id);
      return { kind: 'entered', entered, returnPath: pending.returnPath, verification: statusView(NATIONAL_VERIFIED) };
    },

    /** 我的信息: the account's links. */
    async list(accountId: string) {
      return (await links.listForAccount(accountId)).map((l) => ({ id: l.id, provider: 'national' as const, linkedAt: l.linkedAt, lastUsedAt: l.lastUsedAt }));
    },

    async remove(accountId: string, linkId: string) {
      const account = await mustFind(accountId);
      const removed = await platform.db.transaction(async (tx) => {
        const done = await links.remove(linkId, accountId, tx);
        if (done) await recordLinkChange(tx, account, 'removed');
        return done;
      });
      if (!removed) throw new AppError('NATIONAL_LINK_NOT_FOUND', 404);
      platform.log.info({ accountId }, 'national platform link removed by the account holder');
    },
  };
}
