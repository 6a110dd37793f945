/** The operators' calls for 通知公告 under /api/admin/notices (shapes of src/notices/schemas.ts). */
import type { AdminNotice, NoticeAttachmentView, NoticeFormValues } from '../../../src/notices/schemas.ts';
import { ApiError } from '../lib/api.ts';
import { adminCall } from './admin-api.ts';

export type { AdminNotice, NoticeAttachmentView, NoticeFormValues };
export type NoticeAction = 'publish' | 'withdraw' | 'pin' | 'unpin';

const id = (value: string) => encodeURIComponent(value);

function csrfToken(): string {
  return document.cookie.split('; ').find((c) => c.startsWith('csrf_token='))?.slice('csrf_token='.length) ?? '';
}

export const noticesApi = {
  list: () => adminCall<{ items: AdminNotice[] }>('GET', '/notices'),
  get: (noticeId: string) => adminCall<AdminNotice>('GET', `/notices/${id(noticeId)}`),
  create: (body: NoticeFormValues) => adminCall<AdminNotice>('POST', '/notices', body),
  update: (noticeId: string, body: NoticeFormValues) => adminCall<AdminNotice>('PUT', `/notices/${id(noticeId)}`, body),
  act: (noticeId: string, action: NoticeAction) => adminCall<AdminNotice>('POST', `/notices/${id(noticeId)}/${action}`),
  detach: (noticeId: string, attachmentId: string) => adminCall<{ removed: true }>('DELETE', `/notices/${id(noticeId)}/attachments/${id(attachmentId)}`),
  fileUrl: (noticeId: string, attachmentId: string) => `/api/admin/notices/${id(noticeId)}/attachments/${id(attachmentId)}`,

  /** One file as the raw body, its name in the query: the server decides its type from the content. */
  async attach(noticeId: string, file: File): Promise<NoticeAttachmentView> {
    if (!csrfToken()) await fetch('/api/csrf', { credentials: 'same-origin' });
    let response: Response;
    try {
      response = await fetch(`/api/admin/notices/${id(noticeId)}/attachments?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken() },
        body: file,
      });
    } catch {
      throw new ApiError(0, { code: 'NETWORK', message: '网络连接失败，请检查网络后重试。', messageEn: 'Network error. Please check your connection.' });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = {};
    }
    if (!response.ok) throw new ApiError(response.status, (body ?? {}) as ConstructorParameters<typeof ApiError>[1]);
    return body as NoticeAttachmentView;
  },
};
