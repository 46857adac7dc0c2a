-- 存量证照导入: one row per uploaded workbook of stock (paper-era) licenses. The rows are issued in batches of at most
-- 500 (each batch one transaction, sealed with the department's active seal); progress and counts are updated after
-- every batch so GET /licenses/imports/:id can show done/total, rows per second and an ETA.
create table licenses_imports (
  id uuid primary key,
  type_id uuid not null references licenses_types (id),
  type_code text not null,
  type_name text not null,
  department_id uuid not null references identity_departments (id),
  created_by uuid references identity_users (id),
  created_by_name text,
  file_name text not null,
  -- queued → running → succeeded | failed (failed: the import stopped, e.g. no active seal; rows issued before stay)
  status text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
  total_rows integer not null check (total_rows >= 0),
  done_rows integer not null default 0,
  issued_rows integer not null default 0,
  rejected_rows integer not null default 0,
  -- the template's column headers as uploaded, so the rejected-rows workbook repeats them
  columns jsonb not null,
  -- [{ row, problems[], cells[] }] in row order, at most the first 10,000 rejected rows (rejected_rows counts all)
  rejected jsonb not null default '[]'::jsonb,
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index licenses_imports_department on licenses_imports (department_id, created_at desc);
