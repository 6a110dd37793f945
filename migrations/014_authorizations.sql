-- 授权 (SPEC §6): an organisation (legal account) lets a verified natural person act for it in
-- the business systems it holds, with roles the system defines. One authorisation per
-- organisation and person; its roles per system in authorization_roles. Revoking deletes it
-- (the history stays in authorization_events).
create table authorizations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references accounts (id) on delete cascade,
  person_id uuid not null references accounts (id) on delete cascade,
  -- 维护法人(单位)信息权限: with a unit administrator role, the person may edit the organisation's information
  maintain_info boolean not null default false,
  -- optional validity period, inclusive, in China time; outside it the authorisation does not count (授权已过期)
  valid_from date,
  valid_to date,
  granted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, person_id)
);
create index authorizations_person on authorizations (person_id);

create table authorization_roles (
  authorization_id uuid not null references authorizations (id) on delete cascade,
  system_id uuid not null references business_systems (id) on delete cascade,
  role_code text not null,
  primary key (authorization_id, system_id, role_code)
);
create index authorization_roles_system on authorization_roles (system_id);

-- Who granted, changed or revoked what, when; shown to the organisation's admin. Append-only.
create table authorization_events (
  id bigserial primary key,
  organization_id uuid not null references accounts (id) on delete cascade,
  person_id uuid not null references accounts (id) on delete cascade,
  action text not null check (action in ('grant', 'change', 'revoke')),
  -- what the authorisation holds after the action (before it, for a revocation): systems with role names, period, maintain_info
  detail jsonb not null,
  actor_account_id uuid,
  actor_name text not null,
  at timestamptz not null default now()
);
create index authorization_events_organization on authorization_events (organization_id, id desc);

create function authorization_events_append_only() returns trigger language plpgsql as $$
begin
  -- Deleting the account cascades; anything else is an attempt to rewrite history.
  if tg_op = 'DELETE' and (not exists (select 1 from accounts where id = old.organization_id)
                          or not exists (select 1 from accounts where id = old.person_id)) then
    return old;
  end if;
  raise exception 'authorization_events is append-only';
end $$;
create trigger authorization_events_append_only before update or delete on authorization_events
  for each row execute function authorization_events_append_only();

-- A natural person enters the system only on behalf of an organisation that authorised them in
-- it (人类遗传资源管理, 外专, 火炬); the business system receives that organisation and the roles.
alter table business_systems add column requires_grant boolean not null default false;
