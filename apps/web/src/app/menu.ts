import type { ComponentType } from 'react';
import {
  ApartmentOutlined, AuditOutlined, CalendarOutlined, DashboardOutlined, FundProjectionScreenOutlined,
  SafetyCertificateOutlined, TeamOutlined,
} from '@ant-design/icons';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ComponentType;
  /** Permission needed to see the entry (and open the page); null = any staff member. */
  permission: string | null;
  /** Group the entry sits in; null = top level. */
  group: string | null;
  /** One line for the workbench's quick links. */
  description: string;
}

/** The one table of the staff navigation. Modules add their pages here and in routes.tsx. */
export const MENU: readonly MenuEntry[] = [
  { path: '/workbench', label: '工作台', icon: DashboardOutlined, permission: null, group: null, description: '个人工作入口' },
  { path: '/admin/departments', label: '部门管理', icon: ApartmentOutlined, permission: 'identity.department.read', group: '系统管理', description: '维护全市政务部门及隶属关系' },
  { path: '/admin/users', label: '用户管理', icon: TeamOutlined, permission: 'identity.user.read', group: '系统管理', description: '账号开通、角色分配、解锁与重置密码' },
  { path: '/admin/roles', label: '角色权限', icon: SafetyCertificateOutlined, permission: 'identity.role.read', group: '系统管理', description: '查看各角色拥有的权限' },
  { path: '/admin/calendar', label: '工作日历', icon: CalendarOutlined, permission: 'calendar.read', group: '系统管理', description: '法定节假日与调休安排，用于计算办理时限' },
  { path: '/audit/events', label: '审计日志', icon: AuditOutlined, permission: 'audit.event.read', group: '安全审计', description: '检索、导出操作记录，校验审计链完整性' },
  { path: '/cockpit', label: '驾驶舱', icon: FundProjectionScreenOutlined, permission: 'cockpit.view', group: '驾驶舱', description: '全市政务数据运行概况' },
];

/** Groups in the order they appear in the sider. */
export const MENU_GROUPS = ['系统管理', '安全审计', '驾驶舱'] as const;

/** The entries a user may see. */
export function visibleMenu(can: (permission: string) => boolean): MenuEntry[] {
  return MENU.filter((m) => m.permission === null || can(m.permission));
}

/** The entry whose page is open (longest matching path). */
export function activeEntry(pathname: string): MenuEntry | undefined {
  return [...MENU]
    .filter((m) => pathname === m.path || pathname.startsWith(`${m.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
