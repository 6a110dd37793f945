/**
 * 通知公告: the life of a notice, as pure functions. A notice is a draft (草稿) until an operator
 * publishes it (已发布); a published one can be withdrawn (已撤回) and published again. 已过期 is
 * not stored: a published notice whose expiry time has passed reads so. The public sees a notice
 * only while it is published, its publish time has come and its expiry time has not.
 */

export type NoticeState = 'draft' | 'published' | 'withdrawn';
/** What the back office shows: the stored state, or 已过期 for a published notice past its expiry. */
export type NoticeStatus = NoticeState | 'expired';

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  expired: { zh: '已过期', en: 'Expired' },
};

export const NOTICE_LIMITS = {
  titleMaxLength: 100,
  bodyMaxLength: 10_000,
  /** Attachments of one notice. */
  maxAttachments: 10,
  fileNameMaxLength: 100,
  /** The portal's list: notices a page. */
  pageSizeDefault: 10,
  pageSizeMax: 50,
  /** The home page's 通知公告 block. */
  homeCount: 5,
} as const;

export interface NoticeTimes {
  state: NoticeState;
  pinned: boolean;
  publishAt: Date;
  expiresAt: Date | null;
}

export const isExpired = (n: Pick<NoticeTimes, 'expiresAt'>, now: Date) => n.expiresAt !== null && n.expiresAt.getTime() <= now.getTime();

export function statusOf(n: NoticeTimes, now: Date): NoticeStatus {
  return n.state === 'published' && isExpired(n, now) ? 'expired' : n.state;
}

/** Whether the public may read it (list, detail, attachments). */
export function isPublic(n: NoticeTimes, now: Date): boolean {
  return n.state === 'published' && n.publishAt.getTime() <= now.getTime() && !isExpired(n, now);
}

export type NoticeEvent = 'publish' | 'withdraw' | 'pin' | 'unpin';

export type NoticeRefusal = 'NOTICE_ALREADY_PUBLISHED' | 'NOTICE_NOT_PUBLISHED' | 'NOTICE_EXPIRY_PASSED' | 'NOTICE_WITHDRAWN_PIN';

/**
 * The state after an operator's action, or why it is refused: publishing twice, withdrawing
 * what is not published, publishing what has already expired (change the expiry first), and
 * pinning a withdrawn notice (it shows nowhere) are refused.
 */
export function transition(n: NoticeTimes, event: NoticeEvent, now: Date): { ok: true; state: NoticeState; pinned: boolean } | { ok: false; code: NoticeRefusal } {
  switch (event) {
    case 'publish':
      if (n.state === 'published') return { ok: false, code: 'NOTICE_ALREADY_PUBLISHED' };
      if (isExpired(n, now)) return { ok: false, code: 'NOTICE_EXPIRY_PASSED' };
      return { ok: true, state: 'published', pinned: n.pinned };
    case 'withdraw':
      if (n.state !== 'published') return { ok: false, code: 'NOTICE_NOT_PUBLISHED' };
      return { ok: true, state: 'withdrawn', pinned: n.pinned };
    case 'pin':
    case 'unpin':
      if (n.state === 'withdrawn' && event === 'pin') return { ok: false, code: 'NOTICE_WITHDRAWN_PIN' };
      return { ok: true, state: n.state, pinned: event === 'pin' };
  }
}
