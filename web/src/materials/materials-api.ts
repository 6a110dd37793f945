/** The upload endpoints of manual review as the page uses them; shapes follow src/realname/materials-service.ts. */
import { useCallback, useEffect, useState } from 'react';
import type { MaterialSlot } from '../../../src/realname/materials.ts';
import type { VerificationSubject } from '../../../src/realname/rules.ts';
import { api, ApiError, putFile } from '../lib/api.ts';
import type { VerificationView } from '../profile/profile-api.ts';

export interface UploadedFile {
  uploadId: string;
  mediaType: string;
  size: number;
  uploadedAt: string;
}

export interface SlotView extends MaterialSlot {
  file: UploadedFile | null;
}

export interface MaterialsView {
  subject: VerificationSubject;
  verification: VerificationView | null;
  /** Whether files may still change (failed or rejected); otherwise the page only shows them. */
  editable: boolean;
  submittedAt: string | null;
  slots: SlotView[];
}

const base = (subject: VerificationSubject) => `/api/me/verification/${subject}/materials`;

export function uploadMaterial(subject: VerificationSubject, slot: string, file: Blob) {
  return putFile<{ slot: string; file: UploadedFile }>(`${base(subject)}/${slot}`, file);
}

/** Empties a slot (its file withdrawn), after a refused replacement. */
export function withdrawMaterial(subject: VerificationSubject, slot: string) {
  return api<{ slot: string; file: null }>('DELETE', `${base(subject)}/${slot}`);
}

/** 提交 with the file each slot shows: the server submits only those (MATERIALS_CHANGED otherwise). */
export function submitMaterials(subject: VerificationSubject, slots: SlotView[]) {
  const files = Object.fromEntries(slots.map((s) => [s.slot, s.file?.uploadId ?? null]));
  return api<{ reviewId: string; verification: VerificationView }>('POST', `${base(subject)}/submit`, { files });
}

/** The owner's current file of a slot; the upload id in the query keeps a replaced file from showing stale. */
export function materialFileUrl(subject: VerificationSubject, slot: string, file: UploadedFile): string {
  return `${base(subject)}/${slot}/file?v=${encodeURIComponent(file.uploadId)}`;
}

export function useMaterials(subject: VerificationSubject | undefined) {
  const [view, setView] = useState<MaterialsView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    if (!subject) return;
    try {
      setView(await api<MaterialsView>('GET', base(subject)));
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, {}));
    }
  }, [subject]);
  useEffect(() => {
    void reload();
  }, [reload]);
  /** One slot's new file, without reloading the page. */
  const replaceFile = useCallback((slot: string, file: UploadedFile | null) => {
    setView((current) => current && { ...current, slots: current.slots.map((s) => (s.slot === slot ? { ...s, file } : s)) });
  }, []);
  return { view, error, reload, replaceFile };
}
