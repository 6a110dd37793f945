/**
 * Uploading one slot's file: the size is checked here first (the same limit and message as
 * the server), the type only by the server, which reads the content. A refused file leaves
 * its message beside the row until the next attempt, and leaves the row empty: a file the
 * row held before is withdrawn, so that 提交 never sends a file the row no longer shows
 * (issue 14.14). A good file then clears the message.
 */
import { useState } from 'react';
import type { FieldLabel } from '../../../src/accounts/profile-fields.ts';
import { MAX_UPLOAD_BYTES } from '../../../src/realname/materials.ts';
import type { VerificationSubject } from '../../../src/realname/rules.ts';
import { MESSAGES } from '../../../src/platform/messages.ts';
import { ApiError } from '../lib/api.ts';
import { uploadMaterial, withdrawMaterial, type UploadedFile } from './materials-api.ts';
import { PREVIOUS_FILE_REMOVED } from './texts.ts';

const problemOf = (error: unknown): FieldLabel =>
  error instanceof ApiError ? { zh: error.message, en: error.messageEn } : { zh: MESSAGES.INTERNAL.zh, en: MESSAGES.INTERNAL.en };

const removedToo = (problem: FieldLabel): FieldLabel => ({ zh: `${problem.zh}，${PREVIOUS_FILE_REMOVED.zh}`, en: `${problem.en}; ${PREVIOUS_FILE_REMOVED.en}` });

interface Slots {
  /** Whether the row shows a file now. */
  holds(slot: string): boolean;
  /** The row's file changed (uploaded, or emptied). */
  setFile(slot: string, file: UploadedFile | null): void;
  /** The page again from the server (locked meanwhile, or its state unknown). */
  reload(): Promise<void>;
}

export function useUploads(subject: VerificationSubject, slots: Slots) {
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

  /** A replacement that did not go through: the row's previous file is withdrawn, the row shows it empty. */
  const refused = async (slot: string, problem: FieldLabel) => {
    if (!slots.holds(slot)) return setProblem(slot, problem);
    try {
      await withdrawMaterial(subject, slot);
      slots.setFile(slot, null);
      setProblem(slot, removedToo(problem));
    } catch {
      // Not withdrawn (locked meanwhile, offline): show what the server holds now.
      setProblem(slot, problem);
      await slots.reload();
    }
  };

  const upload = async (slot: string, file: File) => {
    setProblem(slot, undefined);
    setSlotBusy(slot, true);
    try {
      if (file.size > MAX_UPLOAD_BYTES) return await refused(slot, MESSAGES.FILE_TOO_LARGE);
      const saved = await uploadMaterial(subject, slot, file);
      if (saved.file) slots.setFile(slot, saved.file);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'MATERIALS_LOCKED') {
        setProblem(slot, problemOf(error));
        await slots.reload();
      } else {
        await refused(slot, problemOf(error));
      }
    } finally {
      setSlotBusy(slot, false);
    }
  };

  /** Marks the slots a submission found missing. */
  const markMissing = (missing: string[], problem: FieldLabel) => setProblems((current) => ({ ...current, ...Object.fromEntries(missing.map((s) => [s, problem])) }));

  return { busy, problems, upload, markMissing };
}
