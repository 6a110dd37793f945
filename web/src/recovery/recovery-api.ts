/** The password recovery endpoints as the pages use them; shapes follow src/recovery/routes.ts. */
import type { z } from 'zod';
import type { legalAppealSchema, naturalAppealSchema, resetCompleteSchema } from '../../../src/recovery/schemas.ts';
import { api, putFile } from '../lib/api.ts';

const BASE = '/api/recovery';

export type AccountKind = 'natural' | 'legal';
export type Method = 'phone' | 'email';

/** 检索用户 found the account: the ticket for the next steps and what the page may show. */
export interface FoundUser {
  ticket: string;
  kind: AccountKind;
  loginName: string;
  maskedMobile: string;
  maskedEmail: string | null;
}

export interface FoundOrganization {
  ticket: string;
  organizationName: string;
}

export interface AppealSubmitted {
  appealId: string;
  status: 'open';
  notice: string;
  noticeEn: string;
}

export interface AppealUpload {
  uploadId: string;
  mediaType: string;
  size: number;
}

export interface Captcha {
  captchaId: string;
  captcha: string;
}

export const searchUser = (input: { loginName: string } & Captcha) => api<FoundUser>('POST', `${BASE}/reset/search`, input);

export const sendResetCode = (input: { ticket: string; method: Method; confirm: string }) => api<{ sent: true }>('POST', `${BASE}/reset/code`, input);

export const completeReset = (input: z.output<typeof resetCompleteSchema>) =>
  api<{ done: true; kind: AccountKind; loginName: string }>('POST', `${BASE}/reset/complete`, input);

export const uploadAppealFile = (file: Blob) => putFile<AppealUpload>(`${BASE}/appeal-files`, file);

/** The uploading browser's own file (预览); other browsers get 404. */
export const appealFileUrl = (uploadId: string) => `${BASE}/appeal-files/${encodeURIComponent(uploadId)}`;

export const submitNaturalAppeal = (input: z.output<typeof naturalAppealSchema>) => api<AppealSubmitted>('POST', `${BASE}/appeals/natural`, input);

export const searchOrganization = (input: { organizationName: string } & Captcha) => api<FoundOrganization>('POST', `${BASE}/appeals/legal/search`, input);

export const submitLegalAppeal = (input: z.output<typeof legalAppealSchema>) => api<AppealSubmitted>('POST', `${BASE}/appeals/legal`, input);

