-- OpenID Connect provider state (oidc-provider's models: sessions, interactions, codes, access
-- and refresh tokens, grants, ...). One row per artefact; clients are read from business_systems.
create table oidc_payloads (
  model text not null,
  id text not null,
  payload jsonb not null,
  grant_id text,
  uid text,
  user_code text,
  expires_at timestamptz,
  consumed_at timestamptz,
  primary key (model, id)
);
create index oidc_payloads_grant on oidc_payloads (grant_id) where grant_id is not null;
create index oidc_payloads_uid on oidc_payloads (uid) where uid is not null;
create index oidc_payloads_user_code on oidc_payloads (user_code) where user_code is not null;
create index oidc_payloads_expires on oidc_payloads (expires_at);
-- single logout: the provider sessions of one account
create index oidc_payloads_session_account on oidc_payloads ((payload ->> 'accountId')) where model = 'Session';

-- Keys shared by every node: JWKs that sign tokens (published in JWKS) and the keys that sign
-- the provider's cookies, encrypted with the personal-data key. A retired signing key stays
-- published until the tokens it signed have expired.
create table oidc_keys (
  kid text primary key,
  purpose text not null check (purpose in ('signing', 'cookie')),
  alg text not null,
  jwk_enc text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
create index oidc_keys_purpose on oidc_keys (purpose, created_at desc);
