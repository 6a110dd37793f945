import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BusinessSystem } from '../systems-store.ts';
import { clientMetadataFor, interactionStep, readsLoginAskedAt, type InteractionState } from './rules.ts';

const NOW = 1_800_000_000_000;
const state = (overrides: Partial<InteractionState> = {}): InteractionState => ({
  prompt: 'login',
  reasons: ['no_session'],
  maxAge: undefined,
  path: '/sso/interaction/u1',
  loginAskedAt: undefined,
  ...overrides,
});
const login = (loggedInAt = NOW - 3600_000, passwordChangeRequired = false) => ({ accountId: 'a1', passwordChangeRequired, loggedInAt });

describe('interactionStep', () => {
  it('no platform session: to the login page and back', () => {
    assert.deepEqual(interactionStep(state(), undefined, NOW), { kind: 'log_in', location: '/login?return=%2Fsso%2Finteraction%2Fu1' });
  });

  it('issue 14.13: a password change pending: to the change page (not the login form) and back', () => {
    const expected = { kind: 'change_password', location: '/password/expired?return=%2Fsso%2Finteraction%2Fu1' };
    assert.deepEqual(interactionStep(state(), login(NOW, true), NOW), expected);
    assert.deepEqual(interactionStep(state({ prompt: 'consent', reasons: ['op_scopes_missing'] }), login(NOW, true), NOW), expected);
    // prompt=login still asks for the new login first; the change comes after it.
    const forced = state({ reasons: ['login_prompt'] });
    assert.equal(interactionStep(forced, login(NOW - 60_000, true), NOW).kind, 'log_in');
    assert.deepEqual(interactionStep({ ...forced, loginAskedAt: NOW - 30_000 }, login(NOW - 10_000, true), NOW), expected);
  });

  it('a platform session finishes the login with its account and login time', () => {
    assert.deepEqual(interactionStep(state(), login(), NOW), { kind: 'login', accountId: 'a1', loggedInAt: NOW - 3600_000 });
  });

  it('prompt=login: a new login is forced until the user logged in after being asked', () => {
    const forced = state({ reasons: ['login_prompt', 'no_session'] });
    assert.equal(interactionStep(forced, login(), NOW).kind, 'log_in');
    assert.match((interactionStep(forced, login(), NOW) as { location: string }).location, /&force=1$/);
    const asked = NOW - 60_000;
    assert.equal(interactionStep({ ...forced, loginAskedAt: asked }, login(asked - 1), NOW).kind, 'log_in');
    assert.equal(interactionStep({ ...forced, loginAskedAt: asked }, login(asked + 5_000), NOW).kind, 'login');
  });

  it('max_age: a login recent enough passes, an older one is asked again', () => {
    const maxAge = state({ reasons: ['max_age'], maxAge: 300 });
    assert.equal(interactionStep(maxAge, login(NOW - 200_000), NOW).kind, 'login');
    assert.equal(interactionStep(maxAge, login(NOW - 400_000), NOW).kind, 'log_in');
  });

  it('consent is granted without a screen', () => {
    assert.deepEqual(interactionStep(state({ prompt: 'consent', reasons: ['op_scopes_missing'] }), login(), NOW), { kind: 'consent' });
  });
});

describe('clientMetadataFor', () => {
  const system: BusinessSystem = {
    id: 's1', key: 'hgr', name: '人类遗传资源管理', department: '', audience: 'both', requiresVerification: true, requirements: [],
    requiresApproval: false, requiresGrant: false, roles: [], casServicePrefix: null, casLegacyAttributeNames: false, entryUrl: null, mobileAllowed: false, enabled: true, minimumLevel: null,
    oidc: { clientId: 'hgr-demo', clientSecret: 's3cret', redirectUris: ['http://localhost:4001/callback'], postLogoutRedirectUris: ['http://localhost:4001/'], backchannelLogoutUri: 'http://localhost:4001/backchannel-logout' },
  };

  it('a confidential code-flow client with refresh tokens and back-channel logout', () => {
    assert.deepEqual(clientMetadataFor(system), {
      client_id: 'hgr-demo',
      client_secret: 's3cret',
      client_name: '人类遗传资源管理',
      redirect_uris: ['http://localhost:4001/callback'],
      post_logout_redirect_uris: ['http://localhost:4001/'],
      backchannel_logout_uri: 'http://localhost:4001/backchannel-logout',
      backchannel_logout_session_required: true,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      application_type: 'web',
    });
  });

  it('none for a disabled system or one without an OIDC client', () => {
    assert.equal(clientMetadataFor({ ...system, enabled: false }), undefined);
    assert.equal(clientMetadataFor({ ...system, oidc: null }), undefined);
    assert.equal(clientMetadataFor({ ...system, oidc: { ...system.oidc!, backchannelLogoutUri: null } })?.backchannel_logout_uri, undefined);
  });
});

describe('readsLoginAskedAt', () => {
  it('only a forced login (prompt=login, max_age) needs to know when the login page was last asked for', () => {
    assert.equal(readsLoginAskedAt('login', ['login_prompt', 'no_session']), true);
    assert.equal(readsLoginAskedAt('login', ['max_age']), true);
    assert.equal(readsLoginAskedAt('login', ['no_session']), false);
    assert.equal(readsLoginAskedAt('consent', ['op_scopes_missing']), false);
  });

  it('whenever it is not read, the step is the same whatever it would have said', () => {
    const cases: Partial<InteractionState>[] = [
      { reasons: ['no_session'] },
      { prompt: 'consent', reasons: ['op_scopes_missing'] },
      { prompt: 'entry', reasons: ['entry_refused'] },
      { reasons: ['no_session'], maxAge: 300 },
    ];
    for (const overrides of cases) {
      const s = state(overrides);
      assert.equal(readsLoginAskedAt(s.prompt, s.reasons), false);
      for (const loggedInAt of [NOW - 400_000, NOW - 1_000]) {
        const without = interactionStep(s, login(loggedInAt), NOW);
        for (const asked of [NOW - 500_000, NOW - 10]) assert.deepEqual(interactionStep({ ...s, loginAskedAt: asked }, login(loggedInAt), NOW), without);
      }
    }
  });
});
