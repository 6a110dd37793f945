import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { creditCodeCheckChar, residentIdCheckChar } from '../accounts/rules.ts';
import {
  ACR_VALUES,
  LEVEL_GUIDANCE,
  LEVEL_LABELS,
  REALNAME_LEVELS,
  acrOf,
  identifierFormatValid,
  levelOfAcr,
  meets,
  realNameLevel,
  requestedLevel,
  stricter,
  type LevelIdentifier,
} from './levels.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const ID_17 = '11010519491231002';
const RESIDENT_ID = ID_17 + residentIdCheckChar(ID_17);
const WRONG_CHECK = ID_17 + (residentIdCheckChar(ID_17) === '1' ? '2' : '1');
const CREDIT_17 = '91350100M000100Y4';
const CREDIT_CODE = CREDIT_17 + creditCodeCheckChar(CREDIT_17);

const person = (documentNumber: string, documentType = 'resident_id'): LevelIdentifier => ({ kind: 'person', documentType, documentNumber });
const organization = (code: string, region = 'domestic', legalPersonType = 'enterprise'): LevelIdentifier => ({ kind: 'organization', region, legalPersonType, code });
const level = (status: string | undefined, identifier: LevelIdentifier | undefined, reason?: string) =>
  realNameLevel({ verification: status === undefined ? undefined : { status, reason: reason ? { code: reason } : null }, identifier }, NOW);

describe('real-name assurance levels', () => {
  test('acr values: urn:most:realname:l1 … l4, and back', () => {
    assert.deepEqual(ACR_VALUES, ['urn:most:realname:l1', 'urn:most:realname:l2', 'urn:most:realname:l3', 'urn:most:realname:l4']);
    for (const l of REALNAME_LEVELS) assert.equal(levelOfAcr(acrOf(l)), l);
    for (const bad of ['', 'l3', 'urn:most:realname:', 'urn:most:realname:l5', 'urn:most:realname:L3', 'urn:other:l3', 'urn:most:realname:l3 ']) {
      assert.equal(levelOfAcr(bad), undefined, bad);
    }
  });

  test('ordering: a level meets itself and every lower one, never a higher one', () => {
    assert.ok(meets('l4', 'l1') && meets('l4', 'l4') && meets('l3', 'l2'));
    assert.ok(!meets('l3', 'l4') && !meets('l1', 'l2'));
    assert.equal(stricter('l2', 'l4'), 'l4');
    assert.equal(stricter('l4', 'l2'), 'l4');
    assert.equal(stricter(null, 'l3'), 'l3');
    assert.equal(stricter('l3', undefined), 'l3');
    assert.equal(stricter(null, null), null);
  });

  test('acr_values: the lowest known level listed is the minimum; unknown or missing values ask nothing', () => {
    assert.equal(requestedLevel('urn:most:realname:l3'), 'l3');
    assert.equal(requestedLevel('urn:most:realname:l4 urn:most:realname:l3'), 'l3');
    assert.equal(requestedLevel('urn:other:loa-high urn:most:realname:l4'), 'l4');
    assert.equal(requestedLevel('urn:other:loa-high'), null);
    assert.equal(requestedLevel(''), null);
    assert.equal(requestedLevel(undefined), null);
    assert.equal(requestedLevel(['urn:most:realname:l4']), null);
    assert.equal(requestedLevel(4), null);
  });

  test('L4: approved by a reviewer (科技部平台人工审核通过), whatever the document', () => {
    assert.equal(level('manually_approved', person(RESIDENT_ID)), 'l4');
    assert.equal(level('manually_approved', person('E12345678', 'foreign_passport')), 'l4');
    assert.equal(level('manually_approved', undefined), 'l4');
    assert.equal(level('manually_approved', organization('HK-12345', 'hkmt')), 'l4');
  });

  test('L3: verified by the national registry, or by the national platform login (both registry_verified)', () => {
    assert.equal(level('registry_verified', person(RESIDENT_ID)), 'l3');
    assert.equal(realNameLevel({ verification: { status: 'registry_verified' }, identifier: person(RESIDENT_ID) }, NOW), 'l3');
    assert.equal(level('registry_verified', organization(CREDIT_CODE)), 'l3');
  });

  test('L2: a document that passes its format rules, not verified (any other status)', () => {
    for (const status of ['incomplete', 'pending', 'under_review', 'review_rejected', undefined]) {
      assert.equal(level(status, person(RESIDENT_ID)), 'l2', String(status));
    }
    // Failed for needing manual review, or a registry outage: the format still holds.
    assert.equal(level('failed', person('E12345678', 'foreign_passport'), 'MANUAL_REVIEW_REQUIRED'), 'l2');
    assert.equal(level('pending', person(RESIDENT_ID.toLowerCase()), 'REGISTRY_UNAVAILABLE'), 'l2');
    assert.equal(level('failed', person(RESIDENT_ID)), 'l2');
    assert.equal(level('incomplete', person('C12345678', 'hk_macau_pass')), 'l2');
    assert.equal(level('failed', organization(CREDIT_CODE), 'MANUAL_REVIEW_REQUIRED'), 'l2');
    assert.equal(level('incomplete', organization('HK-12345', 'hkmt')), 'l2');
    assert.equal(level('incomplete', organization(CREDIT_CODE, 'domestic', 'other')), 'l2');
  });

  test('L1: nothing checked: no document, a bad one, or one a check contradicted', () => {
    assert.equal(level(undefined, undefined), 'l1');
    assert.equal(level('incomplete', person('')), 'l1');
    assert.equal(level('incomplete', person(WRONG_CHECK)), 'l1');
    assert.equal(level('incomplete', person(RESIDENT_ID, 'no_such_type')), 'l1');
    assert.equal(level('incomplete', person(RESIDENT_ID, '')), 'l1');
    assert.equal(level('incomplete', person('12345', 'hk_macau_pass')), 'l1');
    for (const reason of ['REGISTRY_MISMATCH', 'REGISTRY_NOT_FOUND', 'DOCUMENT_TAKEN']) {
      assert.equal(level('failed', person(RESIDENT_ID), reason), 'l1', reason);
    }
    // Organisations: no code (domestic 其他 may have none), a bad check digit, an unknown region.
    assert.equal(level('incomplete', organization('', 'domestic', 'other')), 'l1');
    assert.equal(level('incomplete', organization(CREDIT_17 + (CREDIT_CODE.endsWith('0') ? '1' : '0'))), 'l1');
    assert.equal(level('incomplete', organization(CREDIT_CODE, 'mars')), 'l1');
    assert.equal(level('incomplete', organization('has space', 'foreign')), 'l1');
    assert.equal(level('failed', organization(CREDIT_CODE), 'REGISTRY_NOT_FOUND'), 'l1');
    // Data the database should never hold reads as unverified.
    assert.equal(level('verified', person(RESIDENT_ID)), 'l2');
    assert.equal(level('approved', undefined), 'l1');
  });

  test('the identifier check tolerates missing fields', () => {
    assert.equal(identifierFormatValid(undefined, NOW), false);
    assert.equal(identifierFormatValid({ kind: 'person' } as unknown as LevelIdentifier, NOW), false);
    assert.equal(identifierFormatValid({ kind: 'organization', region: 'domestic' } as unknown as LevelIdentifier, NOW), false);
    assert.equal(identifierFormatValid(organization(` ${CREDIT_CODE.toLowerCase()} `), NOW), true);
  });

  test('every level has a label, and every level above L1 tells persons and organisations what to do', () => {
    for (const l of REALNAME_LEVELS) assert.match(LEVEL_LABELS[l].zh, new RegExp(`^${l.toUpperCase()} `));
    assert.match(LEVEL_GUIDANCE.person.l4.zh, /人工审核.*我的信息.*上传/);
    assert.match(LEVEL_GUIDANCE.organization.l4.zh, /营业执照/);
    assert.match(LEVEL_GUIDANCE.person.l3.zh, /国家平台实名认证/);
  });
});
