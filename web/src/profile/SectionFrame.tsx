import { EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { INCOMPLETE_NOTICE } from '../../../src/accounts/profile-fields.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { FieldLabel } from './fields.ts';
import type { RecordSection } from './profile-api.ts';
import { UpdateRecordsButton } from './UpdateRecords.tsx';

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

/** View mode's buttons: 修改…信息 at the left, 信息更新记录 at the right. */
export function ViewToolbar({ editLabel, onEdit, recordSections }: { editLabel: FieldLabel; onEdit(): void; recordSections: RecordSection[] }) {
  const { lang } = useI18n();
  return (
    <Flex justify="space-between" className="profile-toolbar">
      <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={onEdit}>
        {editLabel[lang]}
      </Button>
      <UpdateRecordsButton sections={recordSections} />
    </Flex>
  );
}

/** Edit mode's buttons and the line 带*号的为必填项，且所填写内容必须真实有效。 (inside the form). */
export function EditToolbar({ saving, onCancel }: { saving: boolean; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <>
      <Space className="profile-toolbar">
        <Button type="primary" htmlType="submit" loading={saving} autoInsertSpace={false}>
          {t('保存', 'Save')}
        </Button>
        <Button onClick={onCancel} disabled={saving} autoInsertSpace={false}>
          {t('取消', 'Cancel')}
        </Button>
      </Space>
      <p className="profile-required-note">{t('带*号的为必填项，且所填写内容必须真实有效。', 'Fields marked * are required, and everything entered must be true and valid.')}</p>
    </>
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
