import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstFailure, mayTakeTicket, responseFormat, type ServiceTicket, type ValidationContext } from './validation.ts';

const TICKET = 'ST-' + 'a'.repeat(29);
const issued: ServiceTicket = { service: 'http://a.cn/', systemId: 'sys-a', accountId: 'acc', sessionIdHash: 'h', fromNewLogin: false, authenticatedAt: '2025-01-01T00:00:00.000Z' };
const ok: ValidationContext = { request: { service: 'http://a.cn/', ticket: TICKET, renew: false, format: undefined }, ticket: issued, systemId: 'sys-a' };
const codeOf = (context: ValidationContext) => firstFailure(context)?.code;

describe('ticket validation checks (spec §2.5.3)', () => {
  it('a live ticket for its own registered service passes', () => assert.equal(firstFailure(ok), undefined));

  it('INVALID_REQUEST: a parameter missing or an unsupported format', () => {
    assert.equal(codeOf({ ...ok, request: { ...ok.request, service: undefined } }), 'INVALID_REQUEST');
    assert.equal(codeOf({ ...ok, request: { ...ok.request, ticket: '' } }), 'INVALID_REQUEST');
    assert.equal(codeOf({ ...ok, request: { ...ok.request, format: 'YAML' } }), 'INVALID_REQUEST');
  });

  it('INVALID_SERVICE: an unregistered service, or a ticket issued for another service or system', () => {
    assert.equal(codeOf({ ...ok, systemId: undefined }), 'INVALID_SERVICE');
    assert.equal(codeOf({ ...ok, request: { ...ok.request, service: 'http://a.cn/other' } }), 'INVALID_SERVICE');
    assert.equal(codeOf({ ...ok, systemId: 'sys-b' }), 'INVALID_SERVICE');
  });

  it('INVALID_TICKET: unknown, used or expired, with the ticket escaped later', () => {
    const failure = firstFailure({ ...ok, ticket: undefined });
    assert.equal(failure?.code, 'INVALID_TICKET');
    assert.match(failure!.description, new RegExp(TICKET));
  });

  it('INVALID_TICKET_SPEC: renew=true with a ticket from an existing session', () => {
    assert.equal(codeOf({ ...ok, request: { ...ok.request, renew: true } }), 'INVALID_TICKET_SPEC');
    assert.equal(codeOf({ ...ok, request: { ...ok.request, renew: true }, ticket: { ...issued, fromNewLogin: true } }), undefined);
  });

  it('only a complete request with a well-formed ticket is looked up (and so uses the ticket up)', () => {
    assert.ok(mayTakeTicket(ok.request));
    assert.equal(mayTakeTicket({ ...ok.request, service: undefined }), false);
    assert.equal(mayTakeTicket({ ...ok.request, ticket: 'garbage' }), false);
  });

  it('format XML or JSON in any case, XML by default', () => {
    assert.equal(responseFormat(undefined), 'XML');
    assert.equal(responseFormat('json'), 'JSON');
    assert.equal(responseFormat('Xml'), 'XML');
    assert.equal(responseFormat('html'), undefined);
    assert.equal(responseFormat(['true', 'JSON']), undefined);
  });
});
