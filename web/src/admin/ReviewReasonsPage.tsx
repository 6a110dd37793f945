/**
 * /admin/review-reasons (admins): 常用不通过原因, the presets reviewers tick for 审核不通过.
 * Add, change (in a dialog) or delete (after confirming) one; a rejection copies the words, so
 * changing a preset rewrites no decision. The server's refusal is shown beside its field.
 */
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { REVIEW_REASON_LIMITS } from '../../../src/backoffice/review-reason-schemas.ts';
import { ApiError } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, errorText, type ReviewReason } from './admin-api.ts';
import { useAdminOutlet } from './AdminLayout.tsx';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

interface Values {
  text: string;
  sortOrder: number;
}

/** 原因 and 排序号, checked as the server checks them; the server's field errors land on the fields. */
function ReasonFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="text" label={t('原因', 'Reason')} rules={[{ required: true, whitespace: true, message: t('请填写常用原因，最多100个字', 'Enter the preset reason, at most 100 characters') }]}>
        <Input maxLength={REVIEW_REASON_LIMITS.textMaxLength} showCount />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('排序号', 'Sort order')}>
        <InputNumber min={0} max={REVIEW_REASON_LIMITS.maxSortOrder} precision={0} />
      </Form.Item>
    </>
  );
}

function useSave(onSaved: () => void) {
  const { lang } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (form: ReturnType<typeof Form.useForm<Values>>[0], call: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await call();
      onSaved();
      return true;
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : [];
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as keyof Values, errors: [lang === 'zh' ? f.message : f.messageEn] })));
      else setProblem(errorText(error, lang));
      return false;
    }
  };
  return { problem, save };
}

export function ReviewReasonsPage() {
  const { t, lang } = useI18n();
  const { notify } = useAdminOutlet();
  const list = useLoad(() => adminApi.reviewReasons(), []);
  const [addForm] = Form.useForm<Values>();
  const [editForm] = Form.useForm<Values>();
  const [editing, setEditing] = useState<ReviewReason>();
  const { problem, save } = useSave(list.reload);

  const add = async (values: Values) => {
    if (await save(addForm, () => adminApi.createReviewReason({ text: values.text.trim(), sortOrder: values.sortOrder ?? 0 }))) {
      addForm.resetFields();
      notify(t('已添加', 'Added'));
    }
  };
  const change = async (values: Values) => {
    if (editing && (await save(editForm, () => adminApi.updateReviewReason(editing.id, { text: values.text.trim(), sortOrder: values.sortOrder ?? 0 })))) {
      setEditing(undefined);
      notify(t('已保存', 'Saved'));
    }
  };
  const remove = async (reason: ReviewReason) => {
    if (await save(addForm, () => adminApi.deleteReviewReason(reason.id))) notify(t('已删除', 'Deleted'));
  };

  const columns: ColumnsType<ReviewReason> = [
    { title: t('原因', 'Reason'), dataIndex: 'text' },
    { title: t('排序号', 'Sort order'), dataIndex: 'sortOrder', width: 90 },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      width: 150,
      render: (_, reason) => (
        <Space size="small">
          <Button size="small" aria-label={`${t('修改', 'Change')}：${reason.text}`} onClick={() => setEditing(reason)}>
            {t('修改', 'Change')}
          </Button>
          <Popconfirm title={t('确定删除该常用原因吗？', 'Delete this preset reason?')} okText={t('确定', 'OK')} cancelText={t('取消', 'Cancel')} onConfirm={() => remove(reason)}>
            <Button size="small" danger aria-label={`${t('删除', 'Delete')}：${reason.text}`}>
              {t('删除', 'Delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card title={<PageHeading zh="常用不通过原因" en="Preset rejection reasons" />}>
      <Form form={addForm} name="add-reason" layout="vertical" initialValues={{ sortOrder: 0 }} onFinish={(values) => void add(values)} style={{ maxWidth: 560 }}>
        <ReasonFields />
        <Button type="primary" htmlType="submit">
          {t('添加', 'Add')}
        </Button>
      </Form>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error, lang)} style={{ margin: '16px 0' }} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ margin: '16px 0' }} />}
      <section aria-label={t('原因列表', 'Reasons')} aria-busy={list.loading} style={{ marginTop: 24 }}>
        <Table rowKey="id" size="middle" loading={list.loading} columns={columns} dataSource={list.data?.reasons ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      </section>
      <Modal
        open={editing !== undefined}
        title={t('修改常用原因', 'Change preset reason')}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        destroyOnHidden
        onCancel={() => setEditing(undefined)}
        onOk={() => editForm.submit()}
      >
        <Form key={editing?.id} form={editForm} name="edit-reason" layout="vertical" initialValues={editing} onFinish={(values) => void change(values)}>
          <ReasonFields />
        </Form>
      </Modal>
    </Card>
  );
}
