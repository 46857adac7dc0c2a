import type { Scope, UserKind } from '../../kernel/context.ts';

export interface RoleDef {
  code: string;
  name: string;
  description: string;
  /** how far the role's permissions reach */
  scope: Scope;
  /** which kind of user may hold it */
  userKind: UserKind | 'any-public';
}

// 三员分立 (GB/T 22239 等级保护): the system administrator, the security administrator and the auditor are three
// separate roles whose permissions do not overlap; no single account can both change the system and hide it.
export const ROLES: readonly RoleDef[] = [
  { code: 'platform_admin', name: '系统管理员', scope: 'all', userKind: 'staff', description: '三员之一：维护部门、用户账号和系统配置；不能分配角色，不能查看审计日志' },
  { code: 'security_admin', name: '安全保密管理员', scope: 'all', userKind: 'staff', description: '三员之一：分配角色、解锁账号、重置密码；不能维护部门和系统配置' },
  { code: 'auditor', name: '安全审计员', scope: 'all', userKind: 'staff', description: '三员之一：检索、导出、校验审计日志；不能改动账号与业务数据' },
  { code: 'bureau_reviewer', name: '数据局审核员', scope: 'all', userKind: 'staff', description: '政数局：审核目录、共享申请，协调争议，监督时限' },
  { code: 'leader', name: '领导', scope: 'all', userKind: 'staff', description: '查看驾驶舱和全市统计' },
  { code: 'chief_data_officer', name: '首席数据官', scope: 'department', userKind: 'staff', description: '部门数据工作的负责人，查看本部门数据、人员与考核' },
  { code: 'data_steward', name: '数据专员', scope: 'department', userKind: 'staff', description: '维护本部门目录、资源、质量整改与异议核实' },
  { code: 'approver', name: '审批人员', scope: 'department', userKind: 'staff', description: '审批本部门政务服务办件' },
  { code: 'window_staff', name: '窗口人员', scope: 'department', userKind: 'staff', description: '综合窗口受理办件' },
  { code: 'hotline_agent', name: '12345 话务员', scope: 'all', userKind: 'staff', description: '受理 12345 热线诉求并派单' },
  { code: 'grid_worker', name: '网格员', scope: 'department', userKind: 'staff', description: '处置所在网格的事件' },
  { code: 'citizen', name: '自然人', scope: 'self', userKind: 'citizen', description: '办事群众：办事、查看本人证照和数据使用记录' },
  { code: 'enterprise', name: '法人', scope: 'self', userKind: 'enterprise', description: '企业和组织：办事、查看本单位证照和数据使用记录' },
  { code: 'developer', name: '开放数据开发者', scope: 'self', userKind: 'any-public', description: '申请和调用开放数据接口' },
];

const BY_CODE = new Map(ROLES.map((r) => [r.code, r]));

/** The role definition for a code, or undefined. */
export const findRole = (code: string) => BY_CODE.get(code);

/** Whether a user of this kind may hold the role. */
export function roleFitsUser(role: RoleDef, kind: UserKind): boolean {
  return role.userKind === kind || (role.userKind === 'any-public' && kind !== 'staff');
}

const SCOPE_WIDTH: Record<Scope, number> = { self: 0, department: 1, all: 2 };

/** Permission code → the widest scope among the given roles that hold it. */
export function resolvePermissions(roleCodes: string[], grants: ReadonlyMap<string, string[]>): Map<string, Scope> {
  const result = new Map<string, Scope>();
  for (const code of roleCodes) {
    const role = BY_CODE.get(code);
    if (!role) continue;
    for (const permission of grants.get(code) ?? []) {
      const current = result.get(permission);
      if (!current || SCOPE_WIDTH[role.scope] > SCOPE_WIDTH[current]) result.set(permission, role.scope);
    }
  }
  return result;
}
