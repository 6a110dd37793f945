/**
 * 办理入口 for a person acting for several organisations in the system: 请选择办理单位, one
 * option per organisation with the person's roles there, and 确定 (FAQ 二.8, SPEC §6).
 */
import { Alert, Button, Card, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';

export interface EntryChoice {
  organizationId: string;
  organizationName: string;
  roles: { code: string; name: string }[];
}

export function OrganizationChoice({ systemName, choices, onChoose }: { systemName?: string; choices: EntryChoice[]; onChoose(organizationId: string): Promise<string | null> }) {
  const { t, lang } = useI18n();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = async () => {
    if (!chosen) return;
    setBusy(true);
    setProblem(await onChoose(chosen));
    setBusy(false);
  };

  return (
    <Card title={t('请选择办理单位', 'Choose the organisation you act for')} style={{ maxWidth: 640, margin: '24px auto' }}>
      <Typography.Paragraph>
        {systemName
          ? t(`您已获得多个单位在“${systemName}”中的授权，请选择本次代表办理的单位。`, `Several organisations authorised you in ${systemName}. Choose the one you act for this time.`)
          : t('您已获得多个单位的授权，请选择本次代表办理的单位。', 'Several organisations authorised you. Choose the one you act for this time.')}
      </Typography.Paragraph>
      <Radio.Group aria-label={t('办理单位', 'Organisation')} value={chosen} onChange={(event) => setChosen(event.target.value as string)}>
        <Space orientation="vertical">
          {choices.map((choice) => (
            <Radio key={choice.organizationId} value={choice.organizationId}>
              {choice.organizationName}
              {choice.roles.length > 0 && (
                <Typography.Text type="secondary">
                  {lang === 'zh' ? `（${choice.roles.map((r) => r.name).join('、')}）` : ` (${choice.roles.map((r) => r.name).join(', ')})`}
                </Typography.Text>
              )}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 16 }} />}
      <div style={{ marginTop: 16 }}>
        <Button type="primary" disabled={!chosen} loading={busy} onClick={() => void confirm()} autoInsertSpace={false}>
          {t('确定', 'OK')}
        </Button>
      </div>
    </Card>
  );
}
