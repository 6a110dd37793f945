/**
 * Staff management (issue 18.5): admins create staff accounts, reset a staff member's password
 * and TOTP, disable and enable them; every staff member changes their own password. A password
 * an admin hands out (generated, shown once) must be changed at the next login; a TOTP secret is
 * shown once and stored only encrypted. The last enabled admin is never disabled.
 */
import { randomBytes } from 'node:crypto';
import { checkPassword, passwordStrength } from '../accounts/rules.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { hashPassword, verifyPassword } from '../platform/passwords.ts';
import type { Platform } from '../platform/platform.ts';
import type { StaffContext } from '../realname/review-service.ts';
import { recordAudit } from './audit.ts';
import type { StaffRow } from './staff.ts';
import type { CreateStaffInput } from './staff-schemas.ts';
import { newTotpSecret, totpUri } from './totp.ts';

/** What an admin sees once, to hand over: the one-time password and the authenticator secret. */
export interface StaffCredentials {
  initialPassword: string;
  totpSecret: string;
  totpUri: string;
}

export interface StaffView {
  id: string;
  loginName: string;
  name: string;
  roles: string[];
  disabled: boolean;
  passwordChangeRequired: boolean;
  createdAt: Date;
}

const view = (row: StaffRow): StaffView => ({
  id: row.id,
  loginName: row.login_name,
  name: row.name,
  roles: row.roles,
  disabled: row.disabled,
  passwordChangeRequired: row.password_change_required,
  createdAt: row.created_at,
});

/** A one-time password the platform's rule accepts, strong (all four classes, 16 characters). */
export function generatePassword(): string {
  for (;;) {
    const candidate = randomBytes(12).toString('base64url').replace(/[-_]/g, '') + '@';
    if (candidate.length >= 13 && checkPassword(candidate).ok && passwordStrength(candidate) === 'strong') return candidate;
  }
}

const actor = (ctx: StaffContext) => ({ id: ctx.staff.id, loginName: ctx.staff.loginName });

export function staffAdmin(platform: Platform) {
  const { db, cipher } = platform;

  async function issueCredentials(loginName: string) {
    const initialPassword = generatePassword();
    const totpSecret = newTotpSecret();
    const credentials: StaffCredentials = { initialPassword, totpSecret, totpUri: totpUri(totpSecret, loginName) };
    return { credentials, passwordHash: await hashPassword(initialPassword), totpSecretEnc: cipher.encrypt(totpSecret) };
  }

  async function audit(tx: Db, ctx: StaffContext, action: string, row: StaffRow, detail: Record<string, unknown> = {}) {
    await recordAudit(tx, { staff: actor(ctx), action, target: { type: 'staff', id: row.id }, detail: { loginName: row.login_name, ...detail }, ip: ctx.ip });
  }

  return {
    async list(): Promise<StaffView[]> {
      return (await db.query<StaffRow>('select * from staff order by disabled, lower(login_name)')).map(view);
    },

    async create(ctx: StaffContext, input: CreateStaffInput): Promise<StaffView & StaffCredentials> {
      const issued = await issueCredentials(input.loginName);
      return db.transaction(async (tx) => {
        const [row] = await tx.query<StaffRow>(
          `insert into staff (login_name, name, password_hash, totp_secret_enc, roles, password_change_required)
           values ($1, $2, $3, $4, $5, true) on conflict do nothing returning *`,
          [input.loginName, input.name, issued.passwordHash, issued.totpSecretEnc, input.roles],
        );
        if (!row) throw new AppError('STAFF_LOGIN_NAME_TAKEN', 409, {}, [{ field: 'loginName', code: 'STAFF_LOGIN_NAME_TAKEN', message: '该登录名已被其他工作人员使用', messageEn: 'Another staff member already has this login name' }]);
        await audit(tx, ctx, 'staff.create', row, { roles: row.roles });
        return { ...view(row), ...issued.credentials };
      });
    },

    /** New one-time password and TOTP secret: the old ones stop working and every session of the staff member ends. */
    async reset(ctx: StaffContext, id: string): Promise<StaffView & StaffCredentials> {
      const [current] = await db.query<StaffRow>('select * from staff where id = $1', [id]);
      if (!current) throw new AppError('STAFF_NOT_FOUND', 404);
      const issued = await issueCredentials(current.login_name);
      return db.transaction(async (tx) => {
        const [row] = await tx.query<StaffRow>(
          'update staff set password_hash = $2, totp_secret_enc = $3, password_change_required = true where id = $1 returning *',
          [id, issued.passwordHash, issued.totpSecretEnc],
        );
        if (!row) throw new AppError('STAFF_NOT_FOUND', 404);
        await tx.query('delete from staff_sessions where staff_id = $1', [id]);
        await audit(tx, ctx, 'staff.reset_credentials', row);
        return { ...view(row), ...issued.credentials };
      });
    },

    /**
     * Disables or enables a staff member. One transaction locks, in one statement and in id order
     * (so two admins disabling each other cannot deadlock), the acting admin, the target and every
     * enabled admin; only then counts the enabled admins. Of two such requests at once the second
     * waits, then sees the first's result: at least one admin stays enabled.
     */
    async setDisabled(ctx: StaffContext, id: string, disabled: boolean): Promise<StaffView> {
      return db.transaction(async (tx) => {
        const locked = await tx.query<StaffRow>(
          `select * from staff where id = $1 or id = $2 or ('admin' = any(roles) and not disabled) order by id for update`,
          [id, ctx.staff.id],
        );
        const me = locked.find((row) => row.id === ctx.staff.id);
        if (!me || me.disabled) throw new AppError('STAFF_ONLY', 403);
        if (!me.roles.includes('admin')) throw new AppError('STAFF_ROLE_REQUIRED', 403);
        const target = locked.find((row) => row.id === id);
        if (!target) throw new AppError('STAFF_NOT_FOUND', 404);
        const enabledAdmins = locked.filter((row) => row.roles.includes('admin') && !row.disabled);
        if (disabled && enabledAdmins.some((row) => row.id === id) && enabledAdmins.length <= 1) throw new AppError('STAFF_LAST_ADMIN', 409);
        const [row] = await tx.query<StaffRow>('update staff set disabled = $2 where id = $1 returning *', [id, disabled]);
        if (disabled) await tx.query('delete from staff_sessions where staff_id = $1', [id]);
        await audit(tx, ctx, disabled ? 'staff.disable' : 'staff.enable', row as StaffRow);
        return view(row as StaffRow);
      });
    },

    /** 修改密码 by the staff member: the current password first; their other sessions end, this one stays. */
    async changeOwnPassword(ctx: StaffContext & { sessionHash: string }, oldPassword: string, newPassword: string): Promise<void> {
      const [row] = await db.query<StaffRow>('select * from staff where id = $1 and not disabled', [ctx.staff.id]);
      if (!row) throw new AppError('STAFF_ONLY', 403);
      if (!(await verifyPassword(row.password_hash, oldPassword))) throw new AppError('OLD_PASSWORD_WRONG', 400);
      if (oldPassword === newPassword) throw new AppError('PASSWORD_SAME_AS_OLD', 400);
      const hash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await tx.query('update staff set password_hash = $2, password_change_required = false where id = $1', [row.id, hash]);
        await tx.query('delete from staff_sessions where staff_id = $1 and id_hash <> $2', [row.id, ctx.sessionHash]);
        await audit(tx, ctx, 'staff.password_change', row);
      });
    },
  };
}
