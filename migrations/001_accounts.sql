-- Accounts of both kinds. Login names are unique case-insensitively across kinds.
create table accounts (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('natural', 'legal')),
  login_name text not null,
  login_name_key text not null unique,
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  must_change_password boolean not null default false,
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

-- A natural person, an organisation's legal representative and its primary agent are
-- the same shape of identity; role tells which. Phones and document numbers are stored
-- encrypted (*_enc) with a keyed hash (*_hash) for lookups and uniqueness.
create table identities (
  account_id uuid not null references accounts (id) on delete cascade,
  role text not null check (role in ('natural_person', 'legal_representative', 'primary_agent')),
  name text not null default '',
  mobile_enc text,
  mobile_hash text,
  region text,
  document_type text,
  document_number_enc text,
  document_hash text,
  document_valid_from date,
  document_valid_to date,
  document_long_term boolean not null default false,
  details jsonb not null default '{}',
  updated_at timestamptz not null default now(),
  primary key (account_id, role)
);
create index identities_document_hash on identities (document_hash);
create index identities_mobile_hash on identities (mobile_hash);

create table organizations (
  account_id uuid primary key references accounts (id) on delete cascade,
  name text not null,
  name_key text not null unique,
  region text not null,
  legal_person_type text not null,
  code text,
  code_key text unique,
  basic jsonb not null default '{}',
  other jsonb not null default '{}',
  updated_at timestamptz not null default now()
);

-- 信息更新记录: who changed which fields of which section, old and new values (masked where personal).
create table update_records (
  id bigserial primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  section text not null,
  actor_account_id uuid,
  actor_name text not null,
  changes jsonb not null,
  created_at timestamptz not null default now()
);
create index update_records_account on update_records (account_id, id desc);

create table sessions (
  id_hash text primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  password_change_required boolean not null default false,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_account on sessions (account_id);

-- Short-lived shared state (captcha answers, SMS codes, rate-limit counters) on a single node.
create table kv (
  key text primary key,
  value text not null,
  expires_at timestamptz not null
);
create index kv_expires on kv (expires_at);

-- Development SMS outbox (/dev/outbox); production sends through the gateway instead.
create table sms_outbox (
  id bigserial primary key,
  phone text not null,
  text text not null,
  sent_at timestamptz not null default now()
);

create table staff (
  id uuid primary key default gen_random_uuid(),
  login_name text not null unique,
  name text not null,
  password_hash text not null,
  totp_secret_enc text not null,
  roles text[] not null,
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);
