import { staffStore, type StaffRole } from '../../src/backoffice/staff.ts';
import { totpCode, totpStep } from '../../src/backoffice/totp.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { ApiClient } from './client.ts';

let counter = 0;

export interface StaffLogin {
  loginName: string;
  password: string;
  totpSecret: string;
}

export async function createStaff(platform: Platform, roles: StaffRole[], name = '审核员'): Promise<StaffLogin> {
  const loginName = `staff_${process.pid}_${++counter}`;
  const password = 'Staff@2026pass';
  const created = await staffStore(platform.db, platform.cipher).create({ loginName, name, password, roles });
  return { loginName, password, totpSecret: created.totpSecret };
}

/** The current TOTP code, or the next step's when `ahead` (a fresh code for a second login within 30 s). */
export function currentTotp(secret: string, ahead = 0): string {
  return totpCode(secret, totpStep(new Date()) + ahead);
}

/** A staff member with these roles, logged in to the back office. */
export async function staffClient(baseUrl: string, platform: Platform, roles: StaffRole[]): Promise<ApiClient & { staff: StaffLogin }> {
  const staff = await createStaff(platform, roles);
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/admin/login', { loginName: staff.loginName, password: staff.password, totp: currentTotp(staff.totpSecret) });
  if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return Object.assign(client, { staff });
}
