-- 国家政务服务平台账号登录: a natural-person account linked to a subject of the upstream
-- national identity provider. Linked only through a verified identity document (SPEC §11.13);
-- the document it was linked on is kept as its keyed lookup hash only, so a changed upstream
-- document is noticed without storing the number again.
create table national_links (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  issuer text not null,
  subject text not null,
  document_hash text not null,
  linked_at timestamptz not null default now(),
  last_used_at timestamptz,
  unique (issuer, subject),
  unique (account_id, issuer)
);

-- A person registered through the national platform keeps its verification: recorded as
-- verified (国家平台实名认证通过) with its own method, 'national'.
alter table verifications drop constraint if exists verifications_method_check;
alter table verifications add constraint verifications_method_check check (method in ('registry', 'manual', 'national'));
