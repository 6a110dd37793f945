/**
 * 自然人申诉找回密码 and 单位法人用户申诉找回密码: the appellant, not logged in, uploads the
 * signed (and stamped) document scans, proves the phone by SMS code, and the appeal waits
 * for a reviewer (等待审核). Nothing here says whether an account holds the document.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { documentKey, type DocumentType } from '../accounts/rules.ts';
import { accountStore, organizationNameKey } from '../accounts/store.ts';
import { maybeOne } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import { DAY, HOUR, enforceLimit } from '../platform/rate-limit.ts';
import { storeUpload } from '../realname/materials-service.ts';
import { materialsStore } from '../realname/materials-store.ts';
import { appealsStore, type AppealData, type AppealPerson } from './appeals-store.ts';
import { APPEAL_SUBMITTED_NOTICE, RECOVERY_LIMITS } from './rules.ts';

export interface NaturalAppealInput extends AppealPerson {
  smsCode: string;
  frontUploadId: string;
  backUploadId: string;
}

export interface LegalAppealInput {
  ticket: string;
  legalPersonType: string;
  creditCode: string;
  agent: AppealPerson;
  email: string;
  reason: string;
  smsCode: string;
  frontUploadId: string;
  backUploadId: string;
}

export function appealService(platform: Platform) {
  const appeals = appealsStore(platform.db, platform.cipher);
  // Kept hashed with the cipher suite's hash (SM3 under CRYPTO_SUITE=national).
  const ownerOf = (browserToken: string) => platform.cipher.tokenHash(`appeal-upload:${browserToken}`);
  const orgTicketKey = (ticket: string) => `appeal-org-ticket:${platform.cipher.tokenHash(ticket)}`;
  const documentHashOf = (person: AppealPerson) => platform.cipher.lookupHash('document', documentKey(person.documentType as DocumentType, person.documentNumber));

  /** The two scans, uploaded by this browser and not yet part of any appeal. */
  async function ownFiles(browserToken: string, front: string, back: string) {
    const owner = ownerOf(browserToken);
    for (const id of [front, back]) {
      const row = await maybeOne<{ id: string }>(
        platform.db,
        `select id from uploads u where id = $1 and anonymous_owner = $2 and account_id is null
           and not exists (select 1 from appeals a where a.files @> jsonb_build_array(jsonb_build_object('uploadId', u.id::text)))`,
        [id, owner],
      );
      if (!row) throw new AppError('APPEAL_FILE_MISSING', 400);
    }
    if (front === back) throw new AppError('APPEAL_FILE_MISSING', 400);
    return [
      { slot: 'front', uploadId: front },
      { slot: 'back', uploadId: back },
    ];
  }

  /** Per IP, per document per day, one open appeal per document; then the SMS code; then the appeal row. */
  async function submit(data: AppealData, person: AppealPerson, input: { smsCode: string; frontUploadId: string; backUploadId: string }, browserToken: string, ip: string, organizationAccountId: string | null) {
    await enforceLimit(platform.kv, 'appeal-ip', ip, { max: RECOVERY_LIMITS.appealsPerIpPerDay, windowMs: DAY });
    const files = await ownFiles(browserToken, input.frontUploadId, input.backUploadId);
    const documentHash = documentHashOf(person);
    const recent = await appeals.countSince(platform.db, documentHash, new Date(Date.now() - DAY));
    if (recent.open > 0) throw new AppError('APPEAL_PENDING', 409);
    if (recent.total >= RECOVERY_LIMITS.appealsPerDocumentPerDay) throw new AppError('APPEAL_DAILY_LIMIT', 429);
    await platform.codes.verify('appeal', person.mobile, input.smsCode);
    const appealId = await platform.db.transaction((tx) =>
      appeals.insert(tx, { data, documentHash, mobileHash: platform.cipher.lookupHash('mobile', person.mobile), organizationAccountId, files }),
    );
    return { appealId, status: 'open' as const, notice: APPEAL_SUBMITTED_NOTICE.zh, noticeEn: APPEAL_SUBMITTED_NOTICE.en };
  }

  return {
    /** 证件正面 / 证件反面: stored like review materials, owned by the uploading browser until the appeal takes them. */
    async upload(bytes: Buffer, browserToken: string, ip: string) {
      await enforceLimit(platform.kv, 'appeal-upload-ip', ip, { max: RECOVERY_LIMITS.appealUploadsPerIpPerHour, windowMs: HOUR });
      const row = await storeUpload(platform, bytes, { account_id: null, subject: null, slot: 'appeal', generation: null, anonymous_owner: ownerOf(browserToken) });
      return { uploadId: row.id, mediaType: row.media_type, size: row.size };
    },

    /** The appellant's own upload (预览), only from the browser that uploaded it. */
    async readOwnUpload(uploadId: string, browserToken: string) {
      // An id that is not a UUID names no upload (the database would refuse it: a 500).
      if (!z.uuid().safeParse(uploadId).success) throw new AppError('NOT_FOUND', 404);
      const upload = await materialsStore(platform.db).findUpload(uploadId);
      if (!upload || upload.anonymous_owner !== ownerOf(browserToken)) throw new AppError('NOT_FOUND', 404);
      return upload;
    },

    submitNatural(input: NaturalAppealInput, browserToken: string, ip: string) {
      const person: AppealPerson = { name: input.name, region: input.region, documentType: input.documentType, documentNumber: input.documentNumber, mobile: input.mobile };
      return submit({ kind: 'natural', person }, person, input, browserToken, ip, null);
    },

    /** 检索单位 (captcha first). Found: a ticket for the next step; the seed's flow shows only the name back. */
    async searchOrganization(input: { organizationName: string; captchaId: string; captcha: string }, ip: string) {
      await enforceLimit(platform.kv, 'appeal-search-ip', ip, { max: RECOVERY_LIMITS.searchesPerIpPerHour, windowMs: HOUR });
      await platform.captcha.verify(input.captchaId, input.captcha);
      const row = await maybeOne<{ account_id: string; name: string }>(platform.db, 'select account_id, name from organizations where name_key = $1', [
        organizationNameKey(input.organizationName),
      ]);
      if (!row) throw new AppError('ORGANIZATION_NOT_FOUND', 404);
      const ticket = randomBytes(24).toString('base64url');
      await platform.kv.set(orgTicketKey(ticket), row.account_id, RECOVERY_LIMITS.ticketTtlMs);
      return { ticket, organizationName: row.name };
    },

    async submitLegal(input: LegalAppealInput, browserToken: string, ip: string) {
      const accountId = await platform.kv.get(orgTicketKey(input.ticket));
      const organization = accountId ? await accountStore(platform.db, platform.cipher).loadOrganization(accountId) : undefined;
      if (!accountId || !organization) throw new AppError('ORGANIZATION_SEARCH_EXPIRED', 410);
      const data: AppealData = {
        kind: 'legal',
        organizationName: organization.name,
        legalPersonType: input.legalPersonType,
        creditCode: input.creditCode,
        agent: input.agent,
        email: input.email,
        reason: input.reason,
      };
      const result = await submit(data, input.agent, input, browserToken, ip, accountId);
      await platform.kv.delete(orgTicketKey(input.ticket));
      return result;
    },
  };
}
