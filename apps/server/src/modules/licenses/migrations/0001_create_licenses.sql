-- 电子证照: license types (证照目录), the platform's keys, electronic seals (电子印章, GB/T 38540), licenses with
-- their SES_Signature, serial counters, trusted issuers for mutual recognition (互认) and the use log (用证记录).
-- Private keys are stored only SM4-encrypted under the platform master key (LICENSE_MASTER_KEY).

-- 证照目录: one row per license type. fields / validity / face_template are JSON documents (see license-model.ts).
create table licenses_types (
  id uuid primary key,
  code text not null unique check (code ~ '^[0-9A-Z]{18}[0-9]{3}$'),
  name text not null unique,
  level text not null check (level in ('national', 'provincial', 'city', 'county', 'town')),
  holder_type text not null check (holder_type in ('citizen', 'entity')),
  fields jsonb not null,
  validity jsonb not null,
  face_template jsonb not null,
  -- the catalog entry the type is registered under; the catalog is another module, so no foreign key
  catalog_entry_id uuid,
  -- issued by another system (居民身份证, 社会保障卡): known to the platform, never issued here
  reference_only boolean not null default false,
  status text not null default 'active' check (status in ('active', 'retired')),
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The departments that issue a type.
create table licenses_type_issuers (
  type_id uuid not null references licenses_types (id) on delete cascade,
  department_id uuid not null references identity_departments (id),
  primary key (type_id, department_id)
);
create index licenses_type_issuers_department on licenses_type_issuers (department_id);

-- The platform's own key pairs: 'seal-maker' (制章者, signs every SESeal) and 'status-list' (signs the published
-- revocation status list). Created on first use.
create table licenses_platform_keys (
  purpose text primary key check (purpose in ('seal-maker', 'status-list')),
  public_key text not null,
  private_key_enc bytea not null,
  master_key_id text not null,
  created_at timestamptz not null default now()
);

-- 电子印章: per issuing department; the newest is active, older ones stay for reference (old signatures embed their
-- seal, so they verify without this table).
create table licenses_seals (
  id uuid primary key,
  department_id uuid not null references identity_departments (id),
  es_id text not null unique,
  name text not null,
  seal_type integer not null,
  public_key text not null,
  private_key_enc bytea not null,
  master_key_id text not null,
  maker_public_key text not null,
  seal_der bytea not null,
  picture_type text not null,
  picture bytea not null,
  valid_start timestamptz not null,
  valid_end timestamptz not null,
  status text not null check (status in ('active', 'retired')),
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
create unique index licenses_seals_one_active on licenses_seals (department_id) where status = 'active';

-- 流水号 counters per type and issuer; taken inside the issuing transaction, so a rolled-back issue leaves no gap.
create table licenses_serials (
  type_code text not null,
  issuer_code text not null,
  last_value bigint not null,
  primary key (type_code, issuer_code)
);

-- Licenses: one row per version. The signed document is rebuilt from these columns (license-model.ts), so any
-- change to them after signing makes verification fail.
create table licenses_licenses (
  id uuid primary key,
  identifier text not null unique,
  type_id uuid not null references licenses_types (id),
  type_code text not null,
  type_name text not null,
  issuer_department_id uuid not null references identity_departments (id),
  issuer_code text not null,
  issuer_name text not null,
  serial text not null,
  version integer not null check (version between 1 and 999),
  holder_type text not null check (holder_type in ('citizen', 'entity')),
  holder_id text not null,
  holder_name text not null,
  fields jsonb not null,
  valid_from date not null,
  valid_until date,
  issued_on date not null,
  issued_at timestamptz not null,
  seal_id uuid not null references licenses_seals (id),
  signature bytea not null,
  -- active | superseded (a newer version exists) | revoked 吊销 | cancelled 注销; expiry is computed from the dates
  state text not null check (state in ('active', 'superseded', 'revoked', 'cancelled')),
  origin text not null check (origin in ('issue', 'renewal', 'change')),
  change_reason text,
  previous_id uuid references licenses_licenses (id),
  superseded_by uuid references licenses_licenses (id),
  superseded_at timestamptz,
  ended_on date,
  end_reason text,
  ended_at timestamptz,
  ended_by uuid references identity_users (id),
  batch_id uuid,
  issued_by uuid references identity_users (id),
  unique (type_code, issuer_code, serial, version)
);
create index licenses_licenses_holder on licenses_licenses (holder_id, type_code);
create index licenses_licenses_issuer on licenses_licenses (issuer_department_id, issued_at desc);
create index licenses_licenses_ended on licenses_licenses (state, identifier) where state <> 'active';

-- 互认: seal makers of other platforms whose seals this platform accepts.
create table licenses_trusted_issuers (
  id uuid primary key,
  name text not null,
  division_code text,
  public_key text not null unique,
  note text,
  enabled boolean not null default true,
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- 用证记录: every request of a license's data by another module (a case), with purpose and case number.
create table licenses_uses (
  id uuid primary key,
  license_id uuid references licenses_licenses (id),
  holder_id text not null,
  type_code text not null,
  purpose text not null,
  case_number text,
  consent jsonb,
  outcome text not null check (outcome in ('provided', 'not_found', 'invalid')),
  actor_id uuid references identity_users (id),
  actor_name text,
  department_id uuid references identity_departments (id),
  used_at timestamptz not null default now()
);
create index licenses_uses_holder on licenses_uses (holder_id, used_at desc);
create index licenses_uses_license on licenses_uses (license_id, used_at desc);
