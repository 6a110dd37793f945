-- Uploaded files (signed document scans): the bytes live encrypted in object storage under
-- storage_key; this row says whose they are and for what. For a verification subject the
-- current file of a slot is the latest row of the subject's current generation, so saving
-- key fields during review asks for new uploads (SPEC §3).
create table uploads (
  id uuid primary key default gen_random_uuid(),
  account_id uuid references accounts (id) on delete cascade,
  subject text,
  slot text not null,
  generation integer,
  storage_key text not null unique,
  media_type text not null check (media_type in ('image/jpeg', 'image/png')),
  size integer not null,
  sha256 text not null,
  created_at timestamptz not null default now()
);
create index uploads_owner on uploads (account_id, subject, slot, created_at desc);

-- 人工审核: one row per submission of materials. At most one open review per subject.
create table reviews (
  id bigserial primary key,
  kind text not null check (kind in ('realname')),
  account_id uuid references accounts (id) on delete cascade,
  subject text check (subject in ('natural_person', 'organization', 'primary_agent')),
  generation integer,
  status text not null check (status in ('open', 'approved', 'rejected', 'superseded')),
  -- [{slot, uploadId}] as submitted
  files jsonb not null default '[]',
  submitted_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by uuid references staff (id),
  reason text
);
create index reviews_queue on reviews (status, submitted_at);
create unique index reviews_one_open on reviews (account_id, subject) where status = 'open';

create table staff_sessions (
  id_hash text primary key,
  staff_id uuid not null references staff (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  absolute_expires_at timestamptz not null
);

-- Every staff action (SPEC §9). Append-only: the trigger below refuses updates and deletes.
create table audit_log (
  id bigserial primary key,
  staff_id uuid references staff (id),
  staff_login_name text not null,
  action text not null,
  target_type text,
  target_id text,
  detail jsonb not null default '{}',
  ip text,
  created_at timestamptz not null default now()
);
create index audit_log_time on audit_log (created_at desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only();
