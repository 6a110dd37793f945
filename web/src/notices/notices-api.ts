/** The portal's calls for 通知公告 (shapes of src/notices/schemas.ts). */
import type { PublicNotice, PublicNoticeDetail } from '../../../src/notices/schemas.ts';
import { api } from '../lib/api.ts';

export type { PublicNotice, PublicNoticeDetail };

export interface NoticePage {
  items: PublicNotice[];
  total: number;
  page: number;
  pageSize: number;
}

export const NOTICES_PATH = '/notices';
export const noticePath = (id: string) => `/notices/${encodeURIComponent(id)}`;
export const attachmentPath = (noticeId: string, attachmentId: string) =>
  `/api/notices/${encodeURIComponent(noticeId)}/attachments/${encodeURIComponent(attachmentId)}`;

export const fetchNotices = (page: number, pageSize: number) => api<NoticePage>('GET', `/api/notices?page=${page}&pageSize=${pageSize}`);
export const fetchNotice = (id: string) => api<PublicNoticeDetail>('GET', `/api/notices/${encodeURIComponent(id)}`);

/** '2026-03-01T02:00:00.000Z' as the day in China time, '2026-03-01'. */
export function chinaDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** A file size as people read it. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
