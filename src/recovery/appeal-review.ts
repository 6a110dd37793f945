/**
 * The reviewer's side of appeals: the appeal beside its scans, the accounts that hold the
 * document (natural) or the organisation found by name (legal), and the decision. Approval
 * sets a one-time password that must be changed at the next login and sends the login name
 * and that password by SMS to the phone that received the appeal's code; rejection sends
 * the reason. For an organisation the reviewer sees its recorded primary agent beside the
 * appellant and chooses to replace or keep it (PRIMARY_AGENT_DECISIONS in rules.ts); the SMS
 * and the organisation's update records say which. Audited like every staff action.
 */
import { SMS_TEXTS } from '../platform/sms-texts.ts';
import { recordAudit } from '../backoffice/audit.ts';
import { documentKey, maskPersonName, maskPhone, type DocumentType } from '../accounts/rules.ts';
import { accountStore, organizationNameKey } from '../accounts/store.ts';
import { addUpdateRecord, diffSection } from '../accounts/update-records.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { hashPassword } from '../platform/passwords.ts';
import type { Platform } from '../platform/platform.ts';
import { endEverySession } from '../sso/logout.ts';
import { readUpload } from '../realname/materials-service.ts';
import { materialsStore } from '../realname/materials-store.ts';
import type { StaffContext } from '../realname/review-service.ts';
import { INITIAL_STATE, isVerified, statusView, type VerificationStatus } from '../realname/rules.ts';
import { afterSave, recordKeyFieldsSaved } from '../realname/service.ts';
import { verificationStore } from '../realname/store.ts';
import { appealsStore, type Appeal, type AppealKind, type AppealStatus } from './appeals-store.ts';
import { oneTimePassword, setRecoveredPassword } from './password-reset.ts';
import { primaryAgentDecision, type PrimaryAgentDecision } from './rules.ts';

interface Candidate {
  accountId: string;
  loginName: string;
  kind: 'natural' | 'legal';
  name: string;
  verified: boolean;
  disabled: boolean;
}


function summary(appeal: Appeal) {
  const person = appeal.data.kind === 'natural' ? appeal.data.person : appeal.data.agent;
  return {
    id: appeal.id,
    kind: appeal.kind,
    status: appeal.status,
    name: person.name,
    organizationName: appeal.data.kind === 'legal' ? appeal.data.organizationName : null,
    submittedAt: appeal.submittedAt,
    decidedAt: appeal.decidedAt,
    reason: appeal.reason,
  };
}

export function appealReviewService(platform: Platform) {
  const appeals = appealsStore(platform.db, platform.cipher);
  const accounts = accountStore(platform.db, platform.cipher);

  /** Natural: every natural account whose person holds the document (the verified one first). Legal: the organisation found by name. */
  async function candidates(appeal: Appeal): Promise<Candidate[]> {
    const rows =
      appeal.kind === 'natural'
        ? await platform.db.query<{ id: string; login_name: string; kind: 'natural'; name: string; disabled: boolean; status: VerificationStatus | null }>(
            `select a.id, a.login_name, a.kind, i.name, a.disabled, v.status from identities i
             join accounts a on a.id = i.account_id
             left join verifications v on v.account_id = a.id and v.subject = 'natural_person'
             where i.role = 'natural_person' and i.document_hash = $1 order by a.created_at`,
            [appeal.documentHash],
          )
        : await platform.db.query<{ id: string; login_name: string; kind: 'legal'; name: string; disabled: boolean; status: VerificationStatus | null }>(
            `select a.id, a.login_name, a.kind, o.name, a.disabled, v.status from organizations o
             join accounts a on a.id = o.account_id
             left join verifications v on v.account_id = a.id and v.subject = 'organization'
             where o.account_id = $1`,
            [appeal.organizationAccountId],
          );
    return rows
      .map((r) => ({ accountId: r.id, loginName: r.login_name, kind: r.kind, name: r.name, verified: r.status !== null && isVerified(r.status), disabled: r.disabled }))
      .sort((a, b) => Number(b.verified) - Number(a.verified));
  }

  async function appealOr404(id: string): Promise<Appeal> {
    const appeal = await appeals.find(id);
    if (!appeal) throw new AppError('NOT_FOUND', 404);
    return appeal;
  }

  /** For a legal appeal: does what was typed match the organisation the search found? */
  async function organizationMatch(appeal: Appeal) {
    if (appeal.data.kind !== 'legal' || !appeal.organizationAccountId) return null;
    const org = await accounts.loadOrganization(appeal.organizationAccountId);
    if (!org) return null;
    return {
      registered: { name: org.name, legalPersonType: org.legalPersonType, code: org.code },
      nameMatches: organizationNameKey(org.name) === organizationNameKey(appeal.data.organizationName),
      codeMatches: org.code.toUpperCase() === appeal.data.creditCode.toUpperCase(),
      typeMatches: org.legalPersonType === appeal.data.legalPersonType,
    };
  }

  /**
   * A legal appeal's organisation: its recorded primary agent as the reviewer sees it beside the
   * appellant (name and phone masked, verified or not), and whether the appellant is that person.
   */
  async function primaryAgentBeside(appeal: Appeal) {
    if (appeal.data.kind !== 'legal' || !appeal.organizationAccountId) return null;
    const [current, stored] = await Promise.all([
      accounts.loadIdentity(appeal.organizationAccountId, 'primary_agent'),
      verificationStore(platform.db).load(appeal.organizationAccountId, 'primary_agent'),
    ]);
    if (!current) return { current: null, appellantIsCurrent: false };
    const { status, label, labelEn } = statusView(stored?.state ?? INITIAL_STATE);
    const key = (person: { documentType: string; documentNumber: string }) => documentKey(person.documentType as DocumentType, person.documentNumber);
    return {
      current: { name: maskPersonName(current.name), mobile: maskPhone(current.mobile), verified: isVerified(status), verification: { status, label, labelEn } },
      appellantIsCurrent: key(current) === key(appeal.data.agent),
    };
  }

  /**
   * Legal approval, as the reviewer chose: the appellant replaces the primary agent (verified
   * afresh: without validity dates it reads 用户信息不全 until completed), or the recorded one is
   * kept. Either way the organisation's update records say which, under the reviewer's name.
   */
  async function decidePrimaryAgent(tx: Db, appeal: Appeal, accountId: string, decision: PrimaryAgentDecision, ctx: StaffContext) {
    if (appeal.data.kind !== 'legal') return [];
    const actor = { accountId: null, name: `后台审核员 ${ctx.staff.name}（申诉找回，${primaryAgentDecision(decision).record.zh}）` };
    if (decision === 'keep') {
      await addUpdateRecord(tx, accountId, 'primary_agent', actor, [
        { field: 'recovery', label: '申诉找回', labelEn: 'Recovery appeal', old: '', new: primaryAgentDecision('keep').record.zh },
      ]);
      return [];
    }
    const agent = appeal.data.agent;
    const previous = await accounts.loadIdentity(accountId, 'primary_agent', tx);
    const next = {
      name: agent.name,
      mobile: agent.mobile,
      region: agent.region,
      documentType: agent.documentType,
      documentNumber: agent.documentNumber,
      validFrom: '',
      validTo: '',
      longTerm: false,
      details: { ...(previous?.details ?? {}), ...(appeal.data.email ? { email: appeal.data.email } : {}) },
    };
    await accounts.saveIdentity(tx, accountId, 'primary_agent', next);
    await addUpdateRecord(tx, accountId, 'primary_agent', actor, [
      { field: 'recovery', label: '申诉找回', labelEn: 'Recovery appeal', old: '', new: primaryAgentDecision('replace').record.zh },
      ...diffSection('primary_agent', { ...previous?.details, ...previous }, { ...next.details, ...next }),
    ]);
    return [await recordKeyFieldsSaved(platform, tx, accountId, 'primary_agent').then((r) => ({ subject: 'primary_agent' as const, generation: r.generation }))];
  }

  async function notify(appeal: Appeal, text: string) {
    const phone = appeal.data.kind === 'natural' ? appeal.data.person.mobile : appeal.data.agent.mobile;
    await platform.sms.send(phone, text).catch((error: unknown) => platform.log.error({ err: error }, 'appeal SMS failed'));
  }

  return {
    async queue(filter: { kind?: AppealKind; status?: AppealStatus; minAgeHours?: number; limit: number; offset: number }) {
      const { total, appeals: rows } = await appeals.queue(filter);
      return { total, appeals: rows.map(summary) };
    },

    /** The appeal in clear for the reviewer (audited), with the accounts it could recover. */
    async detail(ctx: StaffContext, id: string) {
      const appeal = await appealOr404(id);
      await recordAudit(platform.db, { staff: ctx.staff, action: 'appeal.view', target: { type: 'appeal', id }, ip: ctx.ip });
      // The appellant's phone is shown masked, as everywhere in the back office; the SMS goes to it unseen.
      const data =
        appeal.data.kind === 'natural'
          ? { ...appeal.data, person: { ...appeal.data.person, mobile: maskPhone(appeal.data.person.mobile) } }
          : { ...appeal.data, agent: { ...appeal.data.agent, mobile: maskPhone(appeal.data.agent.mobile) } };
      const resolved = appeal.resolvedAccountId ? await accounts.findById(appeal.resolvedAccountId) : undefined;
      return {
        ...summary(appeal),
        data,
        resolvedLoginName: resolved?.login_name ?? null,
        files: appeal.files.map((f) => ({ ...f, label: f.slot === 'front' ? { zh: '证件正面', en: 'Document, front' } : { zh: '证件反面', en: 'Document, back' } })),
        candidates: await candidates(appeal),
        organization: await organizationMatch(appeal),
        primaryAgent: await primaryAgentBeside(appeal),
      };
    },

    async file(ctx: StaffContext, id: string, uploadId: string) {
      const appeal = await appeals.find(id);
      if (!appeal || appeal.status !== 'open' || !appeal.files.some((f) => f.uploadId === uploadId)) throw new AppError('UPLOAD_NOT_IN_QUEUE', 403);
      const upload = await materialsStore(platform.db).findUpload(uploadId);
      if (!upload) throw new AppError('NOT_FOUND', 404);
      await recordAudit(platform.db, { staff: ctx.staff, action: 'appeal.file_view', target: { type: 'upload', id: uploadId }, detail: { appealId: id }, ip: ctx.ip });
      return readUpload(platform, upload);
    },

    /**
     * 审核通过: a one-time password for the chosen account (by default the verified holder of the
     * document); for an organisation, with the reviewer's choice about its primary agent.
     */
    async approve(ctx: StaffContext, id: string, chosenAccountId: string | undefined, agentDecision?: PrimaryAgentDecision) {
      const appeal = await appealOr404(id);
      const found = await candidates(appeal);
      if (found.length === 0) throw new AppError('NO_ACCOUNT_FOR_DOCUMENT', 409);
      const target = chosenAccountId ? found.find((c) => c.accountId === chosenAccountId) : found.length === 1 || found[0]?.verified ? found[0] : undefined;
      if (!target) throw new AppError('APPEAL_ACCOUNT_REQUIRED', 400);
      if (target.disabled) throw new AppError('ACCOUNT_DISABLED', 409);
      // An organisation's primary agent is never replaced (or kept) without the reviewer saying so.
      const decision = appeal.kind === 'legal' ? agentDecision : undefined;
      if (appeal.kind === 'legal' && !decision) throw new AppError('APPEAL_PRIMARY_AGENT_CHOICE_REQUIRED', 400);
      const password = oneTimePassword();
      const hash = await hashPassword(password);
      const started = await platform.db.transaction(async (tx) => {
        if (!(await appeals.lockOpen(tx, id))) throw new AppError('REVIEW_NOT_OPEN', 409);
        await setRecoveredPassword(platform, tx, target.accountId, hash, {
          oneTime: true,
          actor: { accountId: null, name: `后台审核员 ${ctx.staff.name}（申诉找回）` },
          how: decision
            ? { zh: `申诉找回密码（临时密码），${primaryAgentDecision(decision).record.zh}`, en: `Appeal (one-time password), ${primaryAgentDecision(decision).record.en}` }
            : { zh: '申诉找回密码（临时密码）', en: 'Appeal (one-time password)' },
        });
        const verifications = decision ? await decidePrimaryAgent(tx, appeal, target.accountId, decision, ctx) : [];
        await appeals.decide(tx, id, { status: 'approved', staffId: ctx.staff.id, reason: null, resolvedAccountId: target.accountId });
        const detail = { accountId: target.accountId, kind: appeal.kind, ...(decision ? { primaryAgent: decision } : {}) };
        await recordAudit(tx, { staff: ctx.staff, action: 'appeal.approve', target: { type: 'appeal', id }, detail, ip: ctx.ip });
        return verifications;
      });
      await endEverySession(platform, target.accountId);
      await afterSave(platform, target.accountId, started);
      const text =
        decision === 'replace'
          ? SMS_TEXTS.organizationAppealApprovedAgentReplaced(target.loginName, password)
          : decision === 'keep'
            ? SMS_TEXTS.organizationAppealApprovedAgentKept(target.loginName, password)
            : SMS_TEXTS.appealApproved(target.loginName, password, target.kind === 'legal' ? '法人登录' : '自然人登录');
      await notify(appeal, text);
      return { id, status: 'approved' as const, loginName: target.loginName, ...(decision ? { primaryAgent: decision } : {}) };
    },

    async reject(ctx: StaffContext, id: string, reason: string) {
      const appeal = await platform.db.transaction(async (tx) => {
        const open = await appeals.lockOpen(tx, id);
        if (!open) throw new AppError('REVIEW_NOT_OPEN', 409);
        await appeals.decide(tx, id, { status: 'rejected', staffId: ctx.staff.id, reason, resolvedAccountId: null });
        await recordAudit(tx, { staff: ctx.staff, action: 'appeal.reject', target: { type: 'appeal', id }, detail: { reason }, ip: ctx.ip });
        return open;
      });
      // No account holds the document: the platform's own words tell the person to register (FAQ 五.2).
      const noAccount = appeal.kind === 'natural' && (await candidates(appeal)).length === 0;
      await notify(appeal, noAccount ? SMS_TEXTS.appealNoAccount() : SMS_TEXTS.appealRejected(reason));
      return { id, status: 'rejected' as const };
    },
  };
}
