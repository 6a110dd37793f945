/**
 * 结果公示: business systems publish public results of the items they handle (idempotent by
 * their own reference, published again with the same reference replaces it) and withdraw
 * them; the portal lists what is published, newest first, with a search by title.
 */
import { recordAudit } from '../backoffice/audit.ts';
import { containsPattern } from '../catalogue/rules.ts';
import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import type { CallingSystem } from '../sso/system-api/authenticate.ts';
import type { PublicResult, ResultInput } from './schemas.ts';
import { systemActor } from './service.ts';
import { mattersStore } from './store.ts';

export function resultsService(platform: Platform) {
  const store = mattersStore(platform.db);
  return {
    async publish(system: CallingSystem, reference: string, input: ResultInput, ip: string): Promise<{ id: string; reference: string; created: boolean }> {
      const item = await store.itemByCode(input.itemCode);
      if (!item) throw new AppError('SERVICE_ITEM_NOT_FOUND', 404, { code: input.itemCode });
      if (item.system_id !== system.id) throw new AppError('MATTER_ITEM_OF_OTHER_SYSTEM', 403);
      const { id, created } = await store.upsertResult(system.id, reference, item.id, input);
      await recordAudit(platform.db, {
        staff: systemActor(system),
        action: 'result.publish',
        target: { type: 'public_result', id },
        detail: { reference, itemCode: input.itemCode, created },
        ip,
      });
      return { id, reference, created };
    },

    async withdraw(system: CallingSystem, reference: string, ip: string): Promise<{ id: string; reference: string; withdrawn: true }> {
      const row = await store.withdrawResult(system.id, reference);
      if (!row) throw new AppError('RESULT_NOT_FOUND', 404);
      await recordAudit(platform.db, { staff: systemActor(system), action: 'result.withdraw', target: { type: 'public_result', id: row.id }, detail: { reference }, ip });
      return { id: row.id, reference, withdrawn: true };
    },

    async list(query: { page: number; pageSize: number; q: string }): Promise<{ rows: PublicResult[]; total: number }> {
      const { rows, total } = await store.results(query.q ? containsPattern(query.q) : null, query.pageSize, (query.page - 1) * query.pageSize);
      return {
        total,
        rows: rows.map((r) => ({
          id: r.id,
          title: r.title,
          item: { code: r.item_code, name: r.item_name },
          systemName: r.system_name,
          publishedOn: r.published_on,
          summary: r.summary,
          link: r.link,
        })),
      };
    },
  };
}
