-- CAS single logout (CAS 3.0 §2.3.3): the service tickets issued in each platform session, so
-- that logging out can send every service a LogoutRequest naming the ticket it received.
-- Not a foreign key to sessions: /api/logout may delete the session before the logout
-- requests go out; rows of sessions that are gone are purged in the background.
-- (Live tickets themselves are single-use entries of the kv store, keyed by their hash.)
create table cas_session_tickets (
  ticket text primary key,
  session_id_hash text not null,
  service text not null,
  system_id uuid not null references business_systems (id) on delete cascade,
  issued_at timestamptz not null default now()
);
create index cas_session_tickets_session on cas_session_tickets (session_id_hash);
