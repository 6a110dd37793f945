/**
 * Which stored names and dates today's field rules would refuse (issue 21: rules tightened
 * after data was saved). Only a report for an operator to act on: nothing is changed. It
 * reads every identity and organisation in pages and checks each value with the same field
 * types the forms use.
 */
import type { Db } from '../platform/db.ts';
import { DATE_LIMITS, dateProblem, type DateRange } from '../platform/fields/dates.ts';
import { FIELD_MESSAGES } from '../platform/fields/messages.ts';
import { organizationNameProblem, personNameLengthIssue, personNameProblem, type NameRegion } from '../platform/fields/names.ts';
import { formatMessage } from '../platform/messages.ts';

export interface StoredDataProblem {
  loginName: string;
  /** natural_person, legal_representative, primary_agent, organization */
  subject: string;
  field: string;
  value: string;
  code: string;
  message: string;
}

const PAGE = 1000;

const problem = (loginName: string, subject: string, field: string, value: string, code: string, params: Record<string, string | number> = {}): StoredDataProblem => ({
  loginName,
  subject,
  field,
  value,
  code,
  message: formatMessage(FIELD_MESSAGES[code]?.zh ?? code, params),
});

function dateIssue(loginName: string, subject: string, field: string, value: string | null | undefined, range: DateRange): StoredDataProblem[] {
  if (!value) return [];
  const found = dateProblem(value, range);
  return found ? [problem(loginName, subject, field, value, found.code, found.params)] : [];
}

interface IdentityRow {
  login_name: string;
  role: string;
  name: string;
  region: string | null;
  valid_from: string | null;
  birth_date: string | null;
}

function identityProblems(row: IdentityRow): StoredDataProblem[] {
  const found: StoredDataProblem[] = [];
  if (row.name) {
    const code = personNameProblem(row.name);
    const tooLong = row.region ? personNameLengthIssue(row.name, row.region as NameRegion) : undefined;
    if (code) found.push(problem(row.login_name, row.role, 'name', row.name, code));
    else if (tooLong) found.push(problem(row.login_name, row.role, 'name', row.name, tooLong.code, tooLong.params));
  }
  found.push(...dateIssue(row.login_name, row.role, 'validFrom', row.valid_from, { notFuture: true }));
  found.push(...dateIssue(row.login_name, row.role, 'birthDate', row.birth_date, { notFuture: true }));
  return found;
}

interface OrganizationRow {
  login_name: string;
  name: string;
  founded_on: string | null;
  approved_on: string | null;
}

function organizationProblems(row: OrganizationRow): StoredDataProblem[] {
  const found: StoredDataProblem[] = [];
  const nameProblem = organizationNameProblem(row.name);
  if (nameProblem) found.push(problem(row.login_name, 'organization', 'name', row.name, nameProblem.code, nameProblem.params));
  const past = { notFuture: true, earliest: DATE_LIMITS.earliestFounding };
  found.push(...dateIssue(row.login_name, 'organization', 'foundedOn', row.founded_on, past));
  found.push(...dateIssue(row.login_name, 'organization', 'approvedOn', row.approved_on, past));
  return found;
}

/** Every stored name and date the field rules would refuse now, page by page in key order. */
export async function* storedDataProblems(db: Db): AsyncGenerator<StoredDataProblem> {
  for (let after = ''; ; ) {
    const rows = await db.query<IdentityRow & { key: string }>(
      `select a.login_name, i.role, i.name, i.region, i.document_valid_from::text as valid_from, i.details->>'birthDate' as birth_date,
              i.account_id::text || i.role as key
         from identities i join accounts a on a.id = i.account_id
        where i.account_id::text || i.role > $1 order by key limit ${PAGE}`,
      [after],
    );
    for (const row of rows) yield* identityProblems(row);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.key;
  }
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = await db.query<OrganizationRow & { account_id: string }>(
      `select o.account_id, a.login_name, o.name, o.basic->>'foundedOn' as founded_on, o.other->>'approvedOn' as approved_on
         from organizations o join accounts a on a.id = o.account_id
        where o.account_id > $1 order by o.account_id limit ${PAGE}`,
      [after],
    );
    for (const row of rows) yield* organizationProblems(row);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.account_id;
  }
}
