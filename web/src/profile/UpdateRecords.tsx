import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { displayValue } from './fields.ts';
import { loadUpdateRecords, useProfileApi, type RecordSection, type UpdateRecord } from './profile-api.ts';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';

interface Row {
  key: string;
  createdAt: string;
  actorName: string;
  section: RecordSection;
  field: string;
  label: string;
  old: string;
  new: string;
}

/** One row per changed field: when, who, which field, old and new value (personal data masked by the server). */
function rowsOf(records: UpdateRecord[], lang: 'zh' | 'en'): Row[] {
  return records.flatMap((record) =>
    record.changes.map((change) => ({
      key: `${record.id}:${change.field}`,
      createdAt: dayjs(record.createdAt).format('YYYY-MM-DD HH:mm:ss'),
      actorName: record.actorName,
      section: record.section,
      field: change.field,
      label: lang === 'zh' ? change.label : change.labelEn,
      old: change.old,
      new: change.new,
    })),
  );
}

/** 信息更新记录: a button opening the records of this tab's sections. */
export function UpdateRecordsButton({ sections }: { sections: RecordSection[] }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [records, setRecords] = useState<UpdateRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { base } = useProfileApi();

  const show = async () => {
    setOpen(true);
    setRecords(null);
    setError(null);
    try {
      setRecords(await loadUpdateRecords(sections, base));
    } catch (caught) {
      setError(caught instanceof ApiError ? t(caught.message, caught.messageEn) : t('系统繁忙，请稍后再试。', 'The system is busy. Please try again later.'));
    }
  };
  const value = (row: Row, text: string) => displayValue(row.section, row.field, text, lang);

  return (
    <>
      <Button icon={<HistoryOutlined aria-hidden />} onClick={show}>
        {t('信息更新记录', 'Update records')}
      </Button>
      <Modal open={open} title={t('信息更新记录', 'Update records')} width={860} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        {error && <Alert type="error" showIcon title={error} />}
        <ResponsiveTable<Row>
          size="small"
          loading={records === null && !error}
          dataSource={rows(records, lang)}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('暂无更新记录', 'No updates yet') }}
          columns={[
            { title: t('更新时间', 'Updated at'), dataIndex: 'createdAt', width: 170 },
            { title: t('操作人', 'Operator'), dataIndex: 'actorName', width: 140 },
            { title: t('字段', 'Field'), dataIndex: 'label' },
            { title: t('原值', 'Old value'), dataIndex: 'old', render: (text: string, row) => value(row, text) },
            { title: t('新值', 'New value'), dataIndex: 'new', render: (text: string, row) => value(row, text) },
          ]}
        />
      </Modal>
    </>
  );
}

const rows = (records: UpdateRecord[] | null, lang: 'zh' | 'en') => (records ? rowsOf(records, lang) : []);
