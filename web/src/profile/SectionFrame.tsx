import { Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { INCOMPLETE_NOTICE } from '../../../src/accounts/profile-fields.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { FieldLabel } from './fields.ts';

/**
 * One tab of 我的信息: the header line (自然人用户信息管理, 系统已确认的法人信息...) with, at its
 * top right, the notice 用户信息不全，请及时补充！ while required fields are missing (the
 * real-name status takes this place once verification exists).
 */
export function SectionFrame({ title, note, missing, children }: { title: FieldLabel; note?: FieldLabel; missing: string[]; children: ReactNode }) {
  const { t, lang } = useI18n();
  return (
    <section className="profile-section" aria-label={title[lang]}>
      <div className="profile-header">
        <Typography.Title level={4} className="profile-title">
          {title[lang]}
          {note && <span className="profile-title-note">{t(`（${note.zh}）`, ` (${note.en})`)}</span>}
        </Typography.Title>
        <span className="profile-status" role="status">
          {missing.length > 0 && <Typography.Text type="danger">{INCOMPLETE_NOTICE[lang]}</Typography.Text>}
        </span>
      </div>
      {children}
    </section>
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
