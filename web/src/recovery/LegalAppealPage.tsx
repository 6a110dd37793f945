import { useState } from 'react';
import { AppealSubmitted } from './AppealSubmitted.tsx';
import { CaptchaSearchForm } from './CaptchaSearchForm.tsx';
import { LegalAppealForm } from './LegalAppealForm.tsx';
import { RecoveryFrame } from './RecoveryFrame.tsx';
import { searchOrganization, type FoundOrganization } from './recovery-api.ts';
import { LEGAL_APPEAL } from './texts.ts';

type State = { step: 'search'; organizationName?: string } | { step: 'upload'; found: FoundOrganization } | { step: 'submitted' };

const STEP_INDEX = { search: 0, upload: 1, submitted: 2 } as const;

/** 单位法人用户申诉找回密码: 检索单位 → 上传文件 → 等待审核 (seed 2-2). */
export function LegalAppealPage() {
  const [state, setState] = useState<State>({ step: 'search' });
  const index = STEP_INDEX[state.step];
  return (
    <RecoveryFrame steps={LEGAL_APPEAL.steps} current={index} notes={LEGAL_APPEAL.notes[index]} title={LEGAL_APPEAL.title}>
      {state.step === 'search' && (
        <CaptchaSearchForm
          formName="appeal-search"
          field={{ name: 'organizationName', label: { zh: '单位名称', en: 'Organisation name' }, maxLength: 200 }}
          button={{ zh: '检索单位名', en: 'Search' }}
          search={(organizationName, captcha) => searchOrganization({ organizationName, ...captcha })}
          onFound={(found) => setState({ step: 'upload', found })}
          initialValue={state.organizationName}
        />
      )}
      {state.step === 'upload' && (
        <LegalAppealForm
          found={state.found}
          onSubmitted={() => setState({ step: 'submitted' })}
          onRestart={() => setState({ step: 'search', organizationName: state.found.organizationName })}
        />
      )}
      {state.step === 'submitted' && <AppealSubmitted />}
    </RecoveryFrame>
  );
}
