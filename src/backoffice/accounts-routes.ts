/**
 * 账号管理 under /api/admin/accounts (operators): search, the account's page, and the four
 * actions on it. Every call, views and searches included, goes into the audit log; the search
 * text is not recorded (it may be a phone or document number), only what kind it found.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { accountsAdmin } from './accounts-admin.ts';
import { recordAudit } from './audit.ts';
import { accountIdSchema, accountReasonSchema, accountSearchSchema } from './schemas.ts';
import type { RequireStaff } from './systems-routes.ts';

export function accountsRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  const accounts = accountsAdmin(platform);

  /** The operator behind the request and the account named in the path (400 before anything is read). */
  function operatorOn(request: FastifyRequest) {
    const ctx = requireStaff(request, 'operator');
    const { id } = parseInput(accountIdSchema, request.params);
    const audit = (action: string, detail: Record<string, unknown> = {}) =>
      recordAudit(platform.db, { staff: { id: ctx.staff.id, loginName: ctx.staff.loginName }, action, target: { type: 'account', id }, detail, ip: ctx.ip });
    return { id, audit };
  }

  async function setDisabled(request: FastifyRequest, disabled: boolean) {
    const { id, audit } = operatorOn(request);
    const { reason } = parseInput(accountReasonSchema, request.body);
    const result = await accounts.setDisabled(id, disabled);
    await audit(disabled ? 'account.disable' : 'account.enable', { reason, wasDisabled: result.wasDisabled });
    return result.account;
  }

  return async (app) => {
    app.get('/accounts', async (request) => {
      const ctx = requireStaff(request, 'operator');
      const { q } = parseInput(accountSearchSchema, request.query);
      const found = await accounts.search(q);
      await recordAudit(platform.db, { staff: { id: ctx.staff.id, loginName: ctx.staff.loginName }, action: 'account.search', detail: { results: found.length }, ip: ctx.ip });
      return { accounts: found };
    });

    app.get('/accounts/:id', async (request) => {
      const { id, audit } = operatorOn(request);
      const detail = await accounts.detail(id);
      await audit('account.view');
      return detail;
    });

    app.post('/accounts/:id/unlock', async (request) => {
      const { id, audit } = operatorOn(request);
      const result = await accounts.unlock(id);
      await audit('account.unlock', result);
      return { locked: false, ...result };
    });

    app.post('/accounts/:id/end-sessions', async (request) => {
      const { id, audit } = operatorOn(request);
      const result = await accounts.endSessions(id);
      await audit('account.end_sessions', result);
      return result;
    });

    app.post('/accounts/:id/disable', async (request) => setDisabled(request, true));
    app.post('/accounts/:id/enable', async (request) => setDisabled(request, false));
  };
}
