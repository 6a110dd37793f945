-- 实名认证: one row per account and subject (natural_person | organization | primary_agent).
-- generation counts saves of key fields, so an answer about older data is never recorded
-- over newer data. Pending rows (registry unavailable) are retried when next_attempt_at is
-- due, claimed by any node with FOR UPDATE SKIP LOCKED.
create table verifications (
  account_id uuid not null references accounts (id) on delete cascade,
  subject text not null check (subject in ('natural_person', 'organization', 'primary_agent')),
  status text not null check (status in ('incomplete', 'registry_verified', 'failed', 'under_review', 'manually_approved', 'review_rejected', 'pending')),
  method text check (method in ('registry', 'manual')),
  reason text,
  reason_detail text,
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  generation integer not null default 1,
  -- Set only while a natural person is verified: one document backs one verified account (SPEC §3).
  verified_document_hash text,
  updated_at timestamptz not null default now(),
  primary key (account_id, subject)
);
create unique index verifications_verified_document on verifications (verified_document_hash) where verified_document_hash is not null;
create index verifications_due on verifications (next_attempt_at) where status = 'pending';
