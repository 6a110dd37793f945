/**
 * The reviewer's side of appeals: the appeal beside its scans, the accounts that hold the
 * document (natural) or the organisation found by name (legal), and the decision. Approval
 * sets a one-time password that must be changed at the next login and sends the login name
 * and that password by SMS to the phone that received the appeal's code; rejection sends
 * the reason. Audited like every staff action.
 */
import { SMS_TEXTS } from '../platform/sms-texts.ts';
import { recordAudit } from '../backoffice/audit.ts';
import { maskPhone } from '../accounts/rules.ts';
import { accountStore, organizationNameKey } from '../accounts/store.ts';
import { addUpdateRecord } from '../accounts/update-records.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { hashPassword } from '../platform/passwords.ts';
import type { Platform } from '../platform/platform.ts';
import { readUpload } from '../realname/materials-service.ts';
import { materialsStore } from '../realname/materials-store.ts';
import type { StaffContext } from '../realname/review-service.ts';
import { isVerified, type VerificationStatus } from '../realname/rules.ts';
import { afterSave, recordKeyFieldsSaved } from '../realname/service.ts';
import { appealsStore, type Appeal, type AppealKind, type AppealStatus } from './appeals-store.ts';
import { oneTimePassword, setRecoveredPassword } from './password-reset.ts';

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

  /** Legal approval: the appeal's person becomes the primary agent (recorded, and verified afresh). */
  async function replacePrimaryAgent(tx: Db, appeal: Appeal, accountId: string, ctx: StaffContext) {
    if (appeal.data.kind !== 'legal') return [];
    const agent = appeal.data.agent;
    const previous = await accounts.loadIdentity(accountId, 'primary_agent', tx);
    await accounts.saveIdentity(tx, accountId, 'primary_agent', {
      name: agent.name,
      mobile: agent.mobile,
      region: agent.region,
      documentType: agent.documentType,
      documentNumber: agent.documentNumber,
      validFrom: '',
      validTo: '',
      longTerm: false,
      details: { ...(previous?.details ?? {}), ...(appeal.data.email ? { email: appeal.data.email } : {}) },
    });
    await addUpdateRecord(tx, accountId, 'primary_agent', { accountId: null, name: `后台审核员 ${ctx.staff.name}（申诉找回）` }, [
      { field: 'name', label: '姓名', labelEn: 'Name', old: previous?.name ?? '', new: agent.name },
      { field: 'mobile', label: '移动电话', labelEn: 'Mobile', old: previous?.mobile ? maskPhone(previous.mobile) : '', new: maskPhone(agent.mobile) },
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

    /** 审核通过: a one-time password for the chosen account (by default the verified holder of the document). */
    async approve(ctx: StaffContext, id: string, chosenAccountId: string | undefined) {
      const appeal = await appealOr404(id);
      const found = await candidates(appeal);
      if (found.length === 0) throw new AppError('NO_ACCOUNT_FOR_DOCUMENT', 409);
      const target = chosenAccountId ? found.find((c) => c.accountId === chosenAccountId) : found.length === 1 || found[0]?.verified ? found[0] : undefined;
      if (!target) throw new AppError('APPEAL_ACCOUNT_REQUIRED', 400);
      if (target.disabled) throw new AppError('ACCOUNT_DISABLED', 409);
      const password = oneTimePassword();
      const hash = await hashPassword(password);
      const started = await platform.db.transaction(async (tx) => {
        if (!(await appeals.lockOpen(tx, id))) throw new AppError('REVIEW_NOT_OPEN', 409);
        await setRecoveredPassword(platform, tx, target.accountId, hash, {
          oneTime: true,
          actor: { accountId: null, name: `后台审核员 ${ctx.staff.name}（申诉找回）` },
          how: { zh: '申诉找回密码（临时密码）', en: 'Appeal (one-time password)' },
        });
        const verifications = await replacePrimaryAgent(tx, appeal, target.accountId, ctx);
        await appeals.decide(tx, id, { status: 'approved', staffId: ctx.staff.id, reason: null, resolvedAccountId: target.accountId });
        await recordAudit(tx, { staff: ctx.staff, action: 'appeal.approve', target: { type: 'appeal', id }, detail: { accountId: target.accountId, kind: appeal.kind }, ip: ctx.ip });
        return verifications;
      });
      await platform.sessions.destroyAll(target.accountId);
      await afterSave(platform, target.accountId, started);
      await notify(appeal, SMS_TEXTS.appealApproved(target.loginName, password, target.kind === 'legal' ? '法人登录' : '自然人登录'));
      return { id, status: 'approved' as const, loginName: target.loginName };
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
