/**
 * The owner's side of manual review: upload signed scans per slot, see them again, empty a
 * slot (the page does after a refused replacement, issue 14.14), submit them (-> 实名认证审核中),
 * exactly the files the page showed. Files are checked by content, encrypted, then stored; the row
 * that points at them is written only once the bytes are safely stored.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../platform/errors.ts';
import { MESSAGES } from '../platform/messages.ts';
import type { Platform } from '../platform/platform.ts';
import { MATERIAL_SLOTS, checkUpload, materialSlot, materialsEditable, missingMaterials, sameFiles, type ShownFiles } from './materials.ts';
import { materialsStore, type ReviewRow, type UploadRow } from './materials-store.ts';
import { statusView, transition, type VerificationSubject } from './rules.ts';
import { loadSubject } from './service.ts';
import { verificationStore, type StoredVerification } from './store.ts';

function uploadView(upload: UploadRow | undefined) {
  return upload ? { uploadId: upload.id, mediaType: upload.media_type, size: upload.size, uploadedAt: upload.created_at } : null;
}

/**
 * Whether files may change: as materialsEditable says, and also for a registry-verified person
 * or organisation applying for manual review to reach L4 (src/realname/levels.ts), while no
 * such review is open (their registry verification stands meanwhile).
 */
function editable(stored: StoredVerification | undefined, subject: VerificationSubject, latest: ReviewRow | undefined): boolean {
  if (!stored) return false;
  if (stored.state.status === 'registry_verified') return subject !== 'primary_agent' && latest?.status !== 'open';
  return materialsEditable(stored.state.status, stored.state.reason?.code);
}

/** The event of a submission: an application for L4 by a registry-verified subject, or the ordinary one. */
const submission = (stored: StoredVerification) => ({ type: stored.state.status === 'registry_verified' ? 'upgrade_submitted' : 'materials_submitted' }) as const;

export function materialsService(platform: Platform) {
  const materials = materialsStore(platform.db);
  const verifications = verificationStore(platform.db);

  return {
    /** The upload page: status, whether files may still change, and each slot's current file. */
    async view(accountId: string, subject: VerificationSubject) {
      const stored = await verifications.load(accountId, subject);
      const current = stored ? await materials.currentUploads(accountId, subject, stored.generation) : new Map<string, UploadRow>();
      const review = await materials.latestReview(accountId, subject);
      return {
        subject,
        verification: stored ? statusView(stored.state) : null,
        editable: editable(stored, subject, review),
        submittedAt: review?.status === 'open' ? review.submitted_at : null,
        slots: MATERIAL_SLOTS[subject].map((slot) => ({ ...slot, file: uploadView(current.get(slot.slot)) })),
      };
    },

    async upload(accountId: string, subject: VerificationSubject, slot: string, bytes: Buffer) {
      if (!materialSlot(subject, slot)) throw new AppError('NOT_FOUND', 404);
      const stored = await verifications.load(accountId, subject);
      if (!stored || !editable(stored, subject, await materials.latestReview(accountId, subject))) throw new AppError('MATERIALS_LOCKED', 409);
      const row = await storeUpload(platform, bytes, { account_id: accountId, subject, slot, generation: stored.generation, anonymous_owner: null });
      return { slot, file: uploadView(row) };
    },

    /**
     * Empties a slot (its file withdrawn). The page does so when a replacement was refused, so
     * that the file it no longer shows is not submitted (issue 14.14).
     */
    async withdraw(accountId: string, subject: VerificationSubject, slot: string) {
      if (!materialSlot(subject, slot)) throw new AppError('NOT_FOUND', 404);
      return platform.db.transaction(async (tx) => {
        const stored = await verifications.lock(tx, accountId, subject);
        if (!stored || !editable(stored, subject, await materials.latestReview(accountId, subject, tx))) throw new AppError('MATERIALS_LOCKED', 409);
        await materials.withdrawCurrent(tx, accountId, subject, stored.generation, slot);
        return { slot, file: null };
      });
    },

    /** The owner's own current file of a slot (预览). */
    async read(accountId: string, subject: VerificationSubject, slot: string) {
      const stored = await verifications.load(accountId, subject);
      const upload = stored && (await materials.currentUploads(accountId, subject, stored.generation)).get(slot);
      if (!upload) throw new AppError('NOT_FOUND', 404);
      return readUpload(platform, upload);
    },

    /**
     * 提交: every required file of the current data is there, and (when the page says which it
     * showed) they are exactly the files shown; the subject goes to 实名认证审核中.
     */
    async submit(accountId: string, subject: VerificationSubject, shown?: ShownFiles) {
      return platform.db.transaction(async (tx) => {
        const stored = await verifications.lock(tx, accountId, subject);
        if (!stored || !editable(stored, subject, await materials.latestReview(accountId, subject, tx))) throw new AppError('MATERIALS_LOCKED', 409);
        const current = await materials.currentUploads(accountId, subject, stored.generation, tx);
        if (shown && !sameFiles(subject, shown, current)) throw new AppError('MATERIALS_CHANGED', 409);
        const missing = missingMaterials(subject, new Set(current.keys()));
        if (missing.length > 0) {
          const { zh, en } = MESSAGES.MATERIALS_INCOMPLETE;
          throw new AppError('MATERIALS_INCOMPLETE', 400, {}, missing.map((field) => ({ field, code: 'MATERIALS_INCOMPLETE', message: zh, messageEn: en })));
        }
        const result = transition(stored.state, submission(stored));
        if (!result.ok) throw new AppError('MATERIALS_LOCKED', 409);
        // An application for L4 leaves the registry verification (and its claim on the document) as it is.
        if (result.state !== stored.state) await verifications.record(accountId, subject, stored.generation, result.state, null, null, tx);
        const files = [...current.values()].map((u) => ({ slot: u.slot, uploadId: u.id }));
        const snapshot = platform.cipher.encrypt(JSON.stringify(await loadSubject(platform, accountId, subject, tx)));
        const reviewId = await materials.openReview(tx, accountId, subject, stored.generation, files, snapshot);
        return { reviewId, verification: statusView(result.state) };
      });
    },
  };
}

/**
 * Checks a file by content and size, encrypts it, stores it, then records it: the row is
 * written only once the bytes are safely stored, and a failed insert removes the bytes.
 */
export async function storeUpload(
  platform: Platform,
  bytes: Buffer,
  owner: Pick<UploadRow, 'account_id' | 'subject' | 'slot' | 'generation' | 'anonymous_owner'>,
): Promise<UploadRow> {
  const checked = checkUpload(bytes);
  if (!checked.ok) throw new AppError(checked.code, checked.code === 'FILE_TOO_LARGE' ? 413 : 400);
  const key = `uploads/${randomUUID()}`;
  await platform.storage.put(key, platform.cipher.encryptBytes(bytes));
  try {
    return await materialsStore(platform.db).insertUpload({
      ...owner,
      storage_key: key,
      media_type: checked.type,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  } catch (error) {
    await platform.storage.delete(key).catch(() => {});
    throw error;
  }
}

/** Decrypted bytes of a stored upload. */
export async function readUpload(platform: Platform, upload: UploadRow): Promise<{ mediaType: string; bytes: Buffer }> {
  const sealed = await platform.storage.get(upload.storage_key);
  if (!sealed) throw new AppError('NOT_FOUND', 404);
  return { mediaType: upload.media_type, bytes: platform.cipher.decryptBytes(sealed) };
}
