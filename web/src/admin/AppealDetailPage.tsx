/**
 * /admin/appeals/:id: one appeal (申诉找回密码), its data beside its scans, for a legal appeal
 * the registered organisation to compare with, the account it would recover (找回的账号), for
 * an organisation its primary agent beside the appellant and what happens to it (主代办人), and
 * the decision. Approval sends the login name and a one-time password to the appeal's phone;
 * rejection its reason. A decided appeal only shows its outcome.
 */
import { useState } from 'react';
import type { PrimaryAgentDecision } from '../../../src/recovery/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { adminApi, appealFileUrl, type AppealDetail } from './admin-api.ts';
import { AppealAccounts, defaultCandidate } from './AppealAccounts.tsx';
import { AppealData } from './AppealData.tsx';
import { AppealPrimaryAgent } from './AppealPrimaryAgent.tsx';
import { DataBesideFiles, type DataItem } from './DataBesideFiles.tsx';
import { DecisionButtons, DecisionCard, Outcome, useDecisionPage } from './Decision.tsx';
import { APPEAL_KIND_LABELS, APPEAL_STATUS_LABELS } from './labels.ts';

/** The scans of an appeal, in the appeal form's order. */
const APPEAL_SLOTS = ['front', 'back'] as const;

/** Who appealed, for which organisation, and how. */
function leadItems(appeal: AppealDetail, t: (zh: string, en: string) => string, lang: 'zh' | 'en'): DataItem[] {
  return [
    { key: 'name', label: t('申诉人', 'Appellant'), children: appeal.name },
    ...(appeal.organizationName ? [{ key: 'organizationName', label: t('单位名称', 'Organisation'), children: appeal.organizationName }] : []),
    { key: 'kind', label: t('申诉类型', 'Appeal type'), children: APPEAL_KIND_LABELS[appeal.kind][lang] },
  ];
}

export function AppealDetailPage() {
  const { t, lang } = useI18n();
  const loaded = useDecisionPage('/admin/appeals', adminApi.appeal);
  const [chosen, setChosen] = useState<string>();
  const [agentDecision, setAgentDecision] = useState<PrimaryAgentDecision>();
  const appeal = loaded.data;
  const account = chosen ?? (appeal && defaultCandidate(appeal.candidates));

  return (
    <DecisionCard title={{ zh: '申诉找回审核', en: 'Recovery appeal' }} loaded={loaded}>
      {appeal && (
        <>
          <Outcome lead={leadItems(appeal, t, lang)} record={appeal} status={APPEAL_STATUS_LABELS[appeal.status][lang]} />
          <DataBesideFiles files={appeal.files} slotOrder={APPEAL_SLOTS} open={appeal.status === 'open'} fileUrl={(uploadId) => appealFileUrl(appeal.id, uploadId)}>
            <AppealData appeal={appeal} />
          </DataBesideFiles>
          {appeal.status === 'open' && (
            <>
              <AppealAccounts appeal={appeal} chosen={account} onChoose={setChosen} />
              <AppealPrimaryAgent appeal={appeal} chosen={agentDecision} onChoose={setAgentDecision} />
              <DecisionButtons
                decision={loaded.decision}
                approve={() => adminApi.approveAppeal(appeal.id, account, appeal.kind === 'legal' ? agentDecision : undefined)}
                reject={(reason) => adminApi.rejectAppeal(appeal.id, reason)}
                approveDisabled={account === undefined || (appeal.kind === 'legal' && agentDecision === undefined)}
              />
            </>
          )}
        </>
      )}
    </DecisionCard>
  );
}
