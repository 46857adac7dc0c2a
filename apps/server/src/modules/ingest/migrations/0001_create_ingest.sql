-- 归集 (ingest): uploaded files, job definitions (source + mapping + mode, optionally scheduled), jobs with progress
-- and counts, and the rejected rows of each job with their reasons. The data itself lands in department data tables
-- (kernel/data-tables.ts), never here.

create table ingest_uploads (
  id uuid primary key,
  department_id uuid references identity_departments (id),
  file_name text not null,
  file_path text not null,
  file_size bigint not null,
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now()
);

create table ingest_definitions (
  id uuid primary key,
  entry_id uuid not null,
  department_id uuid not null references identity_departments (id),
  name text not null,
  -- source: { kind: 'file' | 'postgres' | 'http', … } including secrets (never returned by the API)
  source jsonb not null,
  mapping jsonb not null,
  key_columns text[] not null default '{}',
  mode text not null check (mode in ('full', 'upsert')),
  options jsonb not null default '{}',
  schedule_kind text check (schedule_kind in ('entry_frequency', 'interval')),
  schedule_minutes integer,
  next_run_at timestamptz,
  enabled boolean not null default true,
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index ingest_definitions_entry on ingest_definitions (entry_id);
create index ingest_definitions_due on ingest_definitions (next_run_at) where enabled and schedule_kind is not null;

create table ingest_jobs (
  id uuid primary key,
  definition_id uuid references ingest_definitions (id) on delete set null,
  entry_id uuid not null,
  department_id uuid not null references identity_departments (id),
  name text not null,
  source jsonb not null,
  source_kind text not null check (source_kind in ('file', 'postgres', 'http')),
  source_description text not null,
  mapping jsonb not null,
  key_columns text[] not null default '{}',
  mode text not null check (mode in ('full', 'upsert')),
  options jsonb not null default '{}',
  schema_name text not null,
  table_name text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  trigger text not null default 'manual' check (trigger in ('manual', 'schedule')),
  cancel_requested boolean not null default false,
  rows_read bigint not null default 0,
  rows_inserted bigint not null default 0,
  rows_updated bigint not null default 0,
  rows_deleted bigint not null default 0,
  rows_rejected bigint not null default 0,
  rows_total bigint,
  bytes_read bigint not null default 0,
  bytes_total bigint,
  pages_read integer not null default 0,
  progress_percent double precision,
  rows_per_second double precision,
  eta_seconds double precision,
  error text,
  created_by uuid references identity_users (id),
  created_by_name text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index ingest_jobs_entry on ingest_jobs (entry_id, created_at desc);
create index ingest_jobs_department on ingest_jobs (department_id, created_at desc);
create index ingest_jobs_status on ingest_jobs (status, created_at desc);

create table ingest_rejects (
  job_id uuid not null references ingest_jobs (id) on delete cascade,
  row_no bigint not null,
  reasons jsonb not null,
  data jsonb not null,
  primary key (job_id, row_no)
);
