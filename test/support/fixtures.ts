import { randomInt } from 'node:crypto';
import { creditCodeCheckChar, residentIdCheckChar } from '../../src/accounts/rules.ts';

/**
 * Numbers counted up from a random start: never repeated within a test process (each test
 * platform has its own database), and unlikely to meet another process's. Drawing each one at
 * random made two registrations in a file share a document number now and then (409 证件号码已被注册).
 */
let counter = randomInt(1e6);
const next = () => (counter = (counter + 1) % 1e6);

/** A valid resident ID number (GB 11643): a Beijing area code and sequence part unique to this process. */
export function residentId(birth = '19900101'): string {
  const unique = next();
  const first17 = `110${String(Math.floor(unique / 1000)).padStart(3, '0')}${birth}${String(unique % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** A valid unified social credit code (GB 32100). */
export function creditCode(): string {
  const first17 = `91110108${String(next()).padStart(6, '0')}MA0`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}

export function mobile(): string {
  return `139${String(next()).padStart(8, '0')}`.slice(0, 11);
}

export function uniqueLoginName(prefix = 'user'): string {
  return `${prefix}_${Date.now().toString(36)}${next().toString(36)}`;
}

export function naturalRegistration(overrides: Record<string, unknown> = {}) {
  return {
    loginName: uniqueLoginName('np'),
    password: 'Passw0rd!',
    passwordConfirm: 'Passw0rd!',
    name: '测试用户',
    region: 'mainland',
    documentType: 'resident_id',
    documentNumber: residentId(),
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
    longTerm: false,
    mobile: mobile(),
    agreed: true,
    ...overrides,
  };
}

export function legalRegistration(overrides: Record<string, unknown> = {}) {
  return {
    loginName: uniqueLoginName('org'),
    password: 'Passw0rd!',
    passwordConfirm: 'Passw0rd!',
    organization: { name: `测试科技有限公司${next()}`, region: 'domestic', legalPersonType: 'enterprise', code: creditCode() },
    legalRepresentative: { name: '法定代表', mobile: mobile(), region: 'mainland', documentType: 'resident_id', documentNumber: residentId('19750505'), validFrom: '2015-01-01', validTo: '', longTerm: true },
    primaryAgent: { name: '代办人', mobile: mobile(), region: 'mainland', documentType: 'resident_id', documentNumber: residentId('19880808'), validFrom: '2019-01-01', validTo: '2039-01-01', longTerm: false },
    agreed: true,
    ...overrides,
  };
}
