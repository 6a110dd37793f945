-- CAS attribute names (issue 15): attributes are now sent in lower camelCase (accountId,
-- loginName, ...) because mod_auth_cas passes them as CAS-<name> request headers and Apache 2.4
-- drops every header whose name holds an underscore. A system switched on here also receives the
-- old snake_case names (account_id, login_name, ...) as aliases, for one release only.
alter table business_systems add column cas_legacy_attribute_names boolean not null default false;
