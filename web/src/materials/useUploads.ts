/**
 * Uploading one slot's file: the size is checked here first (the same limit and message as
 * the server), the type only by the server, which reads the content. A refused file leaves
 * its message beside the row until the next attempt.
 */
import { useState } from 'react';
import type { FieldLabel } from '../../../src/accounts/profile-fields.ts';
import { MAX_UPLOAD_BYTES } from '../../../src/realname/materials.ts';
import type { VerificationSubject } from '../../../src/realname/rules.ts';
import { MESSAGES } from '../../../src/platform/messages.ts';
import { ApiError } from '../lib/api.ts';
import { uploadMaterial, type UploadedFile } from './materials-api.ts';

const problemOf = (error: unknown): FieldLabel =>
  error instanceof ApiError ? { zh: error.message, en: error.messageEn } : { zh: MESSAGES.INTERNAL.zh, en: MESSAGES.INTERNAL.en };

export function useUploads(subject: VerificationSubject, onUploaded: (slot: string, file: UploadedFile) => void, onLocked: () => Promise<void>) {
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<Readonly<Record<string, FieldLabel>>>({});

  const setProblem = (slot: string, problem: FieldLabel | undefined) =>
    setProblems(({ [slot]: _dropped, ...rest }) => (problem ? { ...rest, [slot]: problem } : rest));
  const setSlotBusy = (slot: string, on: boolean) =>
    setBusy((current) => {
      const next = new Set(current);
      if (on) next.add(slot);
      else next.delete(slot);
      return next;
    });

  const upload = async (slot: string, file: File) => {
    if (file.size > MAX_UPLOAD_BYTES) {
      setProblem(slot, MESSAGES.FILE_TOO_LARGE);
      return;
    }
    setProblem(slot, undefined);
    setSlotBusy(slot, true);
    try {
      const saved = await uploadMaterial(subject, slot, file);
      if (saved.file) onUploaded(slot, saved.file);
    } catch (error) {
      setProblem(slot, problemOf(error));
      if (error instanceof ApiError && error.code === 'MATERIALS_LOCKED') await onLocked();
    } finally {
      setSlotBusy(slot, false);
    }
  };

  /** Marks the slots a submission found missing. */
  const markMissing = (slots: string[], problem: FieldLabel) => setProblems((current) => ({ ...current, ...Object.fromEntries(slots.map((s) => [s, problem])) }));

  return { busy, problems, upload, markMissing };
}
