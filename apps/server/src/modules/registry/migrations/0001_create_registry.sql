-- Base registries (人口库 / 法人库): golden records built from the department data tables mounted on published
-- catalog entries, build history with progress, per-registry source precedence, and pairwise comparison counts.

create table registry_settings (
  registry text primary key check (registry in ('person', 'entity')),
  precedence uuid[] not null default '{}',
  updated_at timestamptz not null default now(),
  updated_by uuid references identity_users (id),
  updated_by_name text
);
insert into registry_settings (registry) values ('person'), ('entity');

create table registry_builds (
  id uuid primary key,
  registry text not null check (registry in ('person', 'entity')),
  status text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
  trigger text not null check (trigger in ('manual', 'schedule', 'seed')),
  step integer not null default 0,
  total_steps integer not null default 0,
  step_label text,
  sources jsonb not null default '[]',
  subjects bigint,
  conflicts bigint,
  error text,
  requested_by uuid references identity_users (id),
  requested_by_name text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index registry_builds_recent on registry_builds (registry, created_at desc);

-- Long-format staging of one build: one row per subject, data item and source (deleted when the build ends).
create table registry_stage (
  build_id uuid not null,
  subject_key text not null,
  item text not null,
  entry_id uuid not null,
  department_id uuid not null,
  value text not null,
  norm text not null,
  updated_at timestamptz not null,
  rank integer not null
);
create index registry_stage_build on registry_stage (build_id, subject_key, item);

-- The golden record per subject: golden = { item: { value, entryId, departmentId, basis, updatedAt } },
-- others = { item: [ { value, entryId, departmentId, updatedAt } ] } for sources whose value differs from the golden one.
create table registry_records (
  registry text not null,
  subject_key text not null,
  golden jsonb not null,
  others jsonb not null default '{}',
  source_count integer not null,
  conflict_count integer not null default 0,
  build_id uuid not null,
  built_at timestamptz not null,
  primary key (registry, subject_key)
);

-- Pairwise comparison counts of the last successful build (多源比对): per data item and pair of source entries.
create table registry_comparisons (
  registry text not null,
  build_id uuid not null,
  item text not null,
  entry_a uuid not null,
  entry_b uuid not null,
  department_a uuid not null,
  department_b uuid not null,
  compared bigint not null,
  disagreed bigint not null,
  primary key (registry, item, entry_a, entry_b)
);
