import { Button, Space, Typography } from 'antd';
import type { Ref } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { useReturnPath, withReturnPath } from '../lib/return-path.ts';
import type { LegacyGuidance } from './lookup-api.ts';
import { loginPathOf, RECOVER_PATH, RECOVERY_PATHS, registerPathOf } from './paths.ts';
import { LOOKUP_TEXTS as T, type Text } from './texts.ts';

/**
 * The answer of 账号检索: the seed's case heading, the window and login name to use (the
 * name copyable), the seed's text, its 原因 and notes, and the way on the answer's `next` names.
 */
export function LookupAnswer({ guidance, ref }: { guidance: LegacyGuidance; ref?: Ref<HTMLElement> }) {
  const { t } = useI18n();
  const tt = (text: Text) => t(text.zh, text.en);
  return (
    <section className="legacy-answer" aria-label={tt(T.answer)} ref={ref}>
      <Typography.Title level={2} className="legacy-answer-title">
        {tt(T.answer)}
        {t('：', ': ')}
        {tt(guidance.title)}
      </Typography.Title>
      {(guidance.windowLabel || guidance.loginName) && (
        <dl className="legacy-login">
          {guidance.windowLabel && (
            <div>
              <dt>{tt(T.window)}</dt>
              <dd className="legacy-window">{tt(guidance.windowLabel)}</dd>
            </div>
          )}
          {guidance.loginName && (
            <div>
              <dt>{tt(T.loginName)}</dt>
              <dd>
                <Typography.Text strong copyable className="legacy-login-name">
                  {guidance.loginName}
                </Typography.Text>
              </dd>
            </div>
          )}
        </dl>
      )}
      <Typography.Paragraph className="legacy-answer-text">{tt(guidance.text)}</Typography.Paragraph>
      {guidance.reason && (
        <Typography.Paragraph>
          <Typography.Text strong>{tt(T.reason)}</Typography.Text>
          {tt(guidance.reason)}
        </Typography.Paragraph>
      )}
      {guidance.notes.length > 0 && (
        <ul className="legacy-answer-notes" aria-label={tt(T.notesTitle)}>
          {guidance.notes.map((note) => (
            <li key={note.zh}>{tt(note)}</li>
          ))}
        </ul>
      )}
      <NextSteps guidance={guidance} />
    </section>
  );
}

/** The buttons of the answer's `next`: log in (window and name filled in), reset, appeal, register (support: the text gives the phone). */
function NextSteps({ guidance }: { guidance: LegacyGuidance }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Came from a login page with a way back (a sign-in in progress): every way on keeps it.
  const returnPath = useReturnPath();
  const go = (path: string) => () => navigate(withReturnPath(path, returnPath));
  const windowName = guidance.windowLabel ? t(guidance.windowLabel.zh, guidance.windowLabel.en) : t('用户登录', 'Log in');
  const login = (primary: boolean) => (
    <Button type={primary ? 'primary' : 'default'} onClick={go(loginPathOf(guidance))}>
      {t(`前往${windowName}`, `Go to ${windowName}`)}
    </Button>
  );
  const naturalAppeal = (
    <Button type="primary" onClick={go(RECOVERY_PATHS['natural-appeal'])}>
      {t('自然人申诉找回密码', 'Personal appeal')}
    </Button>
  );
  const legalAppeal = (
    <Button type="primary" onClick={go(RECOVERY_PATHS['legal-appeal'])}>
      {t('单位法人用户申诉找回密码', 'Organisation appeal')}
    </Button>
  );
  const steps = {
    login: (
      <>
        {login(true)}
        <Button type="link" onClick={go(RECOVER_PATH)}>
          {t('忘记密码？', 'Forgot password?')}
        </Button>
      </>
    ),
    reset: (
      <>
        <Button type="primary" onClick={go(RECOVERY_PATHS['login-name'])}>
          {t('登录名重置密码', 'Reset by login name')}
        </Button>
        {login(false)}
      </>
    ),
    appeal: guidance.window === 'natural' ? naturalAppeal : guidance.window === 'legal' ? legalAppeal : <>{naturalAppeal}{legalAppeal}</>,
    register: (
      <Button type="primary" onClick={go(registerPathOf(guidance))}>
        {guidance.window === 'legal' ? t('单位用户（法人）注册', 'Register as an organisation') : guidance.window === 'natural' ? t('自然人注册', 'Register as a natural person') : t('立即注册账号', 'Register now')}
      </Button>
    ),
    // The text names the support line to call.
    support: null,
  } satisfies Record<LegacyGuidance['next'], unknown>;
  const step = steps[guidance.next];
  return step && (
    <Space wrap className="legacy-next">
      {step}
    </Space>
  );
}
