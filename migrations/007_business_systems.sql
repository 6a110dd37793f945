-- 业务系统: the relying parties that trust the platform's sign-on (OIDC clients and/or CAS services),
-- who may enter them and what they require first. Registered by operators in the back office.
create table business_systems (
  id uuid primary key default gen_random_uuid(),
  -- stable short key used in URLs and demo data, e.g. 'hgr' for 人类遗传资源管理
  key text not null unique,
  name text not null,
  department text not null default '',
  -- who may enter: natural persons, legal persons, or both
  audience text not null check (audience in ('natural', 'legal', 'both')),
  requires_verification boolean not null default true,
  -- extra entry requirements, e.g. {"organization_basic_complete","organization_other_complete","primary_agent_verified"}
  requirements text[] not null default '{}',
  -- an organisation holds the system only after the system approves it (foreign experts)
  requires_approval boolean not null default false,
  -- roles the system defines: [{"code":"item_handler","name":"事项办理员"}, ...]
  roles jsonb not null default '[]',
  -- OpenID Connect client (null when the system uses CAS only)
  oidc_client_id text unique,
  oidc_client_secret_enc text,
  oidc_redirect_uris text[] not null default '{}',
  oidc_post_logout_redirect_uris text[] not null default '{}',
  oidc_backchannel_logout_uri text,
  -- CAS service URL pattern (a prefix, e.g. https://cas-demo.example.cn/), null when OIDC only
  cas_service_prefix text,
  -- whether the system may receive the user's mobile number
  mobile_allowed boolean not null default false,
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);

-- An organisation holds a system after its first successful entry (or the system's approval):
-- authorisation (授权) can only grant roles in systems the organisation holds (FAQ 10.4).
create table organization_systems (
  account_id uuid not null references accounts (id) on delete cascade,
  system_id uuid not null references business_systems (id) on delete cascade,
  held_since timestamptz not null default now(),
  how text not null check (how in ('first_entry', 'approved')),
  primary key (account_id, system_id)
);
