import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devCredentials, devSubject, peopleFrom } from './dev-upstream/people.ts';
import { decideMatch, upstreamErrorCode, upstreamPersonFrom } from './rules.ts';

describe('decideMatch: only a verified document links (SPEC §11.13)', () => {
  const base = { link: undefined, upstreamDocumentHash: 'h1', verifiedAccountId: undefined, unverifiedHolders: 0 };
  it('a link on the same document logs in; on another document it is a changed document', () => {
    assert.deepEqual(decideMatch({ ...base, link: { accountId: 'a', documentHash: 'h1' } }), { kind: 'linked', accountId: 'a' });
    assert.deepEqual(decideMatch({ ...base, link: { accountId: 'a', documentHash: 'h0' }, verifiedAccountId: 'b' }), { kind: 'document_changed', accountId: 'a' });
  });
  it('no link: the verified holder confirms, else unverified holders log in to link, else registration', () => {
    assert.deepEqual(decideMatch({ ...base, verifiedAccountId: 'b', unverifiedHolders: 2 }), { kind: 'confirm', accountId: 'b' });
    assert.deepEqual(decideMatch({ ...base, unverifiedHolders: 1 }), { kind: 'login_to_link' });
    assert.deepEqual(decideMatch(base), { kind: 'register' });
  });
});

describe('upstream claims', () => {
  const claims = { sub: 's1', name: '张三', document_type: 'resident_id', document_number: '110105199003071239', verification_level: 'L3' };
  it('a complete answer becomes the person, the number normalised', () => {
    const person = upstreamPersonFrom('https://idp', { ...claims, document_number: ' 11010519900307123x '.replace('x', '9') });
    assert.equal(person?.documentNumber, '110105199003071239');
    assert.equal(person?.issuer, 'https://idp');
  });
  it('missing or malformed claims are refused (no phone or e-mail ever matches)', () => {
    for (const bad of [
      { ...claims, document_number: '110105199003071230' },
      { ...claims, document_type: 'phone' },
      { ...claims, name: '' },
      { sub: 's1', name: '张三', phone_number: '13800000000', verification_level: 'L3' },
      { ...claims, verification_level: undefined },
    ]) {
      assert.equal(upstreamPersonFrom('https://idp', bad), undefined, JSON.stringify(bad));
    }
  });
  it('access_denied is the denied consent; anything else an upstream error', () => {
    assert.equal(upstreamErrorCode('access_denied'), 'NATIONAL_DENIED');
    assert.equal(upstreamErrorCode('server_error'), 'NATIONAL_UPSTREAM_ERROR');
  });
});

describe('the development upstream\'s people', () => {
  it('each has its own login name and password, and a subject stable per document', () => {
    assert.deepEqual(devCredentials(3), { loginName: 'gjzw03', password: 'Gjzw@2024-03' });
    const people = peopleFrom([
      { name: '甲', documentType: 'resident_id', documentNumber: '110105199003071239', validFrom: '2016-03-01', validTo: '2036-03-01' },
      { name: '乙', documentType: 'resident_id', documentNumber: '110108198005152010', validFrom: '2010-05-01', longTerm: true },
    ]);
    assert.deepEqual(people.map((p) => p.loginName), ['gjzw01', 'gjzw02']);
    assert.notEqual(people[0]!.sub, people[1]!.sub);
    assert.equal(people[0]!.sub, devSubject({ documentType: 'resident_id', documentNumber: '110105199003071239' }));
  });
});
