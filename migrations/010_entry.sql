-- 办理入口: where the portal's entry button sends the user into a business system, after the
-- entry checks pass. For an OIDC system the URL that starts its sign-in, for a CAS system its
-- service URL. Null while the system has no online entry.
alter table business_systems add column entry_url text;
