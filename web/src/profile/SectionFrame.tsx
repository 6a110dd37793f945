import { Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { INCOMPLETE_NOTICE } from '../../../src/accounts/profile-fields.ts';
import { isVerified } from '../../../src/realname/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { RejectionDetail } from '../materials/RejectionDetail.tsx';
import type { FieldLabel } from './fields.ts';
import type { VerificationView } from './profile-api.ts';
import { statusTone } from './verification.ts';

/**
 * One tab of 我的信息: the header line (自然人用户信息管理, 系统已确认的法人信息...) with, at its
 * top right, 实名认证状态：<status> (coloured, its reason beneath) and the notice
 * 用户信息不全，请及时补充！ while required fields are missing (once only, when that notice is
 * the status itself). Level 2 under the page's heading; level 1 where the section is the page (上传…信息).
 */
export function SectionFrame({ title, note, missing, status, level = 2, children }: { title: FieldLabel; note?: FieldLabel; missing: string[]; status?: VerificationView; level?: 1 | 2; children: ReactNode }) {
  const { t, lang } = useI18n();
  const showIncomplete = missing.length > 0 && status?.status !== 'incomplete';
  return (
    <section className="profile-section" aria-label={title[lang]}>
      <div className="profile-header">
        <Typography.Title level={level} className="profile-title">
          {title[lang]}
          {note && <span className="profile-title-note">{t(`（${note.zh}）`, ` (${note.en})`)}</span>}
        </Typography.Title>
        <span className="profile-status" role="status">
          {status && <VerificationStatusLine status={status} />}
          {showIncomplete && <Typography.Text type="danger">{INCOMPLETE_NOTICE[lang]}</Typography.Text>}
        </span>
      </div>
      {children}
    </section>
  );
}

/**
 * 实名认证状态：国家平台实名认证通过 (green), …审核中 (orange), …失败 (red), with why beneath;
 * a reviewer's rejection shows 实名认证审核失败(详情), its reason behind 详情.
 */
function VerificationStatusLine({ status }: { status: VerificationView }) {
  const { t, lang } = useI18n();
  const reason = status.reason;
  const rejection = status.status === 'review_rejected' ? (reason?.detail ?? reason?.message) : undefined;
  const reasonText = reason && rejection === undefined ? (lang === 'zh' ? reason.message : reason.messageEn) : '';
  const label = lang === 'zh' ? status.label : status.labelEn;
  return (
    <span className="profile-verification" data-status={status.status}>
      <span className="profile-verification-line">
        {t('实名认证状态：', 'Real-name verification status: ')}
        <Typography.Text type={statusTone(status.status)} strong title={reasonText || undefined}>
          {label}
        </Typography.Text>
        {rejection !== undefined && <RejectionDetail reason={rejection} />}
      </span>
      {status.method === 'national' && isVerified(status.status) && (
        <Typography.Text type="secondary" className="profile-verification-reason">
          {t('通过国家政务服务平台认证', 'Verified through the national government service platform')}
        </Typography.Text>
      )}
      {reasonText && reasonText !== label && (
        <Typography.Text type="secondary" className="profile-verification-reason">
          {reasonText}
        </Typography.Text>
      )}
    </span>
  );
}

export interface InfoRow {
  label: FieldLabel;
  value: ReactNode;
  /** Whole row (类型, 详细地址...) instead of half. */
  wide?: boolean;
}

/** The seed's two-column label/value table of view mode. */
export function InfoTable({ caption, rows }: { caption: FieldLabel; rows: InfoRow[] }) {
  const { lang } = useI18n();
  return (
    <Descriptions
      className="profile-table"
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      title={caption[lang]}
      items={rows.map((row) => ({ key: row.label.zh, label: row.label[lang], children: row.value, span: row.wide ? 'filled' : 1 }))}
    />
  );
}
