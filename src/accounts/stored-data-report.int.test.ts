/** The report of stored names and dates today's rules refuse: it finds them, and changes nothing. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { storedDataProblems, type StoredDataProblem } from './stored-data-report.ts';

const t = testPlatformForFile();

async function problemsOf(loginNames: string[]): Promise<string[]> {
  const found: StoredDataProblem[] = [];
  for await (const problem of storedDataProblems(t.db)) if (loginNames.includes(problem.loginName)) found.push(problem);
  return found.map((p) => `${p.loginName} ${p.subject}.${p.field}=${p.value} ${p.code} ${p.message}`).sort();
}

const snapshot = () => t.db.query('select i.*, o.name as org_name, o.basic, o.other from identities i left join organizations o using (account_id) order by account_id, role');

it('lists stored names and dates the rules now refuse, leaves the clean ones out, and changes nothing', async () => {
  const clean = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('clean') });
  const saved = await clean.client.put('/api/me/profile/natural-person', { ...(await clean.client.get('/api/me/profile')).body.naturalPerson, birthDate: '1990-01-01' });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('old') });
  const corp = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('oldcorp') });
  // As older versions of the platform could store them:
  await t.db.query(`update identities set name = '张伟😀', details = details || '{"birthDate":"2099-01-01"}' where account_id = $1`, [person.accountId]);
  await t.db.query(`update identities set name = 'Robert''); DROP TABLE accounts;--' where account_id = $1 and role = 'primary_agent'`, [corp.accountId]);
  await t.db.query(`update organizations set name = '<script>alert(1)</script>有限公司', basic = basic || '{"foundedOn":"2014-13-40"}' where account_id = $1`, [corp.accountId]);
  const before = await snapshot();

  assert.deepEqual(await problemsOf([clean.body.loginName, person.body.loginName, corp.body.loginName]), [
    `${corp.body.loginName} organization.foundedOn=2014-13-40 DATE_INVALID 请填写有效日期，格式为YYYY-MM-DD`,
    `${corp.body.loginName} organization.name=<script>alert(1)</script>有限公司 ORGANIZATION_NAME_CHARS ${'单位名称只能包含汉字、字母、数字、括号“（）()”和“·.,&\'-、”等登记名称中使用的符号'}`,
    `${corp.body.loginName} primary_agent.name=Robert'); DROP TABLE accounts;-- PERSON_NAME_CHARS 姓名只能包含汉字、字母、间隔号“·”和分隔外文单词的空格，不能包含数字、符号或表情`,
    `${person.body.loginName} natural_person.birthDate=2099-01-01 DATE_IN_FUTURE 日期不能晚于今天`,
    `${person.body.loginName} natural_person.name=张伟😀 PERSON_NAME_CHARS 姓名只能包含汉字、字母、间隔号“·”和分隔外文单词的空格，不能包含数字、符号或表情`,
  ].sort());
  assert.deepEqual(await snapshot(), before);
});
