-- 异议核实 (data disputes, DB3208/T 219-2024 style): deadline rules, disputes with their history, evidence files,
-- open 存疑 marks per (entry, record key, data item), and the raisers' notifications.

create table disputes_rules (
  code text primary key check (code in ('accept', 'verify')),
  name text not null,
  description text not null,
  working_days integer not null check (working_days between 1 and 365),
  yellow_days integer not null check (yellow_days >= 0 and yellow_days <= working_days),
  enabled boolean not null default true,
  sort_order integer not null
);
insert into disputes_rules (code, name, description, working_days, yellow_days, sort_order) values
  ('accept', '数据局受理', '数据局自异议提出之日起在规定工作日内受理并转交提供部门，或不予受理', 2, 1, 1),
  ('verify', '提供部门核实', '提供部门自受理之日起在规定工作日内核实并更正或说明理由', 5, 1, 2);

create table disputes_disputes (
  id uuid primary key,
  entry_id uuid not null,
  entry_name text not null,
  record_key text not null,
  key_item text not null,
  items text[] not null,
  item_names text[] not null,
  seen_values jsonb not null,
  current_values jsonb not null,
  expected_values jsonb not null,
  corrected_values jsonb,
  reason text not null,
  raiser_user_id uuid references identity_users (id),
  raiser_name text not null,
  raiser_department_id uuid not null references identity_departments (id),
  raiser_department_name text not null,
  provider_department_id uuid not null references identity_departments (id),
  provider_department_name text not null,
  status text not null check (status in ('submitted', 'verifying', 'corrected', 'refuted', 'invalid', 'withdrawn')),
  step_rule text,
  step_started_on date,
  step_due_on date,
  decision_note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  accepted_at timestamptz,
  closed_at timestamptz
);
create index disputes_disputes_raiser on disputes_disputes (raiser_department_id, status);
create index disputes_disputes_provider on disputes_disputes (provider_department_id, status);
create index disputes_disputes_status on disputes_disputes (status, step_due_on);
create index disputes_disputes_record on disputes_disputes (entry_id, record_key);

-- Open 存疑 marks: one row per disputed item of an accepted, not yet closed dispute.
create table disputes_marks (
  dispute_id uuid not null references disputes_disputes (id),
  item_code text not null,
  entry_id uuid not null,
  record_key text not null,
  marked_at timestamptz not null default now(),
  primary key (dispute_id, item_code)
);
create index disputes_marks_record on disputes_marks (entry_id, record_key);

create table disputes_evidence (
  id uuid primary key,
  dispute_id uuid not null references disputes_disputes (id),
  file_name text not null,
  content_type text not null,
  size integer not null check (size between 1 and 10485760),
  sm3 text not null,
  content bytea not null,
  uploaded_by uuid references identity_users (id),
  uploader_name text not null,
  created_at timestamptz not null default now()
);
create index disputes_evidence_dispute on disputes_evidence (dispute_id, created_at);

create table disputes_events (
  seq bigserial primary key,
  dispute_id uuid not null references disputes_disputes (id),
  at timestamptz not null default now(),
  actor_id uuid references identity_users (id),
  actor_name text not null,
  action text not null,
  from_status text,
  to_status text,
  note text
);
create index disputes_events_dispute on disputes_events (dispute_id, seq);

create table disputes_notifications (
  id uuid primary key,
  user_id uuid not null references identity_users (id),
  dispute_id uuid not null references disputes_disputes (id),
  title text not null,
  body text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index disputes_notifications_user on disputes_notifications (user_id, created_at desc);
