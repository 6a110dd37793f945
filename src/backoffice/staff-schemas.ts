/** Staff management requests (issue 18.5), shared by the server and the back-office pages. */
import { z } from 'zod';
import { loginName, password } from '../accounts/schemas.ts';
import { personName } from '../platform/fields/names.ts';
import type { StaffRole } from './staff.ts';

/** The roles, in the order pages list them (a copy of staff.ts's, which the web bundle cannot import). */
export const STAFF_ROLE_VALUES = ['reviewer', 'operator', 'admin'] as const satisfies readonly StaffRole[];

/** 新增工作人员: login name and name by the platform's rules, at least one role. */
export const createStaffSchema = z.object({
  loginName: z.string({ error: 'REQUIRED_FIELD' }).trim().pipe(loginName),
  name: personName.refine((value) => value !== '', 'REQUIRED_FIELD'),
  roles: z
    .array(z.enum(STAFF_ROLE_VALUES, { error: 'STAFF_ROLE_INVALID' }), { error: 'STAFF_ROLES_REQUIRED' })
    .min(1, 'STAFF_ROLES_REQUIRED')
    .transform((roles) => STAFF_ROLE_VALUES.filter((role) => roles.includes(role))),
});

export type CreateStaffInput = z.infer<typeof createStaffSchema>;

/** A staff member's own 修改密码: the current password, then the new one twice (the platform's password rule). */
export const staffPasswordSchema = z
  .object({ oldPassword: z.string({ error: 'REQUIRED_FIELD' }).min(1, 'REQUIRED_FIELD').max(200), password, passwordConfirm: z.string({ error: 'PASSWORD_MISMATCH' }) })
  .superRefine((value, ctx) => {
    if (value.password !== value.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'PASSWORD_MISMATCH' });
  });

export const staffIdSchema = z.object({ id: z.uuid({ error: 'STAFF_NOT_FOUND' }) });
