/**
 * Accounts made through the HTTP API as the registration pages make them (the SMS code
 * read from the development outbox), for integration and browser tests.
 */
import assert from 'node:assert/strict';
import { ApiClient, type ApiResponse } from './client.ts';
import type { Db } from '../../src/platform/db.ts';
import { legalRegistration, naturalRegistration, uniqueLoginName } from './fixtures.ts';

export type Body = Record<string, any>;
export type AccountKind = 'natural' | 'legal';

export interface Registration {
  body: Body;
  smsCode: string;
  res: ApiResponse;
}

/** 自然人注册 with a fresh SMS code; the answer is returned unchecked. */
export async function registerNatural(client: ApiClient, overrides: Body = {}): Promise<Registration> {
  const body = naturalRegistration(overrides) as Body;
  const smsCode = await client.smsCode(body.mobile);
  const res = await client.post('/api/register/natural', { ...body, smsCode });
  return { body, smsCode, res };
}

/** 单位用户（法人）注册 with a fresh SMS code sent to the primary agent; the answer is returned unchecked. */
export async function registerLegal(client: ApiClient, overrides: Body = {}): Promise<Registration> {
  const body = legalRegistration(overrides) as Body;
  const smsCode = await client.smsCode(body.primaryAgent.mobile);
  const res = await client.post('/api/register/legal', { ...body, primaryAgent: { ...body.primaryAgent, smsCode } });
  return { body, smsCode, res };
}

/** A registered account (201 asserted): its registration body and id, and the client that registered it. */
export async function registerAccount(baseUrl: string, kind: AccountKind, overrides: Body = {}) {
  const client = new ApiClient(baseUrl);
  const { body, res } = kind === 'natural' ? await registerNatural(client, overrides) : await registerLegal(client, overrides);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { client, body, accountId: res.body.accountId as string };
}

/** A registered account logged in through the API (200 asserted): the client holds its session. */
export async function registerAndLogIn(baseUrl: string, kind: AccountKind, overrides: Body = {}) {
  const account = await registerAccount(baseUrl, kind, overrides);
  const login = await account.client.login(kind, account.body.loginName, account.body.password);
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return account;
}

/** A bare natural account row straight in the database (no identity, no password that logs in), for tests of what hangs off accounts. */
export async function bareAccountId(db: Db, prefix = 'bare'): Promise<string> {
  const name = uniqueLoginName(prefix);
  const [row] = await db.query<{ id: string }>(
    `insert into accounts (kind, login_name, login_name_key, password_hash) values ('natural', $1, $2, 'x') returning id`,
    [name, name.toLowerCase()],
  );
  return row!.id;
}
