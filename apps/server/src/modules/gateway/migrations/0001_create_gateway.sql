-- 共享交换网关: credentials of consumer information systems, OAuth2 bearer tokens, nonces seen (replay protection) and
-- the SM3-chained call log (调用日志, X-Road operational-monitoring fields plus purpose, case number, operator).

-- One credential (app key) per consumer information system and purpose; secrets live in gateway_secrets.
create table gateway_credentials (
  id uuid primary key,
  app_key text not null unique,
  system_id uuid not null references catalog_systems (id),
  department_id uuid not null references identity_departments (id),
  name text not null default '',
  status text not null check (status in ('active', 'revoked')),
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index gateway_credentials_department on gateway_credentials (department_id);

-- Secrets of a credential: at most two usable at once (rotation overlap). The secret is never stored in clear:
-- secret_hash = HMAC-SM3(salt, secret) checks OAuth client secrets; secret_enc is the SM4-sealed signing key, because
-- an HMAC signature can only be verified with the key itself (see docs/gateway-api.md §2.4).
create table gateway_secrets (
  id uuid primary key,
  credential_id uuid not null references gateway_credentials (id) on delete cascade,
  salt text not null,
  secret_hash text not null,
  secret_enc bytea not null,
  created_at timestamptz not null default now(),
  -- null = valid until rotated; after a rotation the old secret expires at the end of the overlap window.
  expires_at timestamptz
);
create index gateway_secrets_credential on gateway_secrets (credential_id);

-- OAuth2 client-credentials bearer tokens, stored as SM3 of the token.
create table gateway_tokens (
  token_hash text primary key,
  credential_id uuid not null references gateway_credentials (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index gateway_tokens_expiry on gateway_tokens (expires_at);

-- Nonces seen inside the timestamp window: the authoritative replay check across nodes and restarts.
create table gateway_nonces (
  app_key text not null,
  nonce text not null,
  expires_at timestamptz not null,
  primary key (app_key, nonce)
);
create index gateway_nonces_expiry on gateway_nonces (expires_at);

-- 调用日志: one row per gateway call, chained with SM3 (hash covers the row and prev_hash), written in batches.
-- No foreign keys: the log outlives credentials, grants and entries.
create table gateway_calls (
  seq bigint primary key,
  id uuid not null unique,
  request_id text not null,
  request_in_at timestamptz not null,
  response_out_at timestamptz not null,
  duration_ms double precision not null,
  request_size integer not null,
  response_size integer not null,
  method text not null,
  path text not null,
  client_ip text,
  credential_id uuid,
  consumer_department_id uuid,
  consumer_system_id uuid,
  provider_department_id uuid,
  entry_id uuid,
  grant_id text,
  operation text,
  status integer not null,
  succeeded boolean not null,
  fault_code text,
  fault_string text,
  purpose text,
  case_number text,
  operator_id text,
  key_hashes text[] not null default '{}',
  record_count integer not null default 0,
  prev_hash text not null,
  hash text not null
);
create index gateway_calls_time on gateway_calls (request_in_at);
create index gateway_calls_grant on gateway_calls (grant_id, request_in_at);
create index gateway_calls_keys on gateway_calls using gin (key_hashes);
