import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SECTION_FIELDS } from '../accounts/profile-fields.ts';
import {
  FAILURE_NOTICE,
  INITIAL_STATE,
  RETRY,
  STATUS_LABELS,
  isVerified,
  missingOrganizationData,
  missingPersonData,
  organizationRoute,
  personRoute,
  retryDelayMs,
  shownOrganizationState,
  statusView,
  subjectsToVerify,
  transition,
  type OrganizationData,
  type PersonData,
  type VerificationEvent,
  type VerificationState,
  type VerificationStatus,
} from './rules.ts';

const person: PersonData = { name: '张三', region: 'mainland', documentType: 'resident_id', documentNumber: '110105199003071239', validFrom: '2016-03-01', validTo: '2036-03-01', longTerm: false };
const org: OrganizationData = { name: '北京示例科技有限公司', region: 'domestic', legalPersonType: 'enterprise', code: '91110108MA01D3M7Q0', legalRepresentative: { ...person, name: '李四' } };

const at = (status: VerificationStatus, extra: Partial<VerificationState> = {}): VerificationState => ({ status, method: null, reason: null, attempts: 0, ...extra });

function next(state: VerificationState, event: VerificationEvent): VerificationState {
  const result = transition(state, event);
  assert.ok(result.ok, `expected ${state.status} --${event.type}--> to be valid`);
  return result.state;
}

describe('statuses', () => {
  it('prints the seeds’ wording exactly, plus our pending line', () => {
    assert.deepEqual(
      Object.fromEntries(Object.entries(STATUS_LABELS).map(([k, v]) => [k, v.zh])),
      {
        incomplete: '用户信息不全，请及时补充！',
        registry_verified: '国家平台实名认证通过',
        failed: '实名认证失败',
        under_review: '实名认证审核中',
        manually_approved: '科技部平台人工审核通过',
        review_rejected: '实名认证审核失败',
        pending: '实名认证核验中，请稍后查看',
      },
    );
    for (const label of Object.values(STATUS_LABELS)) assert.ok(label.en.length > 0);
    assert.equal(FAILURE_NOTICE.zh, '实名认证失败，验证失败，请检查输入信息。');
  });

  it('verified means registry or manual approval only', () => {
    const verified = (Object.keys(STATUS_LABELS) as VerificationStatus[]).filter(isVerified);
    assert.deepEqual(verified.sort(), ['manually_approved', 'registry_verified']);
  });

  it('statusView gives label, English label and reason', () => {
    const view = statusView(at('failed', { method: 'manual', reason: { code: 'MANUAL_REVIEW_REQUIRED' } }));
    assert.equal(view.label, '实名认证失败');
    assert.equal(view.labelEn, 'Real-name verification failed');
    assert.equal(view.reason?.code, 'MANUAL_REVIEW_REQUIRED');
    assert.equal(statusView(INITIAL_STATE).reason, undefined);
  });
});

describe('routes (quickstart 4.1.3, 4.2.2, 4.3.4)', () => {
  it('person: by document type', () => {
    const matrix: [string, string, 'automatic' | 'manual'][] = [
      ['mainland', 'resident_id', 'automatic'],
      ['mainland', 'foreign_permanent_residence', 'manual'],
      ['hkmt', 'hk_macau_pass', 'automatic'],
      ['hkmt', 'taiwan_pass', 'automatic'],
      ['hkmt', 'hk_macau_resident_permit', 'automatic'],
      ['hkmt', 'taiwan_resident_permit', 'automatic'],
      ['other', 'foreign_passport', 'manual'],
    ];
    for (const [region, documentType, route] of matrix) assert.equal(personRoute({ ...person, region, documentType }), route, documentType);
    assert.equal(personRoute({ ...person, documentType: 'unknown' }), 'manual');
  });

  it('organisation: domestic enterprise / social organisation / public institution automatic, the rest manual', () => {
    const matrix: [string, string, 'automatic' | 'manual'][] = [
      ['domestic', 'enterprise', 'automatic'],
      ['domestic', 'social_organization', 'automatic'],
      ['domestic', 'public_institution', 'automatic'],
      ['domestic', 'other', 'manual'],
      ['hkmt', 'enterprise', 'manual'],
      ['hkmt', 'other', 'manual'],
      ['foreign', 'enterprise', 'manual'],
      ['foreign', 'public_institution', 'manual'],
    ];
    for (const [region, legalPersonType, route] of matrix) assert.equal(organizationRoute({ ...org, region, legalPersonType }), route, `${region} ${legalPersonType}`);
    assert.equal(organizationRoute({ ...org, region: '' }), 'manual');
  });

  it('issue 14.12 (quickstart 4.2.2): the legal representative is checked as a person, so one the registry cannot check makes it manual', () => {
    const representative = (documentType: string, region = 'mainland') => ({ ...org, legalRepresentative: { ...org.legalRepresentative, region, documentType } });
    assert.equal(organizationRoute(representative('resident_id')), 'automatic');
    assert.equal(organizationRoute(representative('hk_macau_pass', 'hkmt')), 'automatic');
    assert.equal(organizationRoute(representative('foreign_passport', 'other')), 'manual');
    assert.equal(organizationRoute(representative('foreign_permanent_residence')), 'manual');
    assert.equal(organizationRoute({ ...representative('resident_id'), region: 'hkmt' }), 'manual');
  });
});

describe('data verification needs (SPEC §2.2)', () => {
  it('ID card: name, region, type, number, validity start and end unless long-term', () => {
    assert.deepEqual(missingPersonData(person), []);
    assert.deepEqual(missingPersonData({ ...person, validTo: '', longTerm: true }), []);
    assert.deepEqual(missingPersonData({ ...person, validTo: '' }), ['validTo']);
    assert.deepEqual(missingPersonData({ ...person, name: '', validFrom: '' }), ['name', 'validFrom']);
    assert.deepEqual(missingPersonData({ ...person, documentNumber: '' }, 'x.'), ['x.documentNumber']);
  });

  it('other documents: name and number, no validity', () => {
    assert.deepEqual(missingPersonData({ ...person, region: 'other', documentType: 'foreign_passport', validFrom: '', validTo: '' }), []);
  });

  it('organisation: code as region and type require; representative name and document', () => {
    assert.deepEqual(missingOrganizationData(org), []);
    assert.deepEqual(missingOrganizationData({ ...org, code: '' }), ['code']);
    assert.deepEqual(missingOrganizationData({ ...org, legalPersonType: 'other', code: '' }), []);
    assert.deepEqual(missingOrganizationData({ ...org, region: 'foreign', legalPersonType: '', code: '' }), ['code']);
    assert.deepEqual(missingOrganizationData({ ...org, legalPersonType: '' }), ['legalPersonType']);
    assert.deepEqual(missingOrganizationData({ ...org, name: '', legalRepresentative: { ...org.legalRepresentative, name: '', documentNumber: '' } }), [
      'name',
      'legalRepresentative.name',
      'legalRepresentative.documentNumber',
    ]);
  });
});

describe('which saves re-verify (修改是否触发实名认证)', () => {
  it('key fields of a section re-verify its subject; other fields and sections never', () => {
    assert.deepEqual(subjectsToVerify('natural_person', ['email', 'address']), []);
    assert.deepEqual(subjectsToVerify('natural_person', ['email', 'name']), ['natural_person']);
    assert.deepEqual(subjectsToVerify('natural_person', ['mobile']), ['natural_person']);
    assert.deepEqual(subjectsToVerify('primary_agent', ['mobile']), []);
    assert.deepEqual(subjectsToVerify('primary_agent', ['documentNumber']), ['primary_agent']);
    assert.deepEqual(subjectsToVerify('organization_basic', ['foundedOn']), []);
    assert.deepEqual(subjectsToVerify('organization_basic', ['nature']), ['organization']);
    assert.deepEqual(subjectsToVerify('organization_basic', ['legalRepresentative.name']), ['organization']);
    assert.deepEqual(subjectsToVerify('organization_basic', ['legalRepresentative.mobile']), []);
    assert.deepEqual(subjectsToVerify('organization_other', Object.keys(SECTION_FIELDS.organization_other)), []);
  });

  it('issue 14.12: the legal representative exactly as foreigner quickstart 4.2.2 tabulates it (姓名, 证件类型, 证件号码: 是; the rest: 否)', () => {
    const triggering = Object.entries(SECTION_FIELDS.organization_basic)
      .filter(([path, spec]) => path.startsWith('legalRepresentative.') && spec.triggersVerification === true)
      .map(([path]) => path);
    assert.deepEqual(triggering, ['legalRepresentative.name', 'legalRepresentative.documentType', 'legalRepresentative.documentNumber']);
  });
});

describe('retry backoff', () => {
  it('doubles from the base delay up to the cap', () => {
    assert.equal(retryDelayMs(1), RETRY.baseDelayMs);
    assert.equal(retryDelayMs(2), RETRY.baseDelayMs * 2);
    assert.equal(retryDelayMs(3), RETRY.baseDelayMs * 4);
    assert.equal(retryDelayMs(50), RETRY.maxDelayMs);
  });
});

describe('transition: key_fields_saved (from any status)', () => {
  const saved = (over: Partial<Extract<VerificationEvent, { type: 'key_fields_saved' }>> = {}): VerificationEvent => ({
    type: 'key_fields_saved',
    missing: [],
    route: 'automatic',
    documentTaken: false,
    ...over,
  });
  const all = Object.keys(STATUS_LABELS) as VerificationStatus[];

  it('missing data → 用户信息不全', () => {
    for (const status of all) assert.deepEqual(next(at(status), saved({ missing: ['name'], documentTaken: true })), INITIAL_STATE);
  });
  it('document verified by another account → 实名认证失败 DOCUMENT_TAKEN (before asking anyone)', () => {
    for (const status of all) {
      const s = next(at(status), saved({ documentTaken: true }));
      assert.deepEqual(s, { status: 'failed', method: 'registry', reason: { code: 'DOCUMENT_TAKEN' }, attempts: 0 });
    }
  });
  it('manual type → 实名认证失败 awaiting upload', () => {
    for (const status of all) {
      assert.deepEqual(next(at(status), saved({ route: 'manual' })), { status: 'failed', method: 'manual', reason: { code: 'MANUAL_REVIEW_REQUIRED' }, attempts: 0 });
    }
  });
  it('automatic type → pending (the registry is asked), attempts reset', () => {
    for (const status of all) assert.deepEqual(next(at(status, { attempts: 4 }), saved()), { status: 'pending', method: 'registry', reason: null, attempts: 0 });
  });
});

describe('transition: registry answers (only while pending)', () => {
  const pending = at('pending', { method: 'registry', attempts: 2 });
  it('match → 国家平台实名认证通过', () => {
    assert.deepEqual(next(pending, { type: 'registry_matched' }), { status: 'registry_verified', method: 'registry', reason: null, attempts: 0 });
  });
  it('mismatch → 实名认证失败 with the fields', () => {
    assert.deepEqual(next(pending, { type: 'registry_mismatched', fields: ['name', 'validTo'] }).reason, { code: 'REGISTRY_MISMATCH', detail: 'name,validTo' });
    assert.deepEqual(next(pending, { type: 'registry_mismatched' }).reason, { code: 'REGISTRY_MISMATCH' });
    assert.equal(next(pending, { type: 'registry_mismatched' }).status, 'failed');
  });
  it('not found → 实名认证失败', () => {
    assert.deepEqual(next(pending, { type: 'registry_not_found' }), { status: 'failed', method: 'registry', reason: { code: 'REGISTRY_NOT_FOUND' }, attempts: 0 });
  });
  it('unavailable → still pending, one more attempt counted', () => {
    assert.deepEqual(next(pending, { type: 'registry_unavailable' }), { status: 'pending', method: 'registry', reason: { code: 'REGISTRY_UNAVAILABLE' }, attempts: 3 });
  });
  it('document taken meanwhile → 实名认证失败 DOCUMENT_TAKEN', () => {
    assert.deepEqual(next(pending, { type: 'document_taken' }).reason, { code: 'DOCUMENT_TAKEN' });
  });
  it('any registry answer outside pending is an explicit error', () => {
    const events: VerificationEvent[] = [{ type: 'registry_matched' }, { type: 'registry_mismatched' }, { type: 'registry_not_found' }, { type: 'registry_unavailable' }];
    for (const status of (Object.keys(STATUS_LABELS) as VerificationStatus[]).filter((s) => s !== 'pending')) {
      for (const event of events) assert.deepEqual(transition(at(status), event), { ok: false, code: 'INVALID_TRANSITION', from: status, event: event.type });
    }
  });
});

describe('transition: manual review', () => {
  it('materials from 实名认证失败 or 实名认证审核失败 → 实名认证审核中', () => {
    assert.deepEqual(next(at('failed', { reason: { code: 'MANUAL_REVIEW_REQUIRED' } }), { type: 'materials_submitted' }), { status: 'under_review', method: 'manual', reason: null, attempts: 0 });
    assert.equal(next(at('failed', { reason: { code: 'REGISTRY_MISMATCH' } }), { type: 'materials_submitted' }).status, 'under_review');
    assert.equal(next(at('review_rejected'), { type: 'materials_submitted' }).status, 'under_review');
  });
  it('no materials for a taken document, an incomplete, pending, under-review or verified subject', () => {
    const refused: VerificationState[] = [at('failed', { reason: { code: 'DOCUMENT_TAKEN' } }), at('incomplete'), at('pending'), at('under_review'), at('registry_verified'), at('manually_approved')];
    for (const s of refused) assert.equal(transition(s, { type: 'materials_submitted' }).ok, false, s.status);
  });
  it('approval → 科技部平台人工审核通过; rejection → 实名认证审核失败 with the reason (详情)', () => {
    const review = at('under_review', { method: 'manual' });
    assert.deepEqual(next(review, { type: 'review_approved' }), { status: 'manually_approved', method: 'manual', reason: null, attempts: 0 });
    assert.deepEqual(next(review, { type: 'review_rejected', reason: '审核信息不匹配。' }), {
      status: 'review_rejected',
      method: 'manual',
      reason: { code: 'REVIEW_REJECTED', detail: '审核信息不匹配。' },
      attempts: 0,
    });
    assert.equal(next(review, { type: 'document_taken' }).status, 'failed');
  });
  it('decisions outside review are explicit errors', () => {
    for (const status of (Object.keys(STATUS_LABELS) as VerificationStatus[]).filter((s) => s !== 'under_review')) {
      assert.equal(transition(at(status), { type: 'review_approved' }).ok, false, status);
      assert.equal(transition(at(status), { type: 'review_rejected', reason: 'x' }).ok, false, status);
      if (status !== 'pending') assert.equal(transition(at(status), { type: 'document_taken' }).ok, false, status);
    }
  });
});

// platform-faq.md 三.1 3(1) (法人单位基本信息): 补全后页面会出现实名认证状态.
describe('shownOrganizationState: the status before 法人单位基本信息 are complete', () => {
  it('reads 用户信息不全，请及时补充！ while required fields are missing, whatever the registry said', () => {
    for (const status of Object.keys(STATUS_LABELS) as VerificationStatus[]) {
      const shown = shownOrganizationState(at(status, { method: 'registry' }), ['nature', 'foundedOn']);
      assert.equal(shown.status, 'incomplete', status);
      assert.equal(isVerified(shown.status), false, status);
      assert.equal(statusView(shown).label, '用户信息不全，请及时补充！');
    }
  });

  it('the real result once complete', () => {
    const verified = at('registry_verified', { method: 'registry' });
    assert.deepEqual(shownOrganizationState(verified, []), verified);
    const failed = at('failed', { method: 'registry', reason: { code: 'REGISTRY_NOT_FOUND' } });
    assert.deepEqual(shownOrganizationState(failed, []), failed);
  });
});

// Issue 20.4: L4 (manual review) is reachable from L3 without losing the registry verification meanwhile.
describe('transition: a registry-verified subject applies for manual review (L4)', () => {
  const verified = at('registry_verified', { method: 'registry' });
  it('submitting and a rejection leave 国家平台实名认证通过 as it was; approval → 科技部平台人工审核通过', () => {
    assert.deepEqual(next(verified, { type: 'upgrade_submitted' }), verified);
    assert.deepEqual(next(verified, { type: 'upgrade_rejected', reason: '扫描件不清晰' }), verified);
    assert.deepEqual(next(verified, { type: 'upgrade_approved' }), { status: 'manually_approved', method: 'manual', reason: null, attempts: 0 });
  });
  it('only from 国家平台实名认证通过: every other status refuses the upgrade events', () => {
    for (const status of (Object.keys(STATUS_LABELS) as VerificationStatus[]).filter((s) => s !== 'registry_verified')) {
      for (const event of [{ type: 'upgrade_submitted' }, { type: 'upgrade_approved' }, { type: 'upgrade_rejected', reason: 'x' }] as VerificationEvent[]) {
        assert.deepEqual(transition(at(status), event), { ok: false, code: 'INVALID_TRANSITION', from: status, event: event.type });
      }
    }
  });
});
