/**
 * 找回的账号: the accounts an open appeal could recover (natural: every account holding the
 * document, the verified one first; legal: the organisation found). With several, the reviewer
 * chooses (选择账号), the verified one preselected; with none, only 审核不通过 is possible.
 */
import { Alert, Card, Radio, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../lib/i18n.tsx';
import type { AppealCandidate, AppealDetail } from './admin-api.ts';

/** The account approval recovers unless the reviewer picks another: the only one, or the verified one. */
export function defaultCandidate(candidates: AppealCandidate[]): string | undefined {
  const first = candidates[0];
  return first && (candidates.length === 1 || first.verified) ? first.accountId : undefined;
}

interface Props {
  appeal: AppealDetail;
  chosen: string | undefined;
  onChoose(accountId: string): void;
}

export function AppealAccounts({ appeal, chosen, onChoose }: Props) {
  const { t } = useI18n();
  const { candidates } = appeal;
  const choosing = candidates.length > 1;

  const columns: ColumnsType<AppealCandidate> = [
    { title: t('登录名', 'Login name'), dataIndex: 'loginName' },
    { title: appeal.kind === 'legal' ? t('单位名称', 'Organisation') : t('姓名', 'Name'), dataIndex: 'name' },
    {
      title: t('实名认证', 'Verification'),
      dataIndex: 'verified',
      render: (verified: boolean) => (verified ? <Tag color="success">{t('已实名认证', 'Verified')}</Tag> : <Tag>{t('未实名认证', 'Not verified')}</Tag>),
    },
    {
      title: t('账号状态', 'Account'),
      dataIndex: 'disabled',
      render: (disabled: boolean) => (disabled ? <Tag color="error">{t('已停用', 'Disabled')}</Tag> : t('正常', 'Active')),
    },
  ];
  if (choosing) {
    columns.unshift({ title: t('选择', 'Choose'), key: 'choose', width: 64, render: (_, c) => <Radio value={c.accountId} aria-label={c.loginName} /> });
  }

  const table = (
    <Table
      rowKey="accountId"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={candidates}
      onRow={(c) => (choosing ? { onClick: () => onChoose(c.accountId), style: { cursor: 'pointer' } } : {})}
    />
  );

  const title = t('找回的账号', 'Account to recover');
  return (
    <Card type="inner" title={title} style={{ marginTop: 16 }} role="region" aria-label={title}>
      {candidates.length === 0 ? (
        <Alert
          type="warning"
          showIcon
          title={
            appeal.kind === 'legal'
              ? t('平台上没有该单位的账号，只能审核不通过（申诉人需重新注册）', 'No account on the platform belongs to this organisation: the appeal can only be rejected (the appellant must register anew)')
              : t('平台上没有持有该证件的账号，只能审核不通过（申诉人需重新注册）', 'No account on the platform holds this document: the appeal can only be rejected (the appellant must register anew)')
          }
        />
      ) : choosing ? (
        <>
          <Radio.Group aria-label={t('选择账号', 'Choose the account')} value={chosen} onChange={(event) => onChoose(event.target.value as string)} style={{ display: 'block' }}>
            {table}
          </Radio.Group>
          {chosen === undefined && (
            <Typography.Text type="warning" style={{ display: 'block', marginTop: 8 }}>
              {t('有多个账号持有该证件且均未实名认证，请选择要找回的账号', 'Several unverified accounts hold this document: choose the one to recover')}
            </Typography.Text>
          )}
        </>
      ) : (
        table
      )}
    </Card>
  );
}
