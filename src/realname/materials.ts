/**
 * Materials for manual review (上传自然人信息 / 上传法人信息 / 上传主代办人信息): which files
 * each subject uploads (foreigner quickstart 4.1.4, 4.2.3, 4.3.3) and what a file must be.
 * Pure data and functions, shared by the server and the browser bundle.
 */
import { z } from 'zod';
import type { VerificationStatus, VerificationSubject } from './rules.ts';

export interface MaterialSlot {
  slot: string;
  label: { zh: string; en: string };
  required: boolean;
  /** Name of the 样表展示 image under /samples/, if the slot has one. */
  sample?: string;
}

export const MATERIAL_SLOTS: Record<VerificationSubject, readonly MaterialSlot[]> = {
  natural_person: [
    { slot: 'document_front', label: { zh: '注册人身份证正面', en: 'Document, front' }, required: true, sample: 'document-front.svg' },
    { slot: 'document_back', label: { zh: '注册人身份证反面', en: 'Document, back' }, required: true, sample: 'document-back.svg' },
  ],
  organization: [
    { slot: 'business_licence', label: { zh: '营业执照', en: 'Business licence' }, required: true, sample: 'business-licence.svg' },
    { slot: 'representative_document', label: { zh: '法定代表人证件信息', en: 'Legal representative document' }, required: true, sample: 'document-front.svg' },
    { slot: 'other_1', label: { zh: '其他材料1', en: 'Other material 1' }, required: false },
    { slot: 'other_2', label: { zh: '其他材料2', en: 'Other material 2' }, required: false },
    { slot: 'other_3', label: { zh: '其他材料3', en: 'Other material 3' }, required: false },
  ],
  primary_agent: [
    { slot: 'document_front', label: { zh: '主代办人身份证正面', en: 'Primary agent document, front' }, required: true, sample: 'document-front.svg' },
    { slot: 'document_back', label: { zh: '主代办人身份证反面', en: 'Primary agent document, back' }, required: true, sample: 'document-back.svg' },
  ],
};

export function materialSlot(subject: VerificationSubject, slot: string): MaterialSlot | undefined {
  return MATERIAL_SLOTS[subject].find((s) => s.slot === slot);
}

/** 上传的证件文件类型需为jpg、png、jpeg其中任意一种格式，且大小不超过1MB. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

export type ImageType = 'image/jpeg' | 'image/png';

/** The file's type from its first bytes; the name and the declared type are never trusted. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const starts = (signature: number[]) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return undefined;
}

export type UploadProblem = 'FILE_EMPTY' | 'FILE_TOO_LARGE' | 'FILE_TYPE_INVALID';

export function checkUpload(bytes: Uint8Array): { ok: true; type: ImageType } | { ok: false; code: UploadProblem } {
  if (bytes.length === 0) return { ok: false, code: 'FILE_EMPTY' };
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, code: 'FILE_TOO_LARGE' };
  const type = sniffImageType(bytes);
  return type ? { ok: true, type } : { ok: false, code: 'FILE_TYPE_INVALID' };
}

/**
 * Whether the owner may change the uploads: only while the subject waits for materials
 * (failed, not because another account holds the document; or rejected by a reviewer).
 * Under review, and once verified, the page only shows what was uploaded (4.1.4 注意 4).
 */
export function materialsEditable(status: VerificationStatus, reasonCode: string | undefined): boolean {
  return (status === 'failed' && reasonCode !== 'DOCUMENT_TAKEN') || status === 'review_rejected';
}

/** The required slots still missing for a submission. */
export function missingMaterials(subject: VerificationSubject, uploaded: ReadonlySet<string>): string[] {
  return MATERIAL_SLOTS[subject].filter((s) => s.required && !uploaded.has(s.slot)).map((s) => s.slot);
}

/**
 * 提交's body: the file the page shows in each slot (its upload id, or null for an empty slot).
 * The server submits only if they are the current files, so a submission never carries a file
 * the user did not see (issue 14.14: another tab's upload, or one the page had dropped).
 */
export const materialsSubmitSchema = z.object({ files: z.record(z.string().max(40), z.uuid().nullable()).optional() });

export type ShownFiles = Readonly<Record<string, string | null>>;

/** Whether the files a page showed are exactly the current ones, slot by slot. */
export function sameFiles(subject: VerificationSubject, shown: ShownFiles, current: ReadonlyMap<string, { id: string }>): boolean {
  return MATERIAL_SLOTS[subject].every((s) => (shown[s.slot] ?? null) === (current.get(s.slot)?.id ?? null));
}
