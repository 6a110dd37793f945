-- Each node keeps what a userinfo, introspection or ticket validation reads most (an account's
-- claims, an OIDC grant) in memory (src/platform/change-feed.ts). Every change of what they are
-- made of is announced on the channel cache_invalidation when it commits, whichever program made
-- it: 'claims:<account ids, comma-separated>' or 'claims:*' for many at once, 'grant:<grant id>'.

-- What the claims are made of (src/sso/claims.ts): the account, its verifications, identities and organisation.
create function notify_claims_changed() returns trigger language plpgsql as $$
declare
  ids text;
begin
  select case when count(distinct account_id) > 100 then '*' else string_agg(distinct account_id::text, ',') end
    into ids from changed;
  if ids is not null then
    perform pg_notify('cache_invalidation', 'claims:' || ids);
  end if;
  return null;
end $$;

create trigger verifications_inserted_claims after insert on verifications referencing new table as changed for each statement execute function notify_claims_changed();
create trigger verifications_updated_claims after update on verifications referencing new table as changed for each statement execute function notify_claims_changed();
create trigger verifications_deleted_claims after delete on verifications referencing old table as changed for each statement execute function notify_claims_changed();
create trigger identities_inserted_claims after insert on identities referencing new table as changed for each statement execute function notify_claims_changed();
create trigger identities_updated_claims after update on identities referencing new table as changed for each statement execute function notify_claims_changed();
create trigger identities_deleted_claims after delete on identities referencing old table as changed for each statement execute function notify_claims_changed();
create trigger organizations_inserted_claims after insert on organizations referencing new table as changed for each statement execute function notify_claims_changed();
create trigger organizations_updated_claims after update on organizations referencing new table as changed for each statement execute function notify_claims_changed();
create trigger organizations_deleted_claims after delete on organizations referencing old table as changed for each statement execute function notify_claims_changed();

-- Of an account itself, what the claims read (a password change or a login touches none of it).
create function notify_account_claims_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('cache_invalidation', 'claims:' || old.id::text);
  return null;
end $$;

create trigger accounts_updated_claims after update on accounts for each row
  when (old.disabled is distinct from new.disabled or old.login_name is distinct from new.login_name or old.kind is distinct from new.kind)
  execute function notify_account_claims_changed();
create trigger accounts_deleted_claims after delete on accounts for each row execute function notify_account_claims_changed();

-- A grant saved again (its scopes) or removed (revoked, expired and purged).
create function notify_grant_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('cache_invalidation', 'grant:' || old.id);
  return null;
end $$;

create trigger oidc_grant_changed after update or delete on oidc_payloads for each row
  when (old.model = 'Grant')
  execute function notify_grant_changed();
