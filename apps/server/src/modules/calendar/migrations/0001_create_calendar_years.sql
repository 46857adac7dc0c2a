-- Official holiday schedules (国务院办公厅节假日安排) per year, extended by admins for new years and local extra days.
create table calendar_years (
  year integer primary key check (year between 1990 and 2200),
  holidays date[] not null,
  workdays date[] not null,
  source text not null check (source in ('official', 'local')),
  note text,
  updated_by uuid,
  updated_at timestamptz not null default now()
);
