-- Background work and deadline timers for every module (kernel job runner).
create table kernel_jobs (
  id bigint generated always as identity primary key,
  kind text not null,
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  -- One pending or running job per key: recurring jobs and idempotent timers use it.
  dedupe_key text,
  last_error text,
  locked_by text,
  locked_at timestamptz,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index kernel_jobs_due on kernel_jobs (run_at) where status = 'pending';
create unique index kernel_jobs_dedupe on kernel_jobs (dedupe_key) where dedupe_key is not null and status in ('pending', 'running');
