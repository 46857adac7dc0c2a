-- Unified identity: departments, natural persons and legal entities, users, their roles and sessions.
create extension if not exists pg_trgm;

create table identity_departments (
  id uuid primary key,
  name text not null,
  credit_code char(18) not null unique,
  -- 6-digit county-or-above or 9-digit town code (GB/T 2260 extended by the NBS town level)
  division_code text not null check (division_code ~ '^[0-9]{6}([0-9]{3})?$'),
  parent_id uuid references identity_departments (id),
  kind text not null check (kind in ('bureau', 'municipal', 'county', 'town', 'other')),
  is_data_bureau boolean not null default false,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index identity_departments_name on identity_departments (division_code, name);
create index identity_departments_parent on identity_departments (parent_id);
create unique index identity_departments_one_bureau on identity_departments (is_data_bureau) where is_data_bureau;

-- 自然人 (GB 11643 citizen ID number) and 法人 (GB 32100 credit code): the subjects citizens and enterprises log in as.
create table identity_persons (
  id uuid primary key,
  id_number char(18) not null unique,
  name text not null,
  gender char(1) not null check (gender in ('1', '2')),
  birth_date date not null,
  division_code char(6) not null,
  phone text,
  address text,
  created_at timestamptz not null default now()
);

create table identity_legal_entities (
  id uuid primary key,
  credit_code char(18) not null unique,
  name text not null,
  entity_type text not null,
  legal_representative text not null,
  division_code char(6) not null,
  established_on date not null,
  address text,
  created_at timestamptz not null default now()
);

create table identity_users (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  kind text not null check (kind in ('staff', 'citizen', 'enterprise')),
  department_id uuid references identity_departments (id),
  person_id uuid references identity_persons (id),
  legal_entity_id uuid references identity_legal_entities (id),
  phone text,
  password_hash text not null,
  status text not null default 'active' check (status in ('active', 'disabled')),
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (kind <> 'staff' or department_id is not null),
  check (kind <> 'citizen' or person_id is not null),
  check (kind <> 'enterprise' or legal_entity_id is not null)
);
create index identity_users_department on identity_users (department_id);
create index identity_users_search on identity_users using gin ((username || ' ' || display_name) gin_trgm_ops);

create table identity_user_roles (
  user_id uuid not null references identity_users (id) on delete cascade,
  role_code text not null,
  primary key (user_id, role_code)
);
create index identity_user_roles_role on identity_user_roles (role_code);

-- Web sessions and machine API tokens. Only the SM3 of the secret is stored. auth_method leaves room for OIDC.
create table identity_sessions (
  id text primary key,
  user_id uuid not null references identity_users (id) on delete cascade,
  kind text not null check (kind in ('web', 'api')),
  auth_method text not null default 'password',
  name text,
  csrf_token text,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index identity_sessions_user on identity_sessions (user_id);
create index identity_sessions_expiry on identity_sessions (expires_at);
