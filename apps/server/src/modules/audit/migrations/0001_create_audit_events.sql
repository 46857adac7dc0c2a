-- Tamper-evident audit log: each row carries the SM3 hash of its content and of the row before it.
create table audit_events (
  seq bigint primary key,
  id uuid not null unique,
  occurred_at timestamptz not null,
  actor_id uuid,
  actor_name text,
  actor_roles text[] not null default '{}',
  department_id uuid,
  department_name text,
  ip text,
  user_agent text,
  action text not null,
  target_type text,
  target_id text,
  result text not null check (result in ('success', 'failure', 'denied')),
  reason text,
  request_id text not null,
  details jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_events_occurred_at on audit_events (occurred_at);
create index audit_events_actor on audit_events (actor_id, seq);
create index audit_events_department on audit_events (department_id, seq);
create index audit_events_action on audit_events (action, seq);
create index audit_events_target on audit_events (target_type, target_id);

-- Nobody edits the log through the application; a DBA who disables this trigger is caught by the chain.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end $$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();
