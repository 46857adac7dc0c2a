-- 数据质量治理: settings, rectification deadline rules, code tables, rules, runs with per-rule results, issues (问题数据).
-- Entries live in the catalog module: entry ids are kept without a foreign key (module rule); departments are referenced.

create table quality_settings (
  id integer primary key check (id = 1),
  schedule_interval_hours integer not null check (schedule_interval_hours between 1 and 8760),
  weight_high integer not null check (weight_high between 1 and 100),
  weight_medium integer not null check (weight_medium between 1 and 100),
  weight_low integer not null check (weight_low between 1 and 100),
  updated_at timestamptz not null default now(),
  updated_by uuid references identity_users (id)
);
insert into quality_settings (id, schedule_interval_hours, weight_high, weight_medium, weight_low) values (1, 24, 3, 2, 1);

create table quality_deadline_rules (
  code text primary key check (code in ('rectify_high', 'rectify_medium', 'rectify_low', 'explanation_review')),
  name text not null,
  description text not null,
  working_days integer not null check (working_days between 1 and 365),
  yellow_days integer not null check (yellow_days >= 0 and yellow_days <= working_days),
  enabled boolean not null default true,
  sort_order integer not null
);
insert into quality_deadline_rules (code, name, description, working_days, yellow_days, sort_order) values
  ('rectify_high', '整改时限（高）', '严重程度为高的问题数据，提供部门在规定工作日内整改或说明', 5, 1, 1),
  ('rectify_medium', '整改时限（中）', '严重程度为中的问题数据，提供部门在规定工作日内整改或说明', 5, 1, 2),
  ('rectify_low', '整改时限（低）', '严重程度为低的问题数据，提供部门在规定工作日内整改或说明', 5, 1, 3),
  ('explanation_review', '说明审核', '数据局在规定工作日内审核提供部门的说明', 3, 1, 4);

create table quality_code_tables (
  id uuid primary key,
  code text not null unique,
  name text not null,
  description text not null default '',
  builtin boolean not null default false,
  department_id uuid references identity_departments (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table quality_code_values (
  table_id uuid not null references quality_code_tables (id) on delete cascade,
  value text not null,
  label text not null,
  primary key (table_id, value)
);
insert into quality_code_tables (id, code, name, description, builtin) values
  ('00000000-0000-4000-8000-000000002261', 'GB/T 2261.1', '人的性别代码', 'GB/T 2261.1-2003', true),
  ('00000000-0000-4000-8000-000000002260', 'GB/T 2260', '中华人民共和国行政区划代码', 'GB/T 2260（县级）及汕尾市乡级代码，来自 @shuzheng/standards，启动时同步', true);
insert into quality_code_values (table_id, value, label) values
  ('00000000-0000-4000-8000-000000002261', '0', '未知的性别'),
  ('00000000-0000-4000-8000-000000002261', '1', '男性'),
  ('00000000-0000-4000-8000-000000002261', '2', '女性'),
  ('00000000-0000-4000-8000-000000002261', '9', '未说明的性别');

create table quality_rules (
  id uuid primary key,
  entry_id uuid not null,
  entry_name text not null,
  department_id uuid not null references identity_departments (id),
  rule_type text not null check (rule_type in ('not_null', 'unique', 'regex', 'length', 'range', 'code_table', 'id_number', 'credit_code',
    'date_valid', 'reference', 'freshness', 'row_count_change', 'cross_source', 'custom_sql')),
  name text not null,
  item_code_names text[] not null default '{}',
  dimension text not null check (dimension in ('completeness', 'validity', 'consistency', 'uniqueness', 'timeliness')),
  severity text not null check (severity in ('high', 'medium', 'low')),
  params jsonb not null default '{}',
  enabled boolean not null default true,
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index quality_rules_entry on quality_rules (entry_id);

create table quality_runs (
  id uuid primary key,
  entry_id uuid not null,
  entry_name text not null,
  department_id uuid not null references identity_departments (id),
  trigger text not null check (trigger in ('manual', 'ingest', 'schedule')),
  ingest_job_id text,
  status text not null check (status in ('done', 'failed')),
  row_count bigint,
  score numeric(6, 2),
  dimension_scores jsonb not null default '{}',
  error text,
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  created_by uuid references identity_users (id)
);
create index quality_runs_entry on quality_runs (entry_id, started_at desc);
create index quality_runs_department on quality_runs (department_id, started_at desc);

create table quality_run_results (
  run_id uuid not null references quality_runs (id) on delete cascade,
  rule_id uuid not null,
  rule_type text not null,
  rule_name text not null,
  dimension text not null,
  severity text not null,
  checked bigint not null,
  failed bigint not null,
  pass_rate numeric(9, 6),
  sample_keys text[] not null default '{}',
  error text,
  duration_ms integer not null default 0,
  primary key (run_id, rule_id)
);

create table quality_issues (
  id uuid primary key,
  rule_id uuid not null,
  entry_id uuid not null,
  entry_name text not null,
  department_id uuid not null references identity_departments (id),
  rule_name text not null,
  rule_type text not null,
  dimension text not null,
  severity text not null,
  status text not null check (status in ('open', 'explaining', 'closed')),
  resolution text check (resolution in ('fixed', 'explained', 'rule_removed')),
  failed bigint not null,
  checked bigint not null,
  sample_keys text[] not null default '{}',
  first_run_id uuid not null,
  last_run_id uuid not null,
  started_on date not null,
  review_started_on date,
  explanation text,
  escalated boolean not null default false,
  escalated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz
);
create unique index quality_issues_one_open on quality_issues (rule_id) where status <> 'closed';
create index quality_issues_department on quality_issues (department_id, status);

create table quality_issue_events (
  seq bigserial primary key,
  issue_id uuid not null references quality_issues (id) on delete cascade,
  at timestamptz not null default now(),
  actor_name text not null,
  action text not null,
  from_status text,
  to_status text,
  note text
);
create index quality_issue_events_issue on quality_issue_events (issue_id, seq);

-- GB 11643-1999: 17 digits + check character (ISO 7064 MOD 11-2), a plausible birth date (month 01–12, day 01–31, year
-- 1800–2199). Set-based, inlinable SQL (no loop, no exception block).
create function quality_id_number_valid(v text) returns boolean language sql immutable parallel safe as $$
  select v ~ '^[0-9]{17}[0-9Xx]$'
    and substr(v, 7, 2) in ('18', '19', '20', '21')
    and substr(v, 11, 2) between '01' and '12'
    and substr(v, 13, 2) between '01' and '31'
    and substr('10X98765432', ((
        substr(v, 1, 1)::int * 7 + substr(v, 2, 1)::int * 9 + substr(v, 3, 1)::int * 10 + substr(v, 4, 1)::int * 5
      + substr(v, 5, 1)::int * 8 + substr(v, 6, 1)::int * 4 + substr(v, 7, 1)::int * 2 + substr(v, 8, 1)::int * 1
      + substr(v, 9, 1)::int * 6 + substr(v, 10, 1)::int * 3 + substr(v, 11, 1)::int * 7 + substr(v, 12, 1)::int * 9
      + substr(v, 13, 1)::int * 10 + substr(v, 14, 1)::int * 5 + substr(v, 15, 1)::int * 8 + substr(v, 16, 1)::int * 4
      + substr(v, 17, 1)::int * 2) % 11) + 1, 1) = upper(substr(v, 18, 1))
$$;

-- GB 32100-2015: 18 characters of 0-9A-HJ-NPQRTUWXY, check character C18 = 31 − (Σ Ci·Wi mod 31), Wi = 3^(i−1) mod 31.
create function quality_credit_code_valid(v text) returns boolean language sql immutable parallel safe as $$
  select v ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'
    and substr('0123456789ABCDEFGHJKLMNPQRTUWXY', ((31 - ((
        (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 1, 1)) - 1) * 1
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 2, 1)) - 1) * 3
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 3, 1)) - 1) * 9
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 4, 1)) - 1) * 27
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 5, 1)) - 1) * 19
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 6, 1)) - 1) * 26
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 7, 1)) - 1) * 16
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 8, 1)) - 1) * 17
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 9, 1)) - 1) * 20
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 10, 1)) - 1) * 29
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 11, 1)) - 1) * 25
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 12, 1)) - 1) * 13
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 13, 1)) - 1) * 8
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 14, 1)) - 1) * 24
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 15, 1)) - 1) * 10
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 16, 1)) - 1) * 30
      + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, 17, 1)) - 1) * 28) % 31)) % 31) + 1, 1) = substr(v, 18, 1)
$$;

-- A text value as a date when it is a valid YYYY-MM-DD (or YYYYMMDD) calendar date, else null.
create function quality_try_date(v text) returns date language plpgsql immutable parallel safe as $$
begin
  if v is null or v !~ '^[0-9]{4}-?[0-9]{2}-?[0-9]{2}$' then return null; end if;
  return to_date(replace(v, '-', ''), 'YYYYMMDD') + 0 * (case when to_char(to_date(replace(v, '-', ''), 'YYYYMMDD'), 'YYYYMMDD') = replace(v, '-', '') then 1 else null end);
exception when others then
  return null;
end
$$;
