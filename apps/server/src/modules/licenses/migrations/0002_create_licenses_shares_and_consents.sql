-- 我的证照 (holder wallet): shareable copies (分享副本, 仅供某用途使用, with an expiry) and the holder's consents to use
-- (用证授权: standing consent for a department, or a one-off consent for one case). The use log learns the refusals
-- for want of consent and the opening of shared copies.

-- 分享副本: the token is random (≥ 128 bits) and stored only as its SM3 hash; the link holder sees the license's
-- verification, the purpose and the expiry, and may download the watermarked copy.
create table licenses_shares (
  id uuid primary key,
  license_id uuid not null references licenses_licenses (id),
  holder_id text not null,
  token_hash text not null unique,
  purpose text not null,
  expires_at timestamptz not null,
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references identity_users (id)
);
create index licenses_shares_license on licenses_shares (license_id, created_at desc);
create index licenses_shares_holder on licenses_shares (holder_id, created_at desc);

-- 用证授权: the holder allows a department to fetch licenses of one type for a purpose until a date (standing), or once
-- for one case (once = true, consumed by the first use that hands data over).
create table licenses_consents (
  id uuid primary key,
  holder_id text not null,
  holder_type text not null check (holder_type in ('citizen', 'entity')),
  type_code text not null,
  department_id uuid not null references identity_departments (id),
  purpose text not null,
  service_item text,
  case_number text,
  once boolean not null default false,
  valid_until date not null,
  created_by uuid references identity_users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references identity_users (id),
  consumed_at timestamptz,
  use_count integer not null default 0
);
create index licenses_consents_holder on licenses_consents (holder_id, created_at desc);

alter table licenses_uses drop constraint licenses_uses_outcome_check;
alter table licenses_uses add constraint licenses_uses_outcome_check
  check (outcome in ('provided', 'not_found', 'invalid', 'no_consent', 'shared_open'));
alter table licenses_uses add column consent_id uuid references licenses_consents (id);
alter table licenses_uses add column share_id uuid references licenses_shares (id);
