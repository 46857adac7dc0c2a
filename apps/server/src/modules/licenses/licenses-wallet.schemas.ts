import { Type } from 'typebox';
import { Nullable, Uuid } from '../../kernel/schemas.ts';
import { HolderTypeEnum, LicenseSchema, StatusCodeEnum } from './licenses.schemas.ts';

// HTTP shapes of the holder wallet (我的证照, docs/licenses-api.md §12).

const DateTime = Type.String({ format: 'date-time' });
const Status = Type.Object({ code: StatusCodeEnum, label: Type.String(), since: Nullable(Type.String()) });

export const WalletCard = Type.Object({
  id: Uuid, identifier: Type.String(), typeCode: Type.String(), typeName: Type.String(), issuerName: Type.String(), version: Type.Integer(),
  holderName: Type.String(), issuedOn: Type.String(), validFrom: Type.String(), validUntil: Nullable(Type.String()), status: Status,
});
export const WalletList = Type.Object({
  holder: Type.Object({ type: HolderTypeEnum, id: Type.String({ description: '持证主体代码（本人）' }), name: Type.String() }),
  items: Type.Array(WalletCard),
});
export const WalletDetail = Type.Object({
  ...LicenseSchema.properties,
  labelledFields: Type.Array(Type.Object({ name: Type.String(), label: Type.String(), value: Type.String(), onFace: Type.Boolean(), sensitivity: Type.Integer() })),
  versions: Type.Array(Type.Object({ id: Uuid, identifier: Type.String(), version: Type.Integer(), state: Type.String(), origin: Type.String(), issuedAt: DateTime, changeReason: Nullable(Type.String()) })),
});

export const ShareParams = Type.Object({ id: Uuid, shareId: Uuid });
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });
export const CreateShareBody = Type.Object({
  purpose: Type.String({ minLength: 1, maxLength: 50, description: '用途，印在副本水印上：仅供<用途>使用' }),
  days: Type.Integer({ minimum: 1, maximum: 30, description: '链接有效天数（1–30）' }),
});
export const CreatedShare = Type.Object({
  id: Uuid, licenseId: Uuid, token: Type.String({ description: '分享令牌：只在此返回一次，平台只存其 SM3 杂凑' }),
  url: Type.String({ description: '分享页面路径（相对本平台网址）' }), purpose: Type.String(), expiresAt: DateTime,
});
const ShareSchema = Type.Object({
  id: Uuid, licenseId: Uuid, purpose: Type.String(), expiresAt: DateTime, createdAt: DateTime, revokedAt: Nullable(DateTime),
  status: Type.Enum(['active', 'expired', 'revoked'], { description: 'active 有效 · expired 已过期 · revoked 已撤销' }),
  opens: Type.Integer({ description: '被打开的次数' }), lastOpenedAt: Nullable(DateTime),
});
export const ShareList = Type.Object({ items: Type.Array(ShareSchema) });
export const SharedView = Type.Object({
  purpose: Type.String(), expiresAt: DateTime, watermark: Type.String(),
  verification: Type.Ref('LicenseVerification'),
});

export const CreateConsentBody = Type.Object({
  typeCode: Type.String({ minLength: 1, maxLength: 21, description: '证照类型代码' }),
  departmentId: Uuid,
  purpose: Type.String({ minLength: 1, maxLength: 200, description: '用途' }),
  serviceItem: Type.Optional(Nullable(Type.String({ maxLength: 200, description: '政务服务事项（文字）' }))),
  caseNumber: Type.Optional(Nullable(Type.String({ maxLength: 50, description: '办件编号：一次性授权只对该办件有效' }))),
  once: Type.Optional(Type.Boolean({ default: false, description: '一次性授权：首次成功调取后失效' })),
  until: Type.String({ format: 'date', description: '授权截止日期（含），最长一年' }),
});
export const ConsentSchema = Type.Object({
  id: Uuid, typeCode: Type.String(), typeName: Type.String(), departmentId: Uuid, departmentName: Type.String(), purpose: Type.String(),
  serviceItem: Nullable(Type.String()), caseNumber: Nullable(Type.String()), once: Type.Boolean(), until: Type.String(),
  status: Type.Enum(['active', 'expired', 'revoked', 'used'], { description: 'active 有效 · expired 已到期 · revoked 已撤销 · used 一次性授权已使用' }),
  useCount: Type.Integer(), createdAt: DateTime, revokedAt: Nullable(DateTime), consumedAt: Nullable(DateTime),
});
export const ConsentList = Type.Object({ items: Type.Array(ConsentSchema) });
export const ConsentOptions = Type.Object({
  types: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  departments: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
});

export const HolderUsesQuery = Type.Object({ licenseId: Type.Optional(Uuid) });
export const HolderUseList = Type.Object({
  items: Type.Array(Type.Object({
    id: Uuid, licenseId: Nullable(Uuid), typeCode: Type.String(), typeName: Nullable(Type.String()), identifier: Nullable(Type.String()), purpose: Type.String(),
    caseNumber: Nullable(Type.String()),
    outcome: Type.Enum(['provided', 'not_found', 'invalid', 'no_consent', 'shared_open'], {
      description: 'provided 已提供 · not_found 未找到有效证照 · invalid 签章无效未提供 · no_consent 未经授权被拒绝 · shared_open 分享副本被打开',
    }),
    departmentId: Nullable(Uuid), departmentName: Nullable(Type.String()), actorName: Nullable(Type.String()), consentId: Nullable(Uuid), shareId: Nullable(Uuid),
    usedAt: DateTime,
  })),
});
