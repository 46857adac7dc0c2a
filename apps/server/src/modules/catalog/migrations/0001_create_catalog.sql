-- 政务数据目录“一本账”: information systems, catalog entries (working copies) with their data items, published
-- versions, reviews, resource codes, mounts, deadline rules and the search projection of published entries.

-- 目: each provider department's 3-digit catalog number, allocated once.
create table catalog_department_numbers (
  department_id uuid primary key references identity_departments (id),
  number integer not null unique check (number between 1 and 999),
  allocated_at timestamptz not null default now()
);

-- 顺序码 counters per 类+项+目 prefix; values are only ever taken, never given back.
create table catalog_code_sequences (
  prefix text primary key,
  last_value integer not null
);

-- 政务信息系统: the business systems that produce the resources (“数据—系统”).
create table catalog_systems (
  id uuid primary key,
  department_id uuid not null references identity_departments (id),
  name text not null,
  purpose text not null default '',
  deployment text not null check (deployment in ('gov_cloud', 'self_hosted')),
  network text not null check (network in ('extranet', 'internet', 'private')),
  status text not null check (status in ('building', 'running', 'retired')),
  contact_name text,
  contact_phone text,
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index catalog_systems_name on catalog_systems (department_id, name);

-- Catalog entries: the working copy the department edits; published versions are snapshots in catalog_versions.
create sequence catalog_cascade_seq;
create table catalog_entries (
  id uuid primary key,
  code text not null unique,
  origin text not null default 'local' check (origin in ('local', 'provincial')),
  department_id uuid references identity_departments (id),
  provider_name text not null,
  provider_code text not null,
  status text not null check (status in ('draft', 'submitted', 'returned', 'published', 'change_submitted',
    'change_returned', 'withdrawal_submitted', 'withdrawn')),
  category text not null check (category in ('basic', 'theme', 'department')),
  subcategory char(2) not null,
  name text not null,
  summary text not null default '',
  keywords text[] not null default '{}',
  system_id uuid references catalog_systems (id),
  format_class text,
  format_type text,
  share_type text,
  share_condition text,
  share_method text,
  share_channels text[] not null default '{}',
  share_other_method text,
  no_share_basis_type text,
  no_share_basis_text text,
  open_type text,
  open_condition text,
  update_frequency text,
  grade text,
  sensitivity_level smallint,
  classified boolean not null default false,
  related_codes text[] not null default '{}',
  duty_text text,
  duty_list_ref text,
  identified_on date,
  duty_changed_on date,
  record_count bigint,
  storage_mb numeric(16, 2),
  contact_name text,
  contact_phone text,
  contact_email text,
  current_version integer,
  published_on date,
  last_published_at timestamptz,
  submitted_at timestamptz,
  withdrawal_reason text,
  report_status text not null default 'not_reported' check (report_status in ('not_reported', 'reported', 'synced', 'rejected')),
  report_note text,
  reported_at timestamptz,
  cascade_seq bigint,
  last_check jsonb,
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((origin = 'local') = (department_id is not null))
);
create index catalog_entries_department on catalog_entries (department_id, status);
create index catalog_entries_status on catalog_entries (status);
create index catalog_entries_cascade on catalog_entries (cascade_seq) where cascade_seq is not null;

-- 信息资源代码: every code ever allocated; a retired code stays here so it is never handed out again.
create table catalog_codes (
  code text primary key,
  entry_id uuid references catalog_entries (id) on delete set null,
  status text not null check (status in ('active', 'retired')),
  allocated_at timestamptz not null default now(),
  retired_at timestamptz,
  retired_reason text
);

-- 信息项 of the working copy, in order.
create table catalog_items (
  id uuid primary key,
  entry_id uuid not null references catalog_entries (id) on delete cascade,
  position integer not null,
  name text not null,
  code_name text not null,
  data_type text,
  length integer,
  description text,
  code_table text,
  share_type text,
  open_type text,
  sensitivity text not null default 'none' check (sensitivity in ('none', 'personal', 'sensitive_personal')),
  authoritative boolean not null default false,
  unique (entry_id, position)
);

-- Every published version, as the full JSON snapshot that was approved; never changed.
create table catalog_versions (
  entry_id uuid not null references catalog_entries (id),
  version integer not null,
  snapshot jsonb not null,
  published_at timestamptz not null,
  published_by uuid references identity_users (id),
  published_by_name text,
  review_id uuid,
  primary key (entry_id, version)
);

-- 审核: one row per decision of the data bureau.
create table catalog_reviews (
  id uuid primary key,
  entry_id uuid not null references catalog_entries (id) on delete cascade,
  kind text not null check (kind in ('publish', 'change', 'withdrawal')),
  decision text not null check (decision in ('approved', 'returned')),
  comment text,
  reasons jsonb not null default '[]',
  reviewer_id uuid references identity_users (id),
  reviewer_name text,
  decided_at timestamptz not null default now(),
  version integer
);
create index catalog_reviews_entry on catalog_reviews (entry_id, decided_at desc);

-- 资源挂接: a table, an API or an uploaded file linked to an entry (“目录—数据”).
create table catalog_mounts (
  id uuid primary key,
  entry_id uuid not null references catalog_entries (id) on delete cascade,
  kind text not null check (kind in ('table', 'api', 'file')),
  status text not null check (status in ('registered', 'available', 'invalid', 'disabled')),
  status_note text,
  table_spec jsonb,
  api_spec jsonb,
  file_name text,
  file_size bigint,
  file_sm3 char(64),
  file_content_type text,
  file_content bytea,
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index catalog_mounts_entry on catalog_mounts (entry_id);

-- Deadline rules in working days, editable by the data bureau.
create table catalog_deadline_rules (
  code text primary key check (code in ('register_new', 'update_after_duty_change', 'bureau_review')),
  name text not null,
  description text not null,
  working_days integer not null check (working_days between 1 and 365),
  yellow_days integer not null check (yellow_days >= 0 and yellow_days <= working_days),
  enabled boolean not null default true,
  sort_order integer not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references identity_users (id),
  updated_by_name text
);
insert into catalog_deadline_rules (code, name, description, working_days, yellow_days, sort_order) values
  ('register_new', '新增资源编目', '新确认的政务数据资源须自确认之日起在规定工作日内完成编目并提交发布', 20, 5, 1),
  ('update_after_duty_change', '职责变更后更新目录', '部门职责（三定）变更后，须在规定工作日内更新目录并提交变更', 20, 5, 2),
  ('bureau_review', '数据局审核', '数据局须自部门提交之日起在规定工作日内完成审核', 5, 1, 3);

-- Search projection: published entries only (refreshed on publish, withdrawal and mount changes).
create table catalog_search (
  entry_id uuid primary key references catalog_entries (id) on delete cascade,
  code text not null,
  name text not null,
  summary text not null,
  keywords text[] not null,
  item_names text[] not null,
  doc text not null,
  department_id uuid references identity_departments (id),
  department_key text not null,
  department_name text not null,
  origin text not null,
  category text not null,
  subcategory char(2) not null,
  share_type text,
  open_type text,
  format_class text,
  update_frequency text,
  grade text,
  mounted boolean not null,
  version integer not null,
  published_on date,
  last_published_at timestamptz not null,
  item_count integer not null,
  quality_score integer not null,
  quality jsonb not null
);
create index catalog_search_doc_trgm on catalog_search using gin (doc gin_trgm_ops);
create index catalog_search_name_trgm on catalog_search using gin (name gin_trgm_ops);
create index catalog_search_published on catalog_search (last_published_at desc);
create index catalog_search_department on catalog_search (department_key);

-- Data items of published entries, for 一数一源 and duplicate-collection checks across departments.
create table catalog_search_items (
  entry_id uuid not null references catalog_search (entry_id) on delete cascade,
  name text not null,
  code_name text not null,
  authoritative boolean not null
);
create index catalog_search_items_name on catalog_search_items (name);
create index catalog_search_items_code on catalog_search_items (code_name);
