-- The provider finds sessions by uid (every token bound to its session is checked against it,
-- and a code or refresh token is read together with its session: src/sso/oidc/store.ts). Its
-- lookups always name the model: one index on both answers them directly, where the index on
-- uid alone was combined with the index of sessions by account.
create index oidc_payloads_model_uid on oidc_payloads (model, uid) where uid is not null;
drop index oidc_payloads_uid;
