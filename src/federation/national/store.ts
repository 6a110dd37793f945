/** SQL of 国家政务服务平台账号登录: the `national_links` table (migrations/027_national_links.sql). */
import { maybeOne, type Db } from '../../platform/db.ts';

export interface NationalLink {
  id: string;
  accountId: string;
  issuer: string;
  subject: string;
  documentHash: string;
  linkedAt: Date;
  lastUsedAt: Date | null;
}

interface LinkRow {
  id: string;
  account_id: string;
  issuer: string;
  subject: string;
  document_hash: string;
  linked_at: Date;
  last_used_at: Date | null;
}

const fromRow = (r: LinkRow): NationalLink => ({
  id: r.id,
  accountId: r.account_id,
  issuer: r.issuer,
  subject: r.subject,
  documentHash: r.document_hash,
  linkedAt: r.linked_at,
  lastUsedAt: r.last_used_at,
});

export function nationalLinkStore(db: Db) {
  return {
    async find(issuer: string, subject: string): Promise<NationalLink | undefined> {
      const row = await maybeOne<LinkRow>(db, 'select * from national_links where issuer = $1 and subject = $2', [issuer, subject]);
      return row && fromRow(row);
    },
    async listForAccount(accountId: string): Promise<NationalLink[]> {
      const rows = await db.query<LinkRow>('select * from national_links where account_id = $1 order by linked_at', [accountId]);
      return rows.map(fromRow);
    },
    /** Links the account, replacing an older link of the same account to this issuer (one per issuer). */
    async link(tx: Db, accountId: string, issuer: string, subject: string, documentHash: string): Promise<void> {
      await tx.query('delete from national_links where account_id = $1 and issuer = $2', [accountId, issuer]);
      await tx.query(
        `insert into national_links (account_id, issuer, subject, document_hash, last_used_at) values ($1, $2, $3, $4, now())
         on conflict (issuer, subject) do update set account_id = excluded.account_id, document_hash = excluded.document_hash,
           linked_at = now(), last_used_at = now()`,
        [accountId, issuer, subject, documentHash],
      );
    },
    async touch(id: string): Promise<void> {
      await db.query('update national_links set last_used_at = now() where id = $1', [id]);
    },
    /** Removes one link; true when it existed (and belonged to the account, when one is given). */
    async remove(id: string, accountId?: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.query('delete from national_links where id = $1 and ($2::uuid is null or account_id = $2) returning 1', [id, accountId ?? null]);
      return rows.length > 0;
    },

    /** The natural account verified with this document (SPEC §3: at most one). */
    async verifiedHolder(documentHash: string): Promise<string | undefined> {
      const row = await maybeOne<{ account_id: string }>(
        db,
        `select v.account_id from verifications v join accounts a on a.id = v.account_id
         where v.verified_document_hash = $1 and v.subject = 'natural_person' and a.kind = 'natural'`,
        [documentHash],
      );
      return row?.account_id;
    },
    /** Natural accounts whose person holds this document, verified or not. */
    async holders(documentHash: string): Promise<string[]> {
      const rows = await db.query<{ account_id: string }>(
        `select i.account_id from identities i join accounts a on a.id = i.account_id
         where i.role = 'natural_person' and i.document_hash = $1 and a.kind = 'natural'`,
        [documentHash],
      );
      return rows.map((r) => r.account_id);
    },
  };
}
