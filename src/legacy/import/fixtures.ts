/**
 * Creates the platform accounts the generator's fixtures describe (PlatformFixture: accounts
 * that exist before an import, so that its conflicts occur), in bulk, straight in the
 * database: for the import's integration tests and the benchmark. Verified persons get a
 * registry_verified verification holding their document, as a real verification leaves it.
 */
import { randomUUID } from 'node:crypto';
import { loginNameKey } from '../../accounts/rules.ts';
import type { Db } from '../../platform/db.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import { organizationNameKey, type PlatformFixture } from '../facts.ts';
import { legacyImportStore, type NewAccount, type NewIdentity, type NewOrganization } from './store.ts';

const CHUNK = 5000;

/** Inserts the fixtures (all with `passwordHash`), a chunk at a time; returns how many. */
export async function createPlatformFixtures(db: Db, cipher: PersonalDataCipher, fixtures: Iterable<PlatformFixture> | AsyncIterable<PlatformFixture>, passwordHash: string): Promise<number> {
  let created = 0;
  let chunk: PlatformFixture[] = [];
  const flush = async () => {
    if (chunk.length) await insertChunk(db, cipher, chunk, passwordHash);
    created += chunk.length;
    chunk = [];
  };
  for await (const fixture of fixtures) {
    chunk.push(fixture);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return created;
}

async function insertChunk(db: Db, cipher: PersonalDataCipher, fixtures: PlatformFixture[], passwordHash: string) {
  const accounts: NewAccount[] = [];
  const identities: NewIdentity[] = [];
  const organizations: NewOrganization[] = [];
  const verified: { accountId: string; documentHash: string | null }[] = [];
  for (const f of fixtures) {
    const id = randomUUID();
    accounts.push({ id, kind: f.kind, loginName: f.loginName, loginNameKey: loginNameKey(f.loginName), passwordHash });
    if (f.kind === 'legal' && f.organization) {
      const code = f.organization.creditCode;
      organizations.push({ accountId: id, name: f.organization.name, nameKey: organizationNameKey(f.organization.name), region: 'domestic', legalPersonType: code ? 'enterprise' : 'other', code: code || null });
    }
    if (f.kind === 'natural' && f.person) {
      const p = f.person;
      const documentHash = p.documentType && p.documentNumber ? cipher.lookupHash('document', `${p.documentType}:${p.documentNumber}`) : null;
      identities.push({
        accountId: id,
        role: 'natural_person',
        name: p.name,
        mobileEnc: p.mobile ? cipher.encrypt(p.mobile) : null,
        mobileHash: p.mobile ? cipher.lookupHash('mobile', p.mobile) : null,
        region: p.documentType === 'resident_id' ? 'mainland' : p.documentType ? 'other' : null,
        documentType: p.documentType || null,
        documentNumberEnc: p.documentNumber ? cipher.encrypt(p.documentNumber) : null,
        documentHash,
      });
      if (p.verified) verified.push({ accountId: id, documentHash });
    }
  }
  await db.transaction(async (tx) => {
    await legacyImportStore(db).insertAccounts(tx, accounts, identities, organizations);
    if (verified.length) {
      await tx.query(
        `insert into verifications (account_id, subject, status, method, verified_document_hash)
         select v.account_id, 'natural_person', 'registry_verified', 'registry', v.document_hash from unnest($1::uuid[], $2::text[]) as v (account_id, document_hash)`,
        [verified.map((v) => v.accountId), verified.map((v) => v.documentHash)],
      );
    }
  });
}
