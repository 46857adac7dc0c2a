// Shapes of the identity API (/api/v1/identity/*) as the web app uses them.

export type UserKind = 'staff' | 'citizen' | 'enterprise';
export type UserStatus = 'active' | 'locked' | 'disabled';
export type DepartmentKind = 'bureau' | 'municipal' | 'county' | 'town' | 'other';
/** The server sends 'all' for platform-wide roles; 'platform' is accepted as a synonym. */
export type RoleScope = 'all' | 'platform' | 'department' | 'self';

export interface RoleRef {
  code: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  departmentId: string | null;
  departmentName: string | null;
  roles: RoleRef[];
  permissions: string[];
}

export interface MeResponse {
  user: Me;
  csrfToken: string;
}

export interface Department {
  id: string;
  name: string;
  creditCode: string;
  divisionCode: string;
  divisionName: string | null;
  parentId: string | null;
  kind: DepartmentKind;
  isDataBureau: boolean;
  userCount: number;
  createdAt: string;
}

export interface DepartmentNode extends Department {
  children?: DepartmentNode[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  departmentId: string | null;
  departmentName: string | null;
  /** Citizen ID number or credit code, masked by the server; absent for staff. */
  subjectCode?: string | null;
  /** Mobile number, masked by the server. */
  phone?: string | null;
  roles: RoleRef[];
  status: UserStatus;
  lockedUntil?: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Role {
  code: string;
  name: string;
  description: string;
  scope: RoleScope;
  permissions: string[];
}

export interface Permission {
  code: string;
  name: string;
  module: string;
}

export interface Division {
  code: string;
  name: string;
  /** 'province' | 'city' | 'county' | 'town' */
  level: string;
  parentCode: string | null;
  hasChildren: boolean;
}

export const USER_KIND_LABELS: Record<UserKind, string> = {
  staff: '政务工作人员',
  citizen: '个人',
  enterprise: '法人（企业）',
};

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  active: '正常',
  locked: '已锁定',
  disabled: '已停用',
};

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  bureau: '政务数据管理局',
  municipal: '市直部门',
  county: '县（市、区）',
  town: '乡镇（街道）',
  other: '其他',
};

export const ROLE_SCOPE_LABELS: Record<RoleScope, string> = {
  all: '全市',
  platform: '全市',
  department: '本部门',
  self: '本人',
};

/** Chinese names of permission modules; unknown modules show their code. */
export const MODULE_LABELS: Record<string, string> = {
  identity: '统一身份',
  audit: '安全审计',
  calendar: '工作日历',
  cockpit: '领导驾驶舱',
  catalog: '数据目录',
  sharing: '数据共享',
  license: '数据授权',
  services: '政务服务',
  hotline: '12345 热线',
  portal: '门户',
};

export const moduleLabel = (module: string) => MODULE_LABELS[module] ?? module;
