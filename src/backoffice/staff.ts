/** Back-office staff (审核员 / 运维 / 管理员): accounts, roles and their sessions. */
import { randomBytes } from 'node:crypto';
import { maybeOne, type Db } from '../platform/db.ts';
import { hashPassword } from '../platform/passwords.ts';
import type { PersonalDataCipher } from '../platform/personal-data.ts';
import { newTotpSecret } from './totp.ts';

export type StaffRole = 'reviewer' | 'operator' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['reviewer', 'operator', 'admin'];

export interface Staff {
  id: string;
  loginName: string;
  name: string;
  roles: StaffRole[];
  /** A password an admin handed out: nothing but changing it until it is changed. */
  passwordChangeRequired: boolean;
}

export interface StaffRow {
  id: string;
  login_name: string;
  name: string;
  password_hash: string;
  totp_secret_enc: string;
  roles: StaffRole[];
  disabled: boolean;
  password_change_required: boolean;
  created_at: Date;
}

const toStaff = (row: StaffRow): Staff => ({
  id: row.id,
  loginName: row.login_name,
  name: row.name,
  roles: row.roles,
  passwordChangeRequired: row.password_change_required,
});

export const STAFF_SESSION_COOKIE = 'staff_sid';
/** Back-office sessions are short: 30 minutes idle, 8 hours at most. */
export const STAFF_SESSION_IDLE_MS = 30 * 60_000;
const STAFF_SESSION_MAX_MS = 8 * 60 * 60_000;

export function staffStore(db: Db, cipher: PersonalDataCipher) {
  // Session ids are kept hashed, with the cipher suite's hash (SM3 under CRYPTO_SUITE=national).
  const hashId = (id: string) => cipher.tokenHash(id);
  return {
    async findForLogin(loginName: string): Promise<(Staff & { passwordHash: string; totpSecret: string }) | undefined> {
      const row = await maybeOne<StaffRow>(db, 'select * from staff where lower(login_name) = lower($1) and not disabled', [loginName]);
      return row && { ...toStaff(row), passwordHash: row.password_hash, totpSecret: cipher.decrypt(row.totp_secret_enc) };
    },

    /** Creates a staff account; returns its TOTP secret, shown once for enrolment. */
    async create(input: { loginName: string; name: string; password: string; roles: StaffRole[]; totpSecret?: string }): Promise<Staff & { totpSecret: string }> {
      const totpSecret = input.totpSecret ?? newTotpSecret();
      const rows = await db.query<StaffRow>(
        'insert into staff (login_name, name, password_hash, totp_secret_enc, roles) values ($1, $2, $3, $4, $5) returning *',
        [input.loginName, input.name, await hashPassword(input.password), cipher.encrypt(totpSecret), input.roles],
      );
      return { ...toStaff(rows[0] as StaffRow), totpSecret };
    },

    async totpSecretOf(loginName: string): Promise<string | undefined> {
      const row = await maybeOne<StaffRow>(db, 'select * from staff where login_name = $1', [loginName]);
      return row && cipher.decrypt(row.totp_secret_enc);
    },

    async createSession(staffId: string): Promise<string> {
      const id = randomBytes(32).toString('base64url');
      await db.query(
        `insert into staff_sessions (id_hash, staff_id, expires_at, absolute_expires_at)
         values ($1, $2, now() + $3 * interval '1 millisecond', now() + $4 * interval '1 millisecond')`,
        [hashId(id), staffId, STAFF_SESSION_IDLE_MS, STAFF_SESSION_MAX_MS],
      );
      return id;
    },

    async findSession(id: string): Promise<(Staff & { sessionHash: string }) | undefined> {
      const rows = await db.query<StaffRow & { id_hash: string }>(
        `update staff_sessions ss set expires_at = least(now() + $2 * interval '1 millisecond', ss.absolute_expires_at)
         from staff s
         where ss.id_hash = $1 and ss.expires_at > now() and s.id = ss.staff_id and not s.disabled
         returning s.*, ss.id_hash`,
        [hashId(id), STAFF_SESSION_IDLE_MS],
      );
      const row = rows[0];
      return row && { ...toStaff(row), sessionHash: row.id_hash };
    },

    async destroySession(sessionHash: string): Promise<void> {
      await db.query('delete from staff_sessions where id_hash = $1', [sessionHash]);
    },
  };
}

export type StaffStore = ReturnType<typeof staffStore>;
