/**
 * Issue 14.6: the work-permit notice (服务事项 → 外国人来华工作许可 → 事项说明) carries every step
 * of the seed's notice (foreigner-work-system-login-quickstart.md 1. 登录流程变更), with the prefix
 * that logs in (WP_, as the seed's cases 2.(2)–(4) and the importer have it).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { FOREIGN_WORK_LOGIN_NOTICE, demoServiceItems } from './catalogue.ts';

it('the work-permit notice names all three steps, in order, and the WP_ prefix', () => {
  const steps = ['选择法人登录', '请首先尝试在原账户前加“WP_”', '其次再尝试选择自然人登录', '仍然无法登录，请选择找回密码'];
  const at = steps.map((step) => FOREIGN_WORK_LOGIN_NOTICE.indexOf(step));
  assert.ok(at.every((i) => i >= 0), JSON.stringify(at));
  assert.deepEqual([...at].sort((a, b) => a - b), at, 'in the seed\'s order');
  assert.doesNotMatch(FOREIGN_WORK_LOGIN_NOTICE, /“WP”/);
  const item = demoServiceItems().find((i) => i.name === '外国人来华工作许可');
  assert.equal(item?.guide.find((section) => section.title === '事项说明')?.text, FOREIGN_WORK_LOGIN_NOTICE);
});
