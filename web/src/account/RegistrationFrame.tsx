import { Card, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import './account.css';

const STEPS = [
  { zh: '填写账号以及用户信息', en: 'Account and user information' },
  { zh: '用户实名认证', en: 'Real-name verification' },
  { zh: '注册完成', en: 'Registration complete' },
];

/** The seed's numbered notes above the registration form (自然人 / 法人 wording). */
function notes(kind: 'natural' | 'legal') {
  const who = kind === 'natural' ? { zh: '自然人', en: 'natural persons' } : { zh: '法人', en: 'legal persons (organisations)' };
  return [
    {
      zh: `此流程只适用于${who.zh}注册，已注册用户请登录“科学技术部政务服务平台”。`,
      en: `This procedure is only for registering ${who.en}. Registered users please log in to the MOST Government Service Platform.`,
    },
    {
      zh: '注册流程为首先填写账号以及用户信息，然后点击“注册账号”按钮保存您填写的信息，同时系统会对您所填写的用户信息进行实名认证，最后完成注册。',
      en: 'First fill in the account and user information, then click "Register" to save it; the system verifies the user information against the real-name registry at the same time, and the registration is complete.',
    },
    { zh: '登录名只能包含数字、字母、下划线三种格式。', en: 'The login name may only contain digits, letters and underscores.' },
    { zh: '发送的手机验证码有效期为5分钟，5分钟后手机验证码失效。', en: 'The SMS code is valid for 5 minutes; after that it expires.' },
    {
      zh: `密码至少包含以下4种${kind === 'natural' ? '类型' : '类别'}的3种：大写字母、小写字母、数字、特殊符号，且长度不小于8位。`,
      en: 'The password must contain at least 3 of these 4 kinds: upper-case letters, lower-case letters, digits, special symbols, and be at least 8 characters long.',
    },
    {
      zh: '注册完成后，如需对注册的信息进行修改或完善，请登录“科学技术部政务服务平台”，并在“在线办事-我的信息”中修改或完善。',
      en: 'After registering, log in to the platform to change or complete your information under "Online services - My information".',
    },
  ];
}

export interface RegistrationFrameProps {
  /** 0 填写账号以及用户信息, 2 注册完成. */
  step: 0 | 1 | 2;
  /** Shows the numbered notes for this kind of registration. */
  kind?: 'natural' | 'legal';
  /** The page's name: its one h1 and the document title (自然人注册, 单位用户（法人）注册 …). */
  heading: { zh: string; en: string };
  /** The step's title, a level-two heading under the page's (填写账号以及用户信息). */
  title?: { zh: string; en: string };
  children: ReactNode;
}

/** 科学技术部政务服务平台（试运行）· 用户注册备案服务系统: title, step bar and notes around a registration page. */
export function RegistrationFrame({ step, kind, heading, title, children }: RegistrationFrameProps) {
  const { t } = useI18n();
  const done = step === STEPS.length - 1;
  return (
    <Card className="page-card registration">
      <Typography.Paragraph className="registration-system">
        {t('科学技术部政务服务平台（试运行）· 用户注册备案服务系统', 'MOST Government Service Platform (trial) · User Registration System')}
      </Typography.Paragraph>
      <PageHeading zh={heading.zh} en={heading.en} />
      <Steps
        className="registration-steps"
        current={step}
        status={done ? 'finish' : 'process'}
        items={STEPS.map((s) => ({ title: t(s.zh, s.en) }))}
      />
      {title && <Typography.Title level={2} className="registration-step-title">{t(title.zh, title.en)}</Typography.Title>}
      {kind && (
        <ol className="form-notes">
          {notes(kind).map((note) => (
            <li key={note.zh}>{t(note.zh, note.en)}</li>
          ))}
        </ol>
      )}
      {children}
    </Card>
  );
}
