/**
 * Operators disable and re-enable organisations (SPEC §9) under /api/admin/organizations.
 * A disabled organisation cannot log in, and every authorisation it made is suspended
 * (授权单位状态 停用, SPEC §6) until it is enabled again: nothing is deleted.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { endEverySession } from '../sso/logout.ts';
import { recordAudit } from './audit.ts';
import type { RequireStaff } from './systems-routes.ts';

const searchSchema = z.object({ q: z.string().trim().max(100).default('') });
const idSchema = z.object({ id: z.uuid({ error: 'ORGANIZATION_NOT_FOUND' }) });

interface OrganizationRow {
  id: string;
  name: string;
  credit_code: string | null;
  login_name: string;
  disabled: boolean;
}

const SELECT = `select a.id, o.name, o.code as credit_code, a.login_name, a.disabled
  from organizations o join accounts a on a.id = o.account_id`;

const view = (row: OrganizationRow) => ({ id: row.id, name: row.name, creditCode: row.credit_code ?? '', loginName: row.login_name, disabled: row.disabled });

export function organizationsRoutes(platform: Platform, requireStaff: RequireStaff): FastifyPluginAsync {
  const operator = (request: FastifyRequest) => requireStaff(request, 'operator');

  async function setDisabled(request: FastifyRequest, disabled: boolean) {
    const staff = operator(request);
    const { id } = parseInput(idSchema, request.params);
    const [row] = await platform.db.query<OrganizationRow>(
      `update accounts a set disabled = $2 from organizations o where a.id = $1 and o.account_id = a.id
       returning a.id, o.name, o.code as credit_code, a.login_name, a.disabled`,
      [id, disabled],
    );
    if (!row) throw new AppError('ORGANIZATION_NOT_FOUND', 404);
    if (disabled) {
      await endEverySession(platform, id);
    }
    await recordAudit(platform.db, {
      staff: { id: staff.staff.id, loginName: staff.staff.loginName },
      action: disabled ? 'organization.disable' : 'organization.enable',
      target: { type: 'account', id },
      detail: { name: row.name, creditCode: row.credit_code ?? '' },
      ip: staff.ip,
    });
    return { disabled: row.disabled };
  }

  return async (app) => {
    /** By name (part of it), exact credit code or login name; at most 50. */
    app.get('/organizations', async (request) => {
      operator(request);
      const { q } = parseInput(searchSchema, request.query);
      if (!q) return { organizations: [] };
      const rows = await platform.db.query<OrganizationRow>(
        `${SELECT} where o.name ilike $1 or o.code = upper($2) or a.login_name_key = lower($2) order by o.name limit 50`,
        [`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, q],
      );
      return { organizations: rows.map(view) };
    });

    app.post('/organizations/:id/disable', async (request) => setDisabled(request, true));
    app.post('/organizations/:id/enable', async (request) => setDisabled(request, false));
  };
}
