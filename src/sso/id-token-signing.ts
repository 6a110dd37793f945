/**
 * How a business system's ID tokens are signed: RS256 by oidc-provider (the default), or SM2 with
 * SM3 (SM2SM3, signed again by src/sso/oidc/sm2-id-tokens.ts). A module of its own, without
 * imports, because the back-office form's schema (and so the web bundle) uses it.
 */
export const ID_TOKEN_SIGNINGS = ['RS256', 'SM2SM3'] as const;
export type IdTokenSigning = (typeof ID_TOKEN_SIGNINGS)[number];
