/**
 * 主代办人 of an organisation's appeal (issue 14.15): the primary agent on record (name and phone
 * masked, verified or not) beside the appellant, and the reviewer's choice, made before 审核通过
 * can be pressed: the appellant replaces the primary agent, or the recorded one is kept and the
 * appeal only recovers the password (src/recovery/rules.ts PRIMARY_AGENT_DECISIONS). What each
 * choice does is said under it, before the reviewer commits to it.
 */
import { Alert, Card, Descriptions, Radio, Space, Tag, Typography } from 'antd';
import { PRIMARY_AGENT_DECISIONS, type PrimaryAgentDecision } from '../../../src/recovery/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { AppealDetail } from './admin-api.ts';

interface Props {
  appeal: AppealDetail;
  chosen: PrimaryAgentDecision | undefined;
  onChoose(decision: PrimaryAgentDecision): void;
}

export function AppealPrimaryAgent({ appeal, chosen, onChoose }: Props) {
  const { t, lang } = useI18n();
  if (appeal.data.kind !== 'legal' || !appeal.primaryAgent) return null;
  const { current, appellantIsCurrent } = appeal.primaryAgent;
  const agent = appeal.data.agent;
  const title = t('主代办人', 'Primary agent');

  const verification = current ? (
    <Tag color={current.verified ? 'success' : 'default'}>{lang === 'zh' ? current.verification.label : current.verification.labelEn}</Tag>
  ) : null;
  const consequence =
    chosen === 'replace'
      ? t(
          `审核通过后，申诉人 ${agent.name} 成为该单位的主代办人，现主代办人${current ? `（${current.name}，${current.verification.label}）` : ''}的信息被替换。申诉未填写证件有效期，主代办人将显示“用户信息不全”，补全并通过实名认证前，要求主代办人实名认证的业务系统（如火炬中心系统）将无法进入。`,
          `On approval ${agent.name} becomes the organisation's primary agent and replaces the current one${current ? ` (${current.name}, ${current.verification.labelEn})` : ''}. The appeal has no validity dates, so the primary agent reads "incomplete" and systems that require a verified primary agent (the Torch systems) refuse the organisation until it is completed and verified.`,
        )
      : chosen === 'keep'
        ? t(
            '审核通过后，主代办人信息不变（实名认证状态不变）；登录名和临时密码仍发送至申诉人的手机。申诉人如需担任主代办人，可在登录后修改“主代办人信息”并重新实名认证。',
            'On approval the primary agent stays as recorded (its verification too); the login name and one-time password still go to the appellant’s phone. An appellant who is to be the agent changes 主代办人信息 after logging in, and it is verified again.',
          )
        : undefined;

  return (
    <Card type="inner" title={title} style={{ marginTop: 16 }} role="region" aria-label={title}>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'current',
            label: t('现主代办人', 'Current primary agent'),
            children: current ? (
              <Space size="small" wrap>
                <span>{current.name}</span>
                <span>{current.mobile}</span>
                {verification}
              </Space>
            ) : (
              t('未登记', 'None recorded')
            ),
          },
          {
            key: 'appellant',
            label: t('申诉人', 'Appellant'),
            children: (
              <Space size="small" wrap>
                <span>{agent.name}</span>
                <span>{agent.mobile}</span>
                {appellantIsCurrent && <Tag color="processing">{t('与现主代办人证件一致', 'Same document as the current primary agent')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <Radio.Group
        aria-label={t('主代办人处理方式', 'What happens to the primary agent')}
        value={chosen}
        onChange={(event) => onChoose(event.target.value as PrimaryAgentDecision)}
        style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 16 }}
      >
        {PRIMARY_AGENT_DECISIONS.map((decision) => (
          <Radio key={decision.value} value={decision.value}>
            {decision.label[lang]}
          </Radio>
        ))}
      </Radio.Group>
      {consequence ? (
        <Alert type={chosen === 'replace' ? 'warning' : 'info'} showIcon title={consequence} style={{ marginTop: 12 }} />
      ) : (
        <Typography.Text type="warning" style={{ display: 'block', marginTop: 8 }}>
          {t('请选择主代办人的处理方式后再审核通过', 'Choose what happens to the primary agent before approving')}
        </Typography.Text>
      )}
    </Card>
  );
}
