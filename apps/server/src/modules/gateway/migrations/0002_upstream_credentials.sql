-- 上游接口凭据: what the gateway presents to a provider's own API when it forwards a call to an entry's API mount
-- (逻辑接入, docs/gateway-api.md §9). One per entry, set by the provider department. Kinds: 'token' (a static token in
-- Authorization: Bearer or a named header) and 'app_key' (the platform's own SM3-HMAC signature scheme, §2, e.g. a
-- district's or the province's 数政 gateway). The secret is never stored in clear: secret_enc is SM4-sealed under a key
-- derived from the master key, and secret_hash = HMAC-SM3(salt, secret) authenticates the decryption.
create table gateway_upstream_credentials (
  entry_id uuid primary key references catalog_entries (id) on delete cascade,
  department_id uuid not null references identity_departments (id),
  kind text not null check (kind in ('token', 'app_key')),
  header_name text,
  app_key text,
  salt text not null,
  secret_hash text not null,
  secret_enc bytea not null,
  updated_by uuid references identity_users (id),
  updated_at timestamptz not null default now(),
  check ((kind = 'app_key') = (app_key is not null))
);
