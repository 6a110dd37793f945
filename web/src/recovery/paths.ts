/** Where the 密码找回 pages live; the keys are the ways of RECOVERY_WAYS. */
export const RECOVER_PATH = '/password/recover';

export const RECOVERY_PATHS = {
  'login-name': `${RECOVER_PATH}/login-name`,
  'natural-appeal': `${RECOVER_PATH}/natural-appeal`,
  'legal-appeal': `${RECOVER_PATH}/legal-appeal`,
} as const;
