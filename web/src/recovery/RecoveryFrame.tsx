import { Card, ConfigProvider, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { PageHeading } from '../layout/PageHeading.tsx';
import { READ_AS_WRITTEN } from '../lib/button-config.tsx';
import { useI18n } from '../lib/i18n.tsx';
import type { Text } from './texts.ts';
import '../account/account.css';
import './recovery.css';

export interface RecoveryFrameProps {
  /** The flow's steps (检索用户 → 重置密码 → 重置密码完成 …); omitted on 选择找回密码方式. */
  steps?: Text[];
  current?: number;
  /** The seed's numbered notes of this step. */
  notes?: Text[];
  /** 登录名重置密码, 自然人申诉找回密码 … above the form. */
  title: Text;
  children: ReactNode;
}

/** 科学技术部政务服务平台（试运行）· 用户注册备案服务系统 around a 密码找回 page: steps, notes, title. */
export function RecoveryFrame({ steps, current = 0, notes, title, children }: RecoveryFrameProps) {
  const { t } = useI18n();
  const done = steps !== undefined && current === steps.length - 1;
  // Buttons read as written (确定, not 确 定), as the seed prints them.
  return (
    <ConfigProvider button={READ_AS_WRITTEN}>
      <Card className="page-card registration recovery">
        <Typography.Paragraph className="registration-system">
          {t('科学技术部政务服务平台（试运行）· 用户注册备案服务系统', 'MOST Government Service Platform (trial) · User Registration System')}
        </Typography.Paragraph>
        {steps && (
          <Steps className="registration-steps" current={current} status={done ? 'finish' : 'process'} items={steps.map((s) => ({ title: t(s.zh, s.en) }))} />
        )}
        {notes && notes.length > 0 && (
          <ol className="form-notes" aria-label={t('注意', 'Notes')}>
            {notes.map((note) => (
              <li key={note.zh}>{t(note.zh, note.en)}</li>
            ))}
          </ol>
        )}
        <div className="recovery-title">
          <PageHeading zh={title.zh} en={title.en} />
        </div>
        {children}
      </Card>
    </ConfigProvider>
  );
}
