/**
 * 单位管理 → 系统审核: for the business systems marked 单位需经系统审核, an operator approves the
 * organisation (审核通过: it holds the system and can authorise persons there) or withdraws its
 * holding (撤销), as the system itself can through the system API. Audited on the server.
 */
import { Alert, Button, List, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './admin-api.ts';
import { holdingsApi, type HoldingRow, type OrganizationRow } from './organizations-api.ts';
import { useLoad } from './use-load.ts';

export function HoldingsDialog({ organization, onClose }: { organization: OrganizationRow; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useLoad(() => holdingsApi.list(organization.id), [organization.id]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (row: HoldingRow, approve: boolean) => {
    setBusy(row.key);
    setProblem(null);
    try {
      await (approve ? holdingsApi.approve(organization.id, row.key) : holdingsApi.withdraw(organization.id, row.key));
      reload();
    } catch (e) {
      setProblem(errorText(e, lang));
    } finally {
      setBusy(null);
    }
  };

  const stateTag = (state: HoldingRow['state']) =>
    state === 'held' ? (
      <Tag color="green">{t('审核通过', 'Approved')}</Tag>
    ) : state === 'pending' ? (
      <Tag color="orange">{t('待业务系统审核', 'Awaiting approval')}</Tag>
    ) : (
      <Tag>{t('未进入', 'Not entered')}</Tag>
    );

  return (
    <Modal open title={t(`系统审核：${organization.name}`, `System approval: ${organization.name}`)} onCancel={onClose} footer={null}>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <List
        loading={loading}
        dataSource={data?.holdings ?? []}
        locale={{ emptyText: t('没有设置“单位需经系统审核”的业务系统', 'No business system approves organisations') }}
        renderItem={(row) => (
          <List.Item>
            <Space wrap>
              <span>{row.name}</span>
              {stateTag(row.state)}
              {row.state !== 'held' && (
                <Button size="small" type="primary" loading={busy === row.key} onClick={() => void act(row, true)}>
                  {t('审核通过', 'Approve')}
                </Button>
              )}
              {row.state !== 'none' && (
                <Button size="small" danger loading={busy === row.key} onClick={() => void act(row, false)}>
                  {t('撤销', 'Withdraw')}
                </Button>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Modal>
  );
}
