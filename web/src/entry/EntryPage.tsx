/**
 * 办理入口's page (/services/entry/:systemKey): asks the server whether the user may enter the
 * business system, goes there when so, and otherwise explains why in a dialog: the seed's
 * 实名认证 dialog (确定 goes to 我的信息), the organisation information still missing, the
 * kind of account to log in with, or the missing authorisation (没有权限办理该事项). A person
 * acting for several organisations there first chooses one (请选择办理单位).
 */
import { Button, Modal, Result, Spin } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { EntryRefusal } from '../../../src/sso/entry/checks.ts';
import { enterPath } from '../../../src/sso/entry/paths.ts';
import { isServerPath, loginPathFor, returnPathFrom } from '../../../src/sso/return-path.ts';
import { OrganizationChoice, type EntryChoice } from '../authorization/OrganizationChoice.tsx';
import { PageHeading } from '../layout/PageHeading.tsx';
import { api, ApiError } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';

/** A refusal; the authorisation codes (NO_AUTHORIZATION, AUTHORIZATION_EXPIRED, AUTHORIZATION_SUSPENDED) read like the others. */
type Refusal = Omit<EntryRefusal, 'code'> & { code: EntryRefusal['code'] | 'NO_AUTHORIZATION' | 'AUTHORIZATION_EXPIRED' | 'AUTHORIZATION_SUSPENDED' };

type Decision = { ok: true; url: string } | { ok: false; refusals: Refusal[]; choices?: EntryChoice[] };

const MY_INFO = '/online/my-info';

/** Where 确定 leads: 我的信息, a login with the right kind of account, or nowhere (the dialog closes). */
function confirmTarget(systemKey: string, refusal: Refusal): string | undefined {
  if (refusal.action === 'my-info') return MY_INFO;
  if (refusal.action !== 'login') return undefined;
  if (refusal.code === 'NOT_LOGGED_IN') return loginPathFor(enterPath(systemKey));
  // Another kind of account: log in again, on the right tab.
  const kind = refusal.code === 'LEGAL_ACCOUNT_REQUIRED' ? 'legal' : 'natural';
  return loginPathFor(enterPath(systemKey), { force: true, kind });
}

/**
 * One refusal as a sentence; several (the Torch requirements) as a list, each naming what is
 * missing. A refusal's detail (the fields an organisation must still fill in) goes beneath it.
 */
function RefusalList({ refusals }: { refusals: Refusal[] }) {
  const { t } = useI18n();
  const detail = (refusal: Refusal) => refusal.detail && <span className="entry-refusal-detail">{t(refusal.detail.zh, refusal.detail.en)}</span>;
  if (refusals.length === 1) {
    const [refusal] = refusals as [Refusal];
    return (
      <>
        <p>{t(refusal.message, refusal.messageEn)}</p>
        {refusal.detail && <p>{detail(refusal)}</p>}
      </>
    );
  }
  return (
    <ul className="entry-refusals" style={{ display: 'inline-block', textAlign: 'left', margin: 0 }}>
      {refusals.map((refusal) => (
        <li key={refusal.code}>
          {t(refusal.message, refusal.messageEn)}
          {refusal.detail && <br />}
          {detail(refusal)}
        </li>
      ))}
    </ul>
  );
}

export function EntryPage() {
  const { systemKey = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [open, setOpen] = useState(true);
  // An OIDC or CAS sign-in waiting for the choice of organisation continues there afterwards.
  const [searchParams] = useSearchParams();
  const returnPath = returnPathFrom(searchParams);
  // An OIDC sign-in refused for its acr_values (a real-name level) links here with them, so that this page explains that level too.
  const acrValues = searchParams.get('acr_values');
  const decisionPath = `/api/sso/entry/${encodeURIComponent(systemKey)}${acrValues ? `?acr_values=${encodeURIComponent(acrValues)}` : ''}`;
  const into = (url: string) => window.location.assign(returnPath && isServerPath(returnPath) ? returnPath : url);

  const choose = async (organizationId: string): Promise<string | null> => {
    try {
      const answer = await api<Decision>('POST', `/api/sso/entry/${encodeURIComponent(systemKey)}`, { organizationId });
      if (answer.ok) into(answer.url);
      else {
        setOpen(true);
        setDecision(answer);
      }
      return null;
    } catch (caught) {
      return caught instanceof ApiError ? t(caught.message, caught.messageEn) : t('系统繁忙，请稍后再试。', 'The system is busy. Please try again later.');
    }
  };

  useEffect(() => {
    let current = true;
    api<Decision>('GET', decisionPath)
      .then((answer) => {
        if (!current) return;
        // Into the system, or to the login page and back through 办理入口: both full page loads.
        if (answer.ok) into(answer.url);
        else if (answer.refusals[0]?.code === 'NOT_LOGGED_IN') window.location.assign(loginPathFor(enterPath(systemKey)));
        else setDecision(answer);
      })
      .catch((caught: unknown) => current && setProblem(caught instanceof ApiError ? caught : new ApiError(0, {})));
    return () => {
      current = false;
    };
  }, [decisionPath]);

  if (problem) {
    const notFound = problem.status === 404;
    return (
      <EntryFrame>
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? t('该业务系统不存在', 'No such business system') : t(problem.message, problem.messageEn)}
          extra={<Link to="/">{t('返回首页', 'Back to home')}</Link>}
        />
      </EntryFrame>
    );
  }
  if (!decision || decision.ok)
    return (
      <EntryFrame>
        <Spin tip={t('正在进入业务系统…', 'Entering the business system…')} fullscreen />
      </EntryFrame>
    );
  if (decision.choices?.length)
    return (
      <EntryFrame>
        <OrganizationChoice choices={decision.choices} onChoose={choose} />
      </EntryFrame>
    );

  const { refusals } = decision;
  const first = refusals[0]!;
  const target = confirmTarget(systemKey, first);
  const confirm = () => {
    setOpen(false);
    if (!target) return;
    if (target.startsWith('/login')) window.location.assign(target);
    else navigate(target);
  };

  return (
    <EntryFrame>
      <Modal
        open={open}
        title={t('提示', 'Notice')}
        onOk={confirm}
        onCancel={() => setOpen(false)}
        okText={t('确定', 'OK')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ autoInsertSpace: false }}
        cancelButtonProps={{ autoInsertSpace: false, style: target ? undefined : { display: 'none' } }}
      >
        <RefusalList refusals={refusals} />
      </Modal>
      <Result
        status="warning"
        title={t('暂不能进入该业务系统', 'You cannot enter this business system yet')}
        subTitle={<RefusalList refusals={refusals} />}
        extra={[
          target && (
            <Button key="go" type="primary" onClick={confirm}>
              {first.action === 'my-info' ? t('前往我的信息', 'Go to My information') : t('重新登录', 'Log in again')}
            </Button>
          ),
          <Link key="home" to="/">
            {t('返回首页', 'Back to home')}
          </Link>,
        ]}
      />
    </EntryFrame>
  );
}

/** 办理入口: the page's one heading and title, whatever the answer shows beneath it. */
function EntryFrame({ children }: { children: ReactNode }) {
  return (
    <div className="page-card">
      <PageHeading zh="办理入口" en="Go to service" />
      {children}
    </div>
  );
}
