-- 共享交换: settings and deadline rules, share requests (共享申请) with their history, grants (授权) and demands (供需对接).

create table sharing_settings (
  id integer primary key check (id = 1),
  unconditional_mode text not null check (unconditional_mode in ('auto', 'check')),
  max_validity_days integer not null check (max_validity_days between 1 and 3650),
  default_rate_limit_per_minute integer not null check (default_rate_limit_per_minute between 1 and 100000),
  updated_at timestamptz not null default now(),
  updated_by uuid references identity_users (id)
);
insert into sharing_settings (id, unconditional_mode, max_validity_days, default_rate_limit_per_minute) values (1, 'check', 1095, 60);

create table sharing_deadline_rules (
  code text primary key check (code in ('compliance_check', 'provider_review_mounted', 'provider_review_unmounted', 'renewal_review',
    'arbitration', 'demand_route', 'demand_answer')),
  name text not null,
  description text not null,
  working_days integer not null check (working_days between 1 and 365),
  yellow_days integer not null check (yellow_days >= 0 and yellow_days <= working_days),
  enabled boolean not null default true,
  sort_order integer not null
);
insert into sharing_deadline_rules (code, name, description, working_days, yellow_days, sort_order) values
  ('compliance_check', '数据局符合性审查', '数据局自申请提交之日起在规定工作日内完成符合性审查', 2, 1, 1),
  ('provider_review_mounted', '提供方审核（已挂接）', '资源已挂接的，提供部门在规定工作日内答复', 5, 1, 2),
  ('provider_review_unmounted', '提供方审核（未挂接）', '资源尚未挂接的，提供部门在规定工作日内完成挂接并答复', 10, 1, 3),
  ('renewal_review', '续期审核', '提供部门在规定工作日内审核授权续期', 3, 1, 4),
  ('arbitration', '数据局协调', '数据局自申请协调之日起在规定工作日内作出协调决定', 10, 1, 5),
  ('demand_route', '需求分派', '数据局在规定工作日内将共享需求分派至职责部门', 2, 1, 6),
  ('demand_answer', '需求答复', '职责部门在规定工作日内编目或依法答复', 10, 1, 7);

create table sharing_grants (
  id uuid primary key,
  request_id uuid not null,
  entry_id uuid not null references catalog_entries (id),
  entry_code text not null,
  entry_name text not null,
  provider_department_id uuid not null references identity_departments (id),
  consumer_department_id uuid not null references identity_departments (id),
  consumer_system_id uuid not null references catalog_systems (id),
  items text[] not null,
  operations text[] not null,
  allowed_ips text[] not null,
  purpose text not null,
  valid_from date not null,
  valid_until date not null,
  rate_limit_per_minute integer not null,
  daily_quota integer not null,
  require_case_number boolean not null,
  require_operator_id boolean not null,
  status text not null check (status in ('active', 'revoked')),
  revoked_at timestamptz,
  revoked_by uuid references identity_users (id),
  revoke_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sharing_grants_system on sharing_grants (consumer_system_id, entry_id) where status = 'active';
create index sharing_grants_provider on sharing_grants (provider_department_id);
create index sharing_grants_consumer on sharing_grants (consumer_department_id);

create table sharing_requests (
  id uuid primary key,
  kind text not null check (kind in ('new', 'renewal')),
  grant_id uuid references sharing_grants (id),
  entry_id uuid not null references catalog_entries (id),
  entry_code text not null,
  entry_name text not null,
  share_type text not null check (share_type in ('unconditional', 'conditional')),
  mounted boolean not null,
  provider_department_id uuid not null references identity_departments (id),
  provider_department_name text not null,
  requester_department_id uuid not null references identity_departments (id),
  requester_department_name text not null,
  requester_user_id uuid references identity_users (id),
  requester_name text not null,
  items text[] not null,
  item_names text[] not null,
  purpose_type text not null,
  purpose_text text not null,
  legal_basis text not null,
  scenario text not null,
  consumer_system_id uuid not null references catalog_systems (id),
  consumer_system_name text not null,
  allowed_ips text[] not null,
  valid_until date not null,
  expected_daily_volume integer not null,
  operations text[] not null,
  status text not null check (status in ('checking', 'reviewing', 'granted', 'refused', 'arbitrating', 'upheld', 'rejected', 'withdrawn')),
  step_rule text,
  step_started_on date,
  refusal_code text,
  refusal_text text,
  arbitration_reason text,
  decision_note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  decided_at timestamptz
);
create index sharing_requests_requester on sharing_requests (requester_department_id, status);
create index sharing_requests_provider on sharing_requests (provider_department_id, status);
create index sharing_requests_status on sharing_requests (status);
create unique index sharing_requests_open_renewal on sharing_requests (grant_id) where kind = 'renewal' and status in ('reviewing', 'arbitrating');
alter table sharing_grants add constraint sharing_grants_request foreign key (request_id) references sharing_requests (id);

create table sharing_demands (
  id uuid primary key,
  title text not null,
  description text not null,
  items text[] not null,
  purpose text not null,
  legal_basis text not null,
  requester_department_id uuid not null references identity_departments (id),
  requester_department_name text not null,
  requester_user_id uuid references identity_users (id),
  target_department_id uuid references identity_departments (id),
  target_department_name text,
  provider_department_id uuid references identity_departments (id),
  provider_department_name text,
  status text not null check (status in ('submitted', 'assigned', 'catalogued', 'refused', 'closed', 'withdrawn')),
  step_rule text,
  step_started_on date,
  answer_outcome text,
  answer_entry_id uuid references catalog_entries (id),
  answer_entry_name text,
  answer_reason_code text,
  answer_text text,
  satisfied boolean,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sharing_demands_requester on sharing_demands (requester_department_id, status);
create index sharing_demands_provider on sharing_demands (provider_department_id, status);

-- History of requests and demands, for the detail pages (the audit log holds the same events, chained).
create table sharing_events (
  seq bigserial primary key,
  subject_type text not null check (subject_type in ('request', 'demand')),
  subject_id uuid not null,
  at timestamptz not null default now(),
  actor_id uuid references identity_users (id),
  actor_name text not null,
  action text not null,
  from_status text,
  to_status text,
  note text
);
create index sharing_events_subject on sharing_events (subject_id, seq);
