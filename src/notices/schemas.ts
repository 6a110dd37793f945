/**
 * What the notices' API accepts (zod, enforced by the server, run by the back office's form)
 * and what it answers. Issue messages are error codes of the catalogue.
 */
import { z } from 'zod';
import { chinaDateTime, optionalChinaDateTime } from '../platform/fields/datetime.ts';
import { freeText } from '../platform/fields/text.ts';
import { bodyProblems } from './rich-text.ts';
import { NOTICE_LIMITS, type NoticeStatus } from './rules.ts';

export const noticeInputSchema = z
  .object({
    title: freeText({ max: NOTICE_LIMITS.titleMaxLength }).pipe(z.string().min(1, 'NOTICE_TITLE_REQUIRED')),
    body: freeText({ max: NOTICE_LIMITS.bodyMaxLength, multiline: true })
      .pipe(z.string().min(1, 'NOTICE_BODY_REQUIRED'))
      .superRefine((value, ctx) => {
        for (const code of bodyProblems(value)) ctx.addIssue({ code: 'custom', message: code });
      }),
    publishAt: chinaDateTime,
    expiresAt: optionalChinaDateTime,
    pinned: z.boolean({ error: 'NOTICE_PINNED_INVALID' }).default(false),
  })
  .superRefine((value, ctx) => {
    if (value.expiresAt instanceof Date && value.publishAt instanceof Date && value.expiresAt.getTime() <= value.publishAt.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'NOTICE_EXPIRY_BEFORE_PUBLISH' });
    }
  });

export type NoticeInput = z.infer<typeof noticeInputSchema>;
/** What the form sends (times as China time text). */
export type NoticeFormValues = z.input<typeof noticeInputSchema>;

export const noticeListQuerySchema = z.object({
  page: z.coerce.number({ error: 'NOTICE_PAGE_INVALID' }).int('NOTICE_PAGE_INVALID').min(1, 'NOTICE_PAGE_INVALID').max(10_000, 'NOTICE_PAGE_INVALID').default(1),
  pageSize: z.coerce
    .number({ error: 'NOTICE_PAGE_INVALID' })
    .int('NOTICE_PAGE_INVALID')
    .min(1, 'NOTICE_PAGE_INVALID')
    .max(NOTICE_LIMITS.pageSizeMax, 'NOTICE_PAGE_INVALID')
    .default(NOTICE_LIMITS.pageSizeDefault),
});

export const noticeIdParams = z.object({ id: z.uuid({ error: 'NOTICE_NOT_FOUND' }) });
export const attachmentParams = z.object({ id: z.uuid({ error: 'NOTICE_NOT_FOUND' }), attachmentId: z.uuid({ error: 'NOTICE_ATTACHMENT_NOT_FOUND' }) });

/** The attachment's file name travels in the query (the body is the file itself). */
export const attachmentNameSchema = z.object({
  name: freeText({ max: NOTICE_LIMITS.fileNameMaxLength })
    .pipe(z.string().min(1, 'NOTICE_ATTACHMENT_NAME_INVALID'))
    .refine((name) => !/[\\/:*?"<>|]/.test(name) && /\.[a-z0-9]{1,5}$/i.test(name), 'NOTICE_ATTACHMENT_NAME_INVALID'),
});

export interface NoticeAttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/** A notice as the portal shows it. */
export interface PublicNotice {
  id: string;
  title: string;
  pinned: boolean;
  publishAt: string;
}

export interface PublicNoticeDetail extends PublicNotice {
  body: string;
  attachments: NoticeAttachmentView[];
}

/** A notice as the back office shows it. */
export interface AdminNotice extends PublicNoticeDetail {
  state: 'draft' | 'published' | 'withdrawn';
  status: NoticeStatus;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}
