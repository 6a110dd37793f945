/**
 * How a legacy account is identified in the import's tables and by the account lookup:
 * per source, the key of its legacy login name, and what an operator may see of it. A
 * Torch personal login name is a mobile number, so it is kept only as a keyed hash
 * (PersonalDataCipher.lookupHash, as accounts keep mobiles) and shown masked.
 */
import { loginNameKey, maskPhone, normalizeCreditCode } from '../../accounts/rules.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import type { LegacySource } from '../sources.ts';

type Hasher = Pick<PersonalDataCipher, 'lookupHash'>;

/** The key of a legacy login name (as exported, or as a user types it in the lookup). */
export function legacyKey(source: LegacySource, loginName: string, cipher: Hasher): string {
  switch (source) {
    case 'torch-company':
      return normalizeCreditCode(loginName);
    case 'torch-personal':
      return cipher.lookupHash('mobile', loginName);
    case 'foreign-work':
    case 'foreign-expert':
      return loginNameKey(loginName.trim());
  }
}

/** The legacy login name as stored for operators: mobiles masked (13*****656). */
export function legacyDisplayName(source: LegacySource, loginName: string): string {
  return source === 'torch-personal' ? maskPhone(loginName) : loginName;
}

/** The keyed hash of a mobile, or null for none. */
export function mobileHash(mobile: string, cipher: Hasher): string | null {
  return mobile ? cipher.lookupHash('mobile', mobile) : null;
}
