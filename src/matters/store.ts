/** SQL of 我的事项 (matters, their states), 我的评价 (matter_ratings) and 结果公示 (public_results): migrations/023. */
import { maybeOne, type Db } from '../platform/db.ts';
import type { MatterState, RatingGrade } from './rules.ts';

export interface MatterRow {
  id: string;
  system_id: string;
  reference: string;
  item_id: string;
  applicant_id: string;
  organization_id: string | null;
  title: string;
  link: string;
  state: MatterState;
  created_at: Date;
  updated_at: Date;
}

/** A matter as the portal lists it, with its item, system, organisation and rating. */
export interface MatterListRow extends MatterRow {
  item_code: string;
  item_name: string;
  system_key: string;
  system_name: string;
  organization_name: string | null;
  grade: RatingGrade | null;
  comment: string | null;
  rated_at: Date | null;
}

export interface NewMatter {
  systemId: string;
  reference: string;
  itemId: string;
  applicantId: string;
  organizationId: string | null;
  title: string;
  link: string;
  state: MatterState;
}

export interface RatingRow {
  matter_id: string;
  title: string;
  item_code: string;
  item_name: string;
  system_key: string;
  system_name: string;
  grade: RatingGrade;
  comment: string;
  rated_at: Date;
}

export interface ResultRow {
  id: string;
  title: string;
  item_code: string;
  item_name: string;
  system_name: string;
  published_on: string;
  summary: string;
  link: string | null;
}

const SELECT_MATTER = `select m.*, i.code as item_code, i.name as item_name, s.key as system_key, s.name as system_name,
    o.name as organization_name, r.grade, r.comment, r.rated_at
  from matters m
  join service_items i on i.id = m.item_id
  join business_systems s on s.id = m.system_id
  left join organizations o on o.account_id = m.organization_id
  left join matter_ratings r on r.matter_id = m.id`;

const SELECT_RATING = `select r.matter_id, m.title, i.code as item_code, i.name as item_name, s.key as system_key, s.name as system_name,
    r.grade, r.comment, r.rated_at
  from matter_ratings r
  join matters m on m.id = r.matter_id
  join service_items i on i.id = m.item_id
  join business_systems s on s.id = m.system_id`;

export function mattersStore(db: Db) {
  return {
    /** The item (enabled or not) with this code and the system that handles it. */
    async itemByCode(code: string, tx: Db = db): Promise<{ id: string; system_id: string | null } | undefined> {
      return maybeOne(tx, 'select id, system_id from service_items where code = $1', [code]);
    },

    /** The organisation account with this 统一社会信用代码. */
    async organizationByCreditCode(code: string, tx: Db = db): Promise<string | undefined> {
      return (await maybeOne<{ account_id: string }>(tx, 'select account_id from organizations where code_key = $1', [code.toUpperCase()]))?.account_id;
    },

    async accountKind(id: string, tx: Db = db): Promise<'natural' | 'legal' | undefined> {
      return (await maybeOne<{ kind: 'natural' | 'legal' }>(tx, 'select kind from accounts where id = $1', [id]))?.kind;
    },

    /** The stored matter of this reference, locked until the transaction ends. */
    async lockByReference(systemId: string, reference: string, tx: Db): Promise<MatterRow | undefined> {
      return maybeOne<MatterRow>(tx, 'select * from matters where system_id = $1 and reference = $2 for update', [systemId, reference]);
    },

    /** A new matter and its first state; undefined when the reference was taken meanwhile. */
    async insert(matter: NewMatter, tx: Db): Promise<MatterRow | undefined> {
      const row = await maybeOne<MatterRow>(
        tx,
        `insert into matters (system_id, reference, item_id, applicant_id, organization_id, title, link, state)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (system_id, reference) do nothing returning *`,
        [matter.systemId, matter.reference, matter.itemId, matter.applicantId, matter.organizationId, matter.title, matter.link, matter.state],
      );
      if (row) await tx.query('insert into matter_states (matter_id, state) values ($1, $2)', [row.id, row.state]);
      return row;
    },

    /** New title, link and state; a new state goes into the history. */
    async update(id: string, changes: { title: string; link: string; state: MatterState }, stateChanged: boolean, tx: Db): Promise<void> {
      await tx.query('update matters set title = $2, link = $3, state = $4, updated_at = now() where id = $1', [id, changes.title, changes.link, changes.state]);
      if (stateChanged) await tx.query('insert into matter_states (matter_id, state) values ($1, $2)', [id, changes.state]);
    },

    /** 我的事项: the account's own matters and those of the organisation it is (legal) — the latest first. */
    async listFor(accountId: string): Promise<MatterListRow[]> {
      return db.query<MatterListRow>(`${SELECT_MATTER} where m.applicant_id = $1 or m.organization_id = $1 order by m.updated_at desc, m.id`, [accountId]);
    },

    async findForAccount(id: string, accountId: string): Promise<MatterListRow | undefined> {
      return maybeOne<MatterListRow>(db, `${SELECT_MATTER} where m.id = $1 and (m.applicant_id = $2 or m.organization_id = $2)`, [id, accountId]);
    },

    async historyOf(ids: string[]): Promise<{ matter_id: string; state: MatterState; recorded_at: Date }[]> {
      if (!ids.length) return [];
      return db.query('select matter_id, state, recorded_at from matter_states where matter_id = any($1) order by id', [ids]);
    },

    /** The rating; false when the matter was rated already (the primary key decides, also under concurrency). */
    async rate(matterId: string, accountId: string, grade: RatingGrade, comment: string): Promise<boolean> {
      const rows = await db.query(
        `insert into matter_ratings (matter_id, account_id, grade, comment) values ($1, $2, $3, $4) on conflict (matter_id) do nothing returning matter_id`,
        [matterId, accountId, grade, comment],
      );
      return rows.length === 1;
    },

    async ratingsBy(accountId: string): Promise<RatingRow[]> {
      return db.query<RatingRow>(`${SELECT_RATING} where r.account_id = $1 order by r.rated_at desc`, [accountId]);
    },

    /** Back office: ratings of a system (key) and/or an item (code), the latest first. */
    async ratings(filter: { systemKey?: string; itemCode?: string }, limit: number): Promise<RatingRow[]> {
      return db.query<RatingRow>(
        `${SELECT_RATING} where ($1::text is null or s.key = $1) and ($2::text is null or i.code = $2) order by r.rated_at desc limit $3`,
        [filter.systemKey ?? null, filter.itemCode ?? null, limit],
      );
    },

    /** Counts per grade of each system and of each item. */
    async gradeCounts(filter: { systemKey?: string; itemCode?: string }): Promise<
      { system_key: string; system_name: string; item_code: string; item_name: string; grade: RatingGrade; count: number }[]
    > {
      return db.query(
        `select s.key as system_key, s.name as system_name, i.code as item_code, i.name as item_name, r.grade, count(*)::int as count
         from matter_ratings r join matters m on m.id = r.matter_id
         join service_items i on i.id = m.item_id join business_systems s on s.id = m.system_id
         where ($1::text is null or s.key = $1) and ($2::text is null or i.code = $2)
         group by s.key, s.name, i.code, i.name, r.grade order by s.name, i.code`,
        [filter.systemKey ?? null, filter.itemCode ?? null],
      );
    },

    /** 我要办理: items of the account's matters (own or its organisation's), the latest used first. */
    /** The items of the account's latest applications, with when each was last reported. */
    async recentItemUses(accountId: string, limit: number): Promise<{ item_id: string; used_at: Date }[]> {
      return db.query<{ item_id: string; used_at: Date }>(
        `select item_id, max(updated_at) as used_at from matters where applicant_id = $1 or organization_id = $1
         group by item_id order by used_at desc limit $2`,
        [accountId, limit],
      );
    },

    // 结果公示

    /** Creates or replaces the system's result of this reference (withdrawn ones are published again); whether it was new. */
    async upsertResult(systemId: string, reference: string, itemId: string, input: { title: string; publishedOn: string; summary: string; link: string | null }) {
      const row = await maybeOne<{ id: string; created: boolean }>(
        db,
        `insert into public_results (system_id, reference, item_id, title, published_on, summary, link)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (system_id, reference) do update set item_id = excluded.item_id, title = excluded.title, published_on = excluded.published_on,
           summary = excluded.summary, link = excluded.link, withdrawn_at = null, updated_at = now()
         returning id, (xmax = 0) as created`,
        [systemId, reference, itemId, input.title, input.publishedOn, input.summary, input.link],
      );
      return row as { id: string; created: boolean };
    },

    /** Withdraws the system's result; undefined when there is none of this reference. Withdrawing twice is withdrawing once. */
    async withdrawResult(systemId: string, reference: string): Promise<{ id: string } | undefined> {
      return maybeOne(
        db,
        `update public_results set withdrawn_at = coalesce(withdrawn_at, now()), updated_at = now() where system_id = $1 and reference = $2 returning id`,
        [systemId, reference],
      );
    },

    /** Published results, newest first, optionally those whose title contains `pattern` (a LIKE pattern). */
    async results(pattern: string | null, limit: number, offset: number): Promise<{ rows: ResultRow[]; total: number }> {
      const where = `where r.withdrawn_at is null and ($1::text is null or r.title ilike $1)`;
      const [count] = await db.query<{ n: number }>(`select count(*)::int as n from public_results r ${where}`, [pattern]);
      const rows = await db.query<ResultRow>(
        `select r.id, r.title, i.code as item_code, i.name as item_name, s.name as system_name, to_char(r.published_on, 'YYYY-MM-DD') as published_on,
           r.summary, r.link
         from public_results r join service_items i on i.id = r.item_id join business_systems s on s.id = r.system_id
         ${where} order by r.published_on desc, r.created_at desc, r.id limit $2 offset $3`,
        [pattern, limit, offset],
      );
      return { rows, total: count?.n ?? 0 };
    },
  };
}

export type MattersStore = ReturnType<typeof mattersStore>;
