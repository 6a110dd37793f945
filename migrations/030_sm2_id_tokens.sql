-- How a business system's ID tokens are signed: RS256 (oidc-provider, the default) or SM2 with
-- SM3 (SM2SM3, src/sso/oidc/sm2-id-tokens.ts), chosen per system.
alter table business_systems
  add column oidc_id_token_signing text not null default 'RS256' check (oidc_id_token_signing in ('RS256', 'SM2SM3'));
