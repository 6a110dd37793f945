import { AppError } from '../platform/errors.ts';
import { hashPassword } from '../platform/passwords.ts';
import type { Platform } from '../platform/platform.ts';
import { loginNameKey } from './rules.ts';
import type { LegalRegistration, NaturalRegistration } from './schemas.ts';
import { accountStore, translateUniqueViolation, type Identity } from './store.ts';
import { afterSave, documentAlreadyVerified, recordKeyFieldsSaved } from '../realname/service.ts';

function identityOf(input: Omit<Identity, 'details'> & { details?: Record<string, string> }): Identity {
  return {
    name: input.name,
    mobile: input.mobile,
    region: input.region,
    documentType: input.documentType,
    documentNumber: input.documentNumber,
    validFrom: input.validFrom,
    validTo: input.longTerm ? '' : input.validTo,
    longTerm: input.longTerm,
    details: input.details ?? {},
  };
}

/**
 * 自然人注册: checks availability first so a taken name does not spend the SMS code,
 * then the code, then saves account and identity in one transaction.
 */
export async function registerNaturalPerson(platform: Platform, input: NaturalRegistration) {
  const store = accountStore(platform.db, platform.cipher);
  const key = loginNameKey(input.loginName);
  if (await store.loginNameTaken(key)) throw new AppError('LOGIN_NAME_TAKEN', 409);
  if (await documentAlreadyVerified(platform, input.documentType, input.documentNumber)) throw new AppError('DOCUMENT_TAKEN', 409);
  await platform.codes.verify('register', input.mobile, input.smsCode);
  const passwordHash = await hashPassword(input.password);
  const saved = await translateUniqueViolation(() =>
    platform.db.transaction(async (tx) => {
      const id = await store.insertAccount(tx, 'natural', input.loginName, key, passwordHash);
      await store.saveIdentity(tx, id, 'natural_person', identityOf(input));
      const started = await recordKeyFieldsSaved(platform, tx, id, 'natural_person');
      return { id, started: [{ subject: 'natural_person' as const, generation: started.generation }] };
    }),
  );
  // Registration saves the account and then attempts verification; the account exists whatever the result (SPEC §2.2).
  return { accountId: saved.id, loginName: input.loginName, ...(await afterSave(platform, saved.id, saved.started)) };
}

/** 单位用户（法人）注册: the organisation, its legal representative and its primary agent. */
export async function registerLegalPerson(platform: Platform, input: LegalRegistration) {
  const store = accountStore(platform.db, platform.cipher);
  const key = loginNameKey(input.loginName);
  const org = input.organization;
  if (await store.loginNameTaken(key)) throw new AppError('LOGIN_NAME_TAKEN', 409);
  if (await store.organizationNameTaken(org.name)) throw new AppError('ORGANIZATION_NAME_TAKEN', 409);
  if (org.code && (await store.creditCodeTaken(org.code))) throw new AppError('CREDIT_CODE_TAKEN', 409);
  await platform.codes.verify('register', input.primaryAgent.mobile, input.primaryAgent.smsCode);
  const passwordHash = await hashPassword(input.password);
  const saved = await translateUniqueViolation(() =>
    platform.db.transaction(async (tx) => {
      const id = await store.insertAccount(tx, 'legal', input.loginName, key, passwordHash);
      await store.saveOrganization(tx, id, { name: org.name, region: org.region, legalPersonType: org.legalPersonType, code: org.code, basic: {}, other: {} });
      await store.saveIdentity(tx, id, 'legal_representative', identityOf(input.legalRepresentative));
      await store.saveIdentity(tx, id, 'primary_agent', identityOf(input.primaryAgent));
      const organization = await recordKeyFieldsSaved(platform, tx, id, 'organization');
      const agent = await recordKeyFieldsSaved(platform, tx, id, 'primary_agent');
      return {
        id,
        started: [
          { subject: 'organization' as const, generation: organization.generation },
          { subject: 'primary_agent' as const, generation: agent.generation },
        ],
      };
    }),
  );
  return { accountId: saved.id, loginName: input.loginName, ...(await afterSave(platform, saved.id, saved.started)) };
}
