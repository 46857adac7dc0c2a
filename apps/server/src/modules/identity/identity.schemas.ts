import { Type } from 'typebox';
import { Nullable, PageQuery, Paged, Uuid } from '../../kernel/schemas.ts';

const CreditCode = Type.String({ minLength: 18, maxLength: 18, pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$', description: '统一社会信用代码（GB 32100）' });
const DivisionCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3})?$', description: '行政区划代码（GB/T 2260，6 位；乡镇街道 9 位）' });
const DepartmentKind = Type.Enum(['bureau', 'municipal', 'county', 'town', 'other'], { description: 'bureau 政数局 · municipal 市直 · county 县区 · town 乡镇街道 · other 其他' });
const UserKind = Type.Enum(['staff', 'citizen', 'enterprise']);
const RoleRef = Type.Object({ code: Type.String(), name: Type.String() });

export const DepartmentSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    creditCode: Type.String(),
    divisionCode: Type.String(),
    divisionName: Type.String(),
    parentId: Nullable(Uuid),
    kind: DepartmentKind,
    isDataBureau: Type.Boolean(),
    userCount: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Department' },
);

export const DepartmentNodeSchema = Type.Object(
  { ...DepartmentSchema.properties, children: Type.Array(Type.Ref('DepartmentNode')) },
  { $id: 'DepartmentNode' },
);

export const ListDepartmentsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  divisionCode: Type.Optional(DivisionCode),
  parentId: Type.Optional(Uuid),
  ...PageQuery,
});

export const CreateDepartmentBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  creditCode: CreditCode,
  divisionCode: DivisionCode,
  parentId: Type.Optional(Nullable(Uuid)),
  kind: DepartmentKind,
});
export const UpdateDepartmentBody = Type.Partial(CreateDepartmentBody, { minProperties: 1 });

export const UserSchema = Type.Object(
  {
    id: Uuid,
    username: Type.String(),
    displayName: Type.String(),
    kind: UserKind,
    departmentId: Nullable(Uuid),
    departmentName: Nullable(Type.String()),
    subjectCode: Nullable(Type.String({ description: '身份证号或统一社会信用代码（已脱敏）' })),
    phone: Nullable(Type.String({ description: '手机号（已脱敏）' })),
    roles: Type.Array(RoleRef),
    status: Type.Enum(['active', 'locked', 'disabled']),
    lockedUntil: Nullable(Type.String({ format: 'date-time' })),
    lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);

export const ListUsersQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  departmentId: Type.Optional(Uuid),
  role: Type.Optional(Type.String({ maxLength: 50 })),
  status: Type.Optional(Type.Enum(['active', 'locked', 'disabled'])),
  kind: Type.Optional(UserKind),
  ...PageQuery,
});

const Password = Type.String({ minLength: 1, maxLength: 128 });
const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '手机号' });

export const CreateUserBody = Type.Object({
  username: Type.String({ pattern: '^[A-Za-z0-9_.@-]{3,64}$', description: '3–64 位字母、数字或 _ . @ -' }),
  displayName: Type.String({ minLength: 1, maxLength: 50 }),
  kind: UserKind,
  departmentId: Type.Optional(Uuid),
  roles: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
  password: Password,
  idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$', description: '公民身份号码（GB 11643），自然人账号必填' })),
  creditCode: Type.Optional(CreditCode),
  phone: Type.Optional(Phone),
});

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    departmentId: Type.Optional(Uuid),
    status: Type.Optional(Type.Enum(['active', 'disabled'])),
    phone: Type.Optional(Phone),
  },
  { minProperties: 1 },
);

export const SetRolesBody = Type.Object({ roles: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }) });
export const ResetPasswordBody = Type.Object({ password: Password });
export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password });

export const LoginBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Password });

export const MeSchema = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  kind: UserKind,
  departmentId: Nullable(Uuid),
  departmentName: Nullable(Type.String()),
  roles: Type.Array(RoleRef),
  permissions: Type.Array(Type.String()),
});
export const SessionResponse = Type.Object({ user: MeSchema, csrfToken: Type.String() });

export const RoleListSchema = Type.Object({
  items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), description: Type.String(), scope: Type.Enum(['all', 'department', 'self']), permissions: Type.Array(Type.String()) })),
});
export const PermissionListSchema = Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), module: Type.String() })) });

export const DivisionsQuery = Type.Object({ parent: Type.Optional(DivisionCode) });
export const DivisionListSchema = Type.Object({
  items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), parentCode: Nullable(Type.String()), hasChildren: Type.Boolean() })),
});

const ApiTokenSchema = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String(), expiresAt: Type.String(), lastSeenAt: Type.String() });
export const CreateTokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), days: Type.Integer({ minimum: 1, maximum: 365, default: 90 }) });
export const CreatedTokenSchema = Type.Object({ ...ApiTokenSchema.properties, token: Type.String({ description: '令牌明文，仅此一次返回' }) });
export const TokenListSchema = Type.Object({ items: Type.Array(ApiTokenSchema) });
export const TokenParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{16}$' }) });

export const DepartmentPage = Paged(Type.Ref('Department'));
export const UserPage = Paged(Type.Ref('User'));
