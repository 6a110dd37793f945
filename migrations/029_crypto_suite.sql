-- The cipher suite personal data at rest is kept in (CRYPTO_SUITE, issue 20): international
-- (AES-256-GCM, HMAC-SHA-256) or national (SM4-CTR + HMAC-SM3, HMAC-SM3). One row, recorded at
-- the first start; a node configured otherwise refuses to start (src/crypto/suite-record.ts).
-- switching_to: set while `npm run crypto-suite -- <suite>` re-encrypts; no node starts meanwhile.
create table crypto_suite (
  singleton boolean primary key default true check (singleton),
  suite text not null check (suite in ('international', 'national')),
  switching_to text check (switching_to in ('international', 'national')),
  recorded_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A database that already holds personal data holds it in the only suite there was.
insert into crypto_suite (suite)
select 'international'
where exists (select 1 from identities) or exists (select 1 from staff) or exists (select 1 from appeals)
   or exists (select 1 from uploads) or exists (select 1 from business_systems) or exists (select 1 from oidc_keys);
