-- Each node keeps what a userinfo or introspection reads (an account's claims, an OIDC grant, the
-- organisation it acts for, a provider session) in memory (src/platform/change-feed.ts). Every
-- change of what they are made of is announced on the channel cache_invalidation when it commits,
-- whichever program made it: 'claims:<account ids, comma-separated>' ('claims:*' for many at once),
-- 'grant:<grant id>', 'session:<session uid>'.

-- The accounts whose claims read the rows `changed` (the trigger's transition table), found
-- through the column named by the first argument; with a second argument 'delegates', also the
-- people an organisation among them has authorised (授权): their claims say whom they act for.
create function notify_claims_changed() returns trigger language plpgsql as $$
declare
  ids text[];
begin
  execute format('select array_agg(distinct %I::text) from changed', tg_argv[0]) into ids;
  if ids is null then
    return null;
  end if;
  if tg_nargs > 1 and tg_argv[1] = 'delegates' then
    ids := ids || array(select distinct person_id::text from authorizations where organization_id = any (ids::uuid[]));
  end if;
  perform pg_notify('cache_invalidation', 'claims:' || case when cardinality(ids) > 100 then '*' else array_to_string(ids, ',') end);
  return null;
end $$;

create trigger verifications_inserted_claims after insert on verifications referencing new table as changed for each statement execute function notify_claims_changed('account_id');
create trigger verifications_updated_claims after update on verifications referencing new table as changed for each statement execute function notify_claims_changed('account_id');
create trigger verifications_deleted_claims after delete on verifications referencing old table as changed for each statement execute function notify_claims_changed('account_id');
create trigger identities_inserted_claims after insert on identities referencing new table as changed for each statement execute function notify_claims_changed('account_id');
create trigger identities_updated_claims after update on identities referencing new table as changed for each statement execute function notify_claims_changed('account_id');
create trigger identities_deleted_claims after delete on identities referencing old table as changed for each statement execute function notify_claims_changed('account_id');
create trigger organizations_inserted_claims after insert on organizations referencing new table as changed for each statement execute function notify_claims_changed('account_id', 'delegates');
create trigger organizations_updated_claims after update on organizations referencing new table as changed for each statement execute function notify_claims_changed('account_id', 'delegates');
create trigger organizations_deleted_claims after delete on organizations referencing old table as changed for each statement execute function notify_claims_changed('account_id', 'delegates');
create trigger authorizations_inserted_claims after insert on authorizations referencing new table as changed for each statement execute function notify_claims_changed('person_id');
create trigger authorizations_updated_claims after update on authorizations referencing new table as changed for each statement execute function notify_claims_changed('person_id');
create trigger authorizations_deleted_claims after delete on authorizations referencing old table as changed for each statement execute function notify_claims_changed('person_id');

-- The roles of an authorisation: its person's claims.
create function notify_authorization_roles_changed() returns trigger language plpgsql as $$
declare
  ids text[];
begin
  select array_agg(distinct a.person_id::text) into ids from changed c join authorizations a on a.id = c.authorization_id;
  if ids is not null then
    perform pg_notify('cache_invalidation', 'claims:' || case when cardinality(ids) > 100 then '*' else array_to_string(ids, ',') end);
  end if;
  return null;
end $$;

create trigger authorization_roles_inserted_claims after insert on authorization_roles referencing new table as changed for each statement execute function notify_authorization_roles_changed();
create trigger authorization_roles_deleted_claims after delete on authorization_roles referencing old table as changed for each statement execute function notify_authorization_roles_changed();

-- Of an account itself, what the claims read (a password change or a login touches none of it);
-- an organisation's account also speaks for the people it authorised.
create function notify_account_claims_changed() returns trigger language plpgsql as $$
declare
  ids text[] := array[old.id::text] || array(select person_id::text from authorizations where organization_id = old.id);
begin
  perform pg_notify('cache_invalidation', 'claims:' || case when cardinality(ids) > 100 then '*' else array_to_string(ids, ',') end);
  return null;
end $$;

create trigger accounts_updated_claims after update on accounts for each row
  when (old.disabled is distinct from new.disabled or old.login_name is distinct from new.login_name or old.kind is distinct from new.kind)
  execute function notify_account_claims_changed();
create trigger accounts_deleted_claims after delete on accounts for each row execute function notify_account_claims_changed();

-- A business system's roles name what its people act as: everyone's claims.
create function notify_all_claims_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('cache_invalidation', 'claims:*');
  return null;
end $$;

create trigger business_systems_changed_claims after update or delete on business_systems for each statement execute function notify_all_claims_changed();

-- A grant or the organisation it acts for changed or removed (revoked, expired and purged); a
-- provider session removed (ended, expired) or changed in what an access token's check reads
-- (its account, the grant of each client): oidc-provider saves the session at every sign-in to
-- slide its expiry, which is no change here (the cache reads a session afresh once its cached
-- expiry passes: store-split.ts).
create function notify_oidc_artefact_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('cache_invalidation', case old.model when 'Session' then 'session:' || old.uid else 'grant:' || old.id end);
  return null;
end $$;

create trigger oidc_artefact_changed after update on oidc_payloads for each row
  when ((old.model in ('Grant', 'GrantActing') and old.payload is distinct from new.payload)
     or (old.model = 'Session' and old.uid is not null
         and (old.payload -> 'accountId' is distinct from new.payload -> 'accountId'
              or old.payload -> 'authorizations' is distinct from new.payload -> 'authorizations'
              or old.uid is distinct from new.uid)))
  execute function notify_oidc_artefact_changed();
create trigger oidc_artefact_removed after delete on oidc_payloads for each row
  when (old.model in ('Grant', 'GrantActing') or (old.model = 'Session' and old.uid is not null))
  execute function notify_oidc_artefact_changed();
