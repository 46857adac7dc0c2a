// Shapes of the holder wallet API (/api/v1/licenses/licenses/mine…, docs/licenses-api.md §12).

export type StatusCode = 'valid' | 'expired' | 'not_yet_valid' | 'revoked' | 'cancelled' | 'superseded';

export interface LicenseStatus {
  code: StatusCode;
  label: string;
  since: string | null;
}

export interface WalletCard {
  id: string;
  identifier: string;
  typeCode: string;
  typeName: string;
  issuerName: string;
  version: number;
  holderName: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  status: LicenseStatus;
}

export interface WalletList {
  holder: { type: 'citizen' | 'entity'; id: string; name: string };
  items: WalletCard[];
}

export interface WalletDetail {
  id: string;
  identifier: string;
  version: number;
  typeCode: string;
  typeName: string;
  issuer: { departmentId: string; code: string; name: string };
  holder: { type: 'citizen' | 'entity'; code: string; id: string; name: string };
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  status: LicenseStatus;
  ended: { on: string; reason: string } | null;
  seal: { id: string; esId: string; name: string };
  labelledFields: { name: string; label: string; value: string; onFace: boolean; sensitivity: number }[];
  versions: { id: string; identifier: string; version: number; state: string; origin: string; issuedAt: string; changeReason: string | null }[];
}

export type ShareStatus = 'active' | 'expired' | 'revoked';

export interface Share {
  id: string;
  licenseId: string;
  purpose: string;
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
  status: ShareStatus;
  opens: number;
  lastOpenedAt: string | null;
}

export interface CreatedShare {
  id: string;
  licenseId: string;
  token: string;
  url: string;
  purpose: string;
  expiresAt: string;
}

export type ConsentStatus = 'active' | 'expired' | 'revoked' | 'used';

export interface Consent {
  id: string;
  typeCode: string;
  typeName: string;
  departmentId: string;
  departmentName: string;
  purpose: string;
  serviceItem: string | null;
  caseNumber: string | null;
  once: boolean;
  until: string;
  status: ConsentStatus;
  useCount: number;
  createdAt: string;
  revokedAt: string | null;
  consumedAt: string | null;
}

export interface ConsentOptions {
  types: { code: string; name: string }[];
  departments: { id: string; name: string }[];
}

export type UseOutcome = 'provided' | 'not_found' | 'invalid' | 'no_consent' | 'shared_open';

export interface HolderUse {
  id: string;
  licenseId: string | null;
  typeCode: string;
  typeName: string | null;
  identifier: string | null;
  purpose: string;
  caseNumber: string | null;
  outcome: UseOutcome;
  departmentId: string | null;
  departmentName: string | null;
  actorName: string | null;
  consentId: string | null;
  shareId: string | null;
  usedAt: string;
}

export interface SharedView {
  purpose: string;
  expiresAt: string;
  watermark: string;
  verification: {
    valid: boolean;
    verdict: string;
    identifier: string | null;
    status: { code: string; label: string; since: string | null };
    signature: { valid: boolean; sealName: string | null; department: { name: string; creditCode: string } | null };
    license: {
      typeName: string;
      issuerName: string;
      issuedOn: string;
      validFrom: string;
      validUntil: string | null;
      holder: { type: string; id: string; name: string };
      face: { name: string; label: string; value: string }[];
    } | null;
    checkedAt: string;
  };
}

export const STATUS_COLORS: Record<StatusCode, string> = {
  valid: 'green', expired: 'orange', not_yet_valid: 'blue', revoked: 'red', cancelled: 'default', superseded: 'default',
};

export const SHARE_STATUS: Record<ShareStatus, { label: string; color: string }> = {
  active: { label: '有效', color: 'green' }, expired: { label: '已过期', color: 'default' }, revoked: { label: '已撤销', color: 'red' },
};

export const CONSENT_STATUS: Record<ConsentStatus, { label: string; color: string }> = {
  active: { label: '有效', color: 'green' }, expired: { label: '已到期', color: 'default' }, revoked: { label: '已撤销', color: 'red' },
  used: { label: '已使用', color: 'default' },
};

export const USE_OUTCOMES: Record<UseOutcome, { label: string; color: string }> = {
  provided: { label: '已提供', color: 'green' },
  not_found: { label: '未找到有效证照', color: 'default' },
  invalid: { label: '签章无效，未提供', color: 'orange' },
  no_consent: { label: '未经授权，已拒绝', color: 'red' },
  shared_open: { label: '分享副本被查看', color: 'blue' },
};

export const MINE = '/licenses/licenses/mine';
