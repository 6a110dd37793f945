/**
 * 用户授权管理 → 授权用户管理 (FAQ 10.2): the organisation's authorisations, filtered by 姓名,
 * 系统 and 状态; 修改 opens the role form in a dialog, 撤销授权 asks first.
 */
import { Alert, Button, Form, Input, Modal, Select, Space, Tag, message } from 'antd';
import { useState } from 'react';
import { useLoaded } from '../catalogue/catalogue-api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { authorizationApi, statusText, type AuthorizationFilters, type AuthorizationView, type HeldSystem } from './authorization-api.ts';
import { errorMessage } from './errors.ts';
import { dateOf, periodText, systemLines } from './format.ts';
import { GrantFields, grantFormProblem, grantValuesOf, systemsToShow, toRequest, type GrantValues } from './GrantFields.tsx';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';
import { useIsPhone } from '../components/ResponsiveTable.tsx';

export function GrantedUsers({ held }: { held: HeldSystem[] }) {
  const { t, lang } = useI18n();
  const [filterForm] = Form.useForm<AuthorizationFilters>();
  const [filters, setFilters] = useState<AuthorizationFilters>({});
  const list = useLoaded(() => authorizationApi.list(filters), [JSON.stringify(filters)]);
  const [editing, setEditing] = useState<AuthorizationView | null>(null);
  const [modal, modalHolder] = Modal.useModal();
  const [messageApi, messageHolder] = message.useMessage();

  const revoke = async (authorization: AuthorizationView) => {
    const confirmed = await modal.confirm({
      title: t('撤销授权', 'Revoke'),
      content: t(`确定撤销对 ${authorization.personName} 的全部授权吗？撤销后该用户将不能再代表本单位办理事项。`, `Revoke every role of ${authorization.personName}? They will no longer act for your organisation.`),
      okText: t('确定', 'OK'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: { autoInsertSpace: false, danger: true },
      cancelButtonProps: { autoInsertSpace: false },
    });
    if (!confirmed) return;
    try {
      await authorizationApi.revoke(authorization.id);
      void messageApi.success(t('已撤销授权', 'Authorisation revoked'));
      list.reload();
    } catch (error) {
      void messageApi.error(errorMessage(error, lang));
    }
  };

  return (
    <section aria-label={t('授权用户管理', 'Authorised persons')} aria-busy={list.loading}>
      {modalHolder}
      {messageHolder}
      <Form
        form={filterForm}
        layout="inline"
        className="grant-filters"
        onFinish={(values) => setFilters({ name: values.name?.trim() || undefined, system: values.system || undefined, status: values.status || undefined })}
      >
        <Form.Item name="name" label={t('姓名', 'Name')}>
          <Input allowClear maxLength={50} />
        </Form.Item>
        <Form.Item name="system" label={t('系统', 'System')}>
          <Select allowClear style={{ width: 200, maxWidth: '100%' }} placeholder={t('全部', 'All')} options={held.map((s) => ({ value: s.key, label: s.name }))} />
        </Form.Item>
        <Form.Item name="status" label={t('状态', 'Status')}>
          <Select
            allowClear
            style={{ width: 140, maxWidth: '100%' }}
            placeholder={t('全部', 'All')}
            options={[
              { value: 'active', label: t('正常', 'Active') },
              { value: 'expired', label: t('授权已过期', 'Expired') },
              { value: 'not_yet_valid', label: t('未生效', 'Not yet valid') },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" autoInsertSpace={false}>
          {t('查询', 'Search')}
        </Button>
      </Form>
      {list.error && <Alert type="error" showIcon title={t(list.error.message, list.error.messageEn)} className="grant-alert" />}
      <ResponsiveTable<AuthorizationView>
        listBelow="lg"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.authorizations ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('暂无授权用户', 'No authorised persons') }}
        columns={[
          { title: t('姓名', 'Name'), dataIndex: 'personName' },
          { title: t('证件号码', 'Document number'), dataIndex: 'documentNumberMasked' },
          {
            title: t('授权系统及角色', 'Systems and roles'),
            key: 'systems',
            render: (_, row) => systemLines(row.systems, lang).map((line) => <div key={line}>{line}</div>),
          },
          { title: t('维护信息', 'Maintains info'), dataIndex: 'maintainInfo', render: (value: boolean) => (value ? t('是', 'Yes') : t('否', 'No')) },
          { title: t('有效期', 'Valid'), key: 'period', render: (_, row) => periodText(row.validFrom, row.validTo, lang) },
          { title: t('授权时间', 'Granted on'), dataIndex: 'grantedAt', render: dateOf },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (status: string, row) => <Tag color={status === 'active' ? 'success' : 'error'}>{statusText(status, row.statusLabel, lang)}</Tag>,
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            render: (_, row) => (
              <Space>
                <Button size="small" onClick={() => setEditing(row)} autoInsertSpace={false}>
                  {t('修改', 'Change')}
                </Button>
                <Button size="small" danger onClick={() => void revoke(row)} autoInsertSpace={false}>
                  {t('撤销授权', 'Revoke')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <ChangeDialog
          authorization={editing}
          held={held}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void messageApi.success(t('修改授权成功', 'Authorisation changed'));
            list.reload();
          }}
        />
      )}
    </section>
  );
}

/** 修改: the same role form, filled with the authorisation, saved with PUT. */
function ChangeDialog({ authorization, held, onClose, onSaved }: { authorization: AuthorizationView; held: HeldSystem[]; onClose(): void; onSaved(): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<GrantValues>();
  const phone = useIsPhone();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as GrantValues;
    const local = grantFormProblem(values, lang);
    setProblem(local);
    if (local) return;
    setSaving(true);
    try {
      await authorizationApi.change(authorization.id, toRequest(values));
      onSaved();
    } catch (error) {
      setProblem(errorMessage(error, lang));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t(`修改授权：${authorization.personName}`, `Change authorisation: ${authorization.personName}`)}
      okText={t('确定', 'OK')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ autoInsertSpace: false, loading: saving }}
      cancelButtonProps={{ autoInsertSpace: false }}
      onOk={() => void save()}
      onCancel={onClose}
    >
      <p>
        {t('证件号码：', 'Document number: ')}
        {authorization.documentNumberMasked}
      </p>
      <Form form={form} {...(phone ? { layout: 'vertical' as const } : { layout: 'horizontal' as const, labelCol: { span: 6 }, wrapperCol: { span: 18 } })} initialValues={grantValuesOf(authorization)}>
        <GrantFields systems={systemsToShow(held, authorization)} />
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}
