import { useMemo } from 'react';
import { useApiQuery } from '../../ui/useApiQuery';
import type { DepartmentNode, Permission, Role, UserKind } from './types';

export interface DepartmentTreeOption {
  value: string;
  title: string;
  key: string;
  children?: DepartmentTreeOption[];
  disabled?: boolean;
}

/** The department tree (GET /identity/departments/tree) and its options for TreeSelect. */
export function useDepartmentTree() {
  const query = useApiQuery<DepartmentNode[]>('/identity/departments/tree');
  const options = useMemo(() => toTreeOptions(query.data ?? []), [query.data]);
  const byId = useMemo(() => {
    const map = new Map<string, DepartmentNode>();
    const walk = (nodes: DepartmentNode[]) => {
      for (const n of nodes) {
        map.set(n.id, n);
        if (n.children) walk(n.children);
      }
    };
    walk(query.data ?? []);
    return map;
  }, [query.data]);
  return { ...query, options, byId };
}

/** TreeSelect options; `exclude` leaves out a department and its subtree (a department cannot sit under itself). */
export function toTreeOptions(nodes: DepartmentNode[], exclude?: string): DepartmentTreeOption[] {
  return nodes
    .filter((n) => n.id !== exclude)
    .map((n) => ({
      value: n.id,
      key: n.id,
      title: n.name,
      children: n.children && n.children.length > 0 ? toTreeOptions(n.children, exclude) : undefined,
    }));
}

/** All roles (GET /identity/roles) and their Select options; pass false to skip (no identity.role.read). */
export function useRoles(enabled = true) {
  const query = useApiQuery<{ items: Role[] }>(enabled ? '/identity/roles' : null);
  const roles = query.data?.items ?? [];
  const options = useMemo(() => roles.map((r) => ({ value: r.code, label: r.name })), [roles]);
  return { ...query, roles, options };
}

/** All permissions (GET /identity/permissions). */
export function usePermissions() {
  const query = useApiQuery<{ items: Permission[] }>('/identity/permissions');
  return { ...query, permissions: query.data?.items ?? [] };
}

/**
 * Whether a role suits an account kind. The roles API does not say which kind may hold a role, so this follows
 * the role's reach: staff hold department or city-wide roles, citizens and enterprises personal ("self") ones.
 * The basic roles named after the kinds ('citizen', 'enterprise') are given by the server itself;
 * `includeOwnBase` keeps the account's own one in the list (for editing roles).
 */
export function roleFitsKind(role: Role, kind: UserKind, includeOwnBase: boolean): boolean {
  if (kind === 'staff') return role.scope !== 'self';
  if (role.scope !== 'self') return false;
  if (role.code === 'citizen' || role.code === 'enterprise') return includeOwnBase && role.code === kind;
  return true;
}
