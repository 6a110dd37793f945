/**
 * The use cases of 我的事项 (business systems report items; people see theirs), 我的评价
 * (a finished item's applicant rates it once) and 我要办理 (followed and recently used items).
 * 结果公示 is in results.ts, the back office's view of ratings in ratings-admin.ts.
 */
import { recordAudit } from '../backoffice/audit.ts';
import { catalogueStore } from '../catalogue/store.ts';
import { AppError } from '../platform/errors.ts';
import type { Db } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';
import type { CallingSystem } from '../sso/system-api/authenticate.ts';
import { MATTER_LIMITS, isFinished, reportChange } from './rules.ts';
import type { ApplyItem, MatterReport, MatterView, RatingInput, RatingView } from './schemas.ts';
import { mattersStore, type MatterListRow, type MatterRow, type RatingRow } from './store.ts';

/** How a system call reads in the audit log: the system in the place of a staff member. */
export const systemActor = (system: CallingSystem) => ({ id: null, loginName: `system:${system.key}` });

export interface ReportOutcome {
  id: string;
  reference: string;
  state: MatterRow['state'];
  /** First report of this reference. */
  created: boolean;
  /** Whether this report changed anything (false: a repeat). */
  changed: boolean;
}

export const ratingView = (row: RatingRow): RatingView => ({
  matterId: row.matter_id,
  title: row.title,
  item: { code: row.item_code, name: row.item_name },
  system: { key: row.system_key, name: row.system_name },
  grade: row.grade,
  comment: row.comment,
  ratedAt: new Date(row.rated_at).toISOString(),
});

export function mattersService(platform: Platform) {
  const store = mattersStore(platform.db);

  /** The organisation acted for, by account id or credit code (both: the same one); 400 when none such. */
  async function organizationOf(report: MatterReport, tx: Db): Promise<string | null> {
    const byCode = report.organizationCreditCode ? await store.organizationByCreditCode(report.organizationCreditCode, tx) : null;
    if (byCode === undefined) throw new AppError('MATTER_ORGANIZATION_NOT_FOUND', 400);
    if (report.organizationId && (await store.accountKind(report.organizationId, tx)) !== 'legal') throw new AppError('MATTER_ORGANIZATION_NOT_FOUND', 400);
    if (byCode && report.organizationId && byCode !== report.organizationId) throw new AppError('MATTER_ORGANIZATION_NOT_FOUND', 400);
    return report.organizationId ?? byCode;
  }

  return {
    /**
     * A system's report of an item it handles: stored the first time, then its state, title or
     * link updated (a new state goes into the history); a repeat changes nothing. Refused: an
     * item of another system (403), an unknown item or applicant, a reference already used for
     * another item or applicant (409). Every accepted call is audited.
     */
    async report(system: CallingSystem, reference: string, report: MatterReport, ip: string): Promise<ReportOutcome> {
      return platform.db.transaction(async (tx) => {
        const item = await store.itemByCode(report.itemCode, tx);
        if (!item) throw new AppError('SERVICE_ITEM_NOT_FOUND', 404, { code: report.itemCode });
        if (item.system_id !== system.id) throw new AppError('MATTER_ITEM_OF_OTHER_SYSTEM', 403);
        if (!(await store.accountKind(report.applicantId, tx))) throw new AppError('MATTER_APPLICANT_NOT_FOUND', 400);
        const organizationId = await organizationOf(report, tx);

        const fresh = { systemId: system.id, reference, itemId: item.id, applicantId: report.applicantId, organizationId, title: report.title, link: report.link, state: report.state };
        let stored = await store.lockByReference(system.id, reference, tx);
        let outcome: ReportOutcome;
        const inserted = stored ? undefined : await store.insert(fresh, tx);
        if (inserted) {
          outcome = { id: inserted.id, reference, state: inserted.state, created: true, changed: true };
        } else {
          // Reported before (or a moment ago by a concurrent call, whose row the insert waited for).
          stored ??= await store.lockByReference(system.id, reference, tx);
          if (!stored) throw new Error('matter vanished during its report');
          if (stored.item_id !== item.id || stored.applicant_id !== report.applicantId || stored.organization_id !== organizationId) {
            throw new AppError('MATTER_REFERENCE_REUSED', 409);
          }
          const change = reportChange(stored, report);
          if (change !== 'none') await store.update(stored.id, report, change === 'state', tx);
          outcome = { id: stored.id, reference, state: report.state, created: false, changed: change !== 'none' };
        }
        await recordAudit(tx, {
          staff: systemActor(system),
          action: 'matter.report',
          target: { type: 'matter', id: outcome.id },
          detail: { reference, itemCode: report.itemCode, state: report.state, created: outcome.created, changed: outcome.changed },
          ip,
        });
        return outcome;
      });
    },

    /** 我的事项: the account's items (and, for an organisation, those done on its behalf), the latest first, with their history. */
    async list(accountId: string): Promise<MatterView[]> {
      const rows = await store.listFor(accountId);
      const history = await store.historyOf(rows.map((r) => r.id));
      return rows.map((row) => matterView(row, accountId, history.filter((h) => h.matter_id === row.id)));
    },

    /** 我的评价: the applicant of a finished item rates it, once (409 the second time, also when two arrive together). */
    async rate(accountId: string, matterId: string, rating: RatingInput): Promise<RatingView> {
      const matter = await store.findForAccount(matterId, accountId);
      if (!matter) throw new AppError('MATTER_NOT_FOUND', 404);
      if (matter.applicant_id !== accountId) throw new AppError('FORBIDDEN', 403);
      if (!isFinished(matter.state)) throw new AppError('RATING_NOT_FINISHED', 409);
      if (!(await store.rate(matter.id, accountId, rating.grade, rating.comment))) throw new AppError('RATING_ALREADY_GIVEN', 409);
      const [given] = (await store.ratingsBy(accountId)).filter((r) => r.matter_id === matter.id);
      return ratingView(given!);
    },

    async ratings(accountId: string): Promise<RatingView[]> {
      return (await store.ratingsBy(accountId)).map(ratingView);
    },

    /** 我要办理: followed items, then the items of recent matters (enabled items only). */
    async applyItems(accountId: string): Promise<{ followed: ApplyItem[]; recent: ApplyItem[] }> {
      const catalogue = catalogueStore(platform.db);
      const follows = await catalogue.followsOf(accountId);
      const followedIds = new Set(follows.map((f) => f.id));
      // Recently used: items applied for through a business system and items opened in the
      // catalogue, newest first, each once.
      const [applied, visited] = await Promise.all([
        store.recentItemUses(accountId, MATTER_LIMITS.recentItems),
        catalogue.recentOf(accountId, MATTER_LIMITS.recentItems),
      ]);
      const uses = [...applied.map((a) => ({ id: a.item_id, at: new Date(a.used_at).getTime() })), ...visited.map((v) => ({ id: v.id, at: new Date(v.visited_at).getTime() }))];
      const recentIds = [...new Set(uses.sort((a, b) => b.at - a.at).map((u) => u.id))].slice(0, MATTER_LIMITS.recentItems);
      const recentRows = [];
      for (const id of recentIds) {
        const row = visited.find((v) => v.id === id) ?? (await catalogue.findById(id));
        if (row) recentRows.push(row);
      }
      const item = (row: (typeof follows)[number] | NonNullable<Awaited<ReturnType<typeof catalogue.findById>>>): ApplyItem => ({
        code: row.code,
        name: row.name,
        department: row.department,
        system: row.system_key ? { key: row.system_key, name: row.system_name ?? '' } : null,
        followed: followedIds.has(row.id),
      });
      return { followed: follows.map(item), recent: recentRows.map(item) };
    },
  };
}

function matterView(row: MatterListRow, accountId: string, history: { state: MatterRow['state']; recorded_at: Date }[]): MatterView {
  const ownApplication = row.applicant_id === accountId;
  const rating = row.grade ? { grade: row.grade, comment: row.comment ?? '', ratedAt: new Date(row.rated_at!).toISOString() } : null;
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    state: row.state,
    link: row.link,
    item: { code: row.item_code, name: row.item_name },
    system: { key: row.system_key, name: row.system_name },
    organizationName: row.organization_name,
    ownApplication,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    history: history.map((h) => ({ state: h.state, at: new Date(h.recorded_at).toISOString() })),
    rating,
    canRate: ownApplication && isFinished(row.state) && !rating,
  };
}
