import type { ComponentType } from 'react';
import {
  BankOutlined, DatabaseOutlined, DiffOutlined, UserOutlined,
  ApartmentOutlined, ApiOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, ClockCircleOutlined, CloudUploadOutlined, ClusterOutlined,
  DashboardOutlined, DesktopOutlined, FileProtectOutlined, FileSearchOutlined, FormOutlined, FundProjectionScreenOutlined, GlobalOutlined,
  IdcardOutlined, IssuesCloseOutlined, KeyOutlined, LineChartOutlined, ProfileOutlined, SafetyCertificateOutlined, SafetyOutlined, ScheduleOutlined, ShareAltOutlined,
  SolutionOutlined, SwapOutlined, TeamOutlined, VerifiedOutlined, AlertOutlined, ExperimentOutlined, TrophyOutlined, TableOutlined, LinkOutlined,
} from '@ant-design/icons';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ComponentType;
  /** Permission needed to see the entry (and open the page), or a list of which any one will do; null = any staff member. */
  permission: string | readonly string[] | null;
  /** Group the entry sits in; null = top level. */
  group: string | null;
  /** One line for the workbench's quick links. */
  description: string;
  /**
   * Further path prefixes whose pages belong to this entry when no visible entry's own path matches
   * (e.g. an entry's detail page opened from the review queue by someone who has no 本部门编目).
   */
  also?: readonly string[];
}

/** 共享待办: whoever takes part in sharing in any role (docs/sharing-api.md §7). */
const SHARING_TODO = ['sharing.request.read', 'sharing.request.check', 'sharing.arbitrate', 'sharing.demand.route', 'sharing.demand.answer'] as const;

/** The one table of the staff navigation. Modules add their pages here and in routes.tsx. */
export const MENU: readonly MenuEntry[] = [
  { path: '/workbench', label: '工作台', icon: DashboardOutlined, permission: null, group: null, description: '个人工作入口' },
  { path: '/catalog/search', label: '目录检索', icon: FileSearchOutlined, permission: 'catalog.entry.read', group: '政务数据目录', description: '检索全市已发布的政务数据资源目录', also: ['/catalog/published'] },
  { path: '/catalog/entries', label: '本部门编目', icon: FormOutlined, permission: 'catalog.entry.edit', group: '政务数据目录', description: '编制、提交本部门目录，Excel 批量导入导出' },
  { path: '/catalog/reviews', label: '目录审核', icon: SolutionOutlined, permission: 'catalog.entry.review', group: '政务数据目录', description: '审核各部门的新增、变更和撤销申请', also: ['/catalog/entries'] },
  { path: '/catalog/systems', label: '信息系统', icon: DesktopOutlined, permission: ['catalog.system.manage', 'catalog.entry.review'], group: '政务数据目录', description: '登记本部门政务信息系统，目录须对应来源系统' },
  { path: '/catalog/deadlines', label: '时限督办', icon: ClockCircleOutlined, permission: ['catalog.entry.edit', 'catalog.entry.review'], group: '政务数据目录', description: '编目与审核时限的红黄绿灯提醒和督办' },
  { path: '/catalog/stats', label: '目录统计', icon: BarChartOutlined, permission: 'catalog.stats.read', group: '政务数据目录', description: '各部门编目、发布、挂接与元数据质量统计' },
  { path: '/lineage', label: '数据血缘', icon: ApartmentOutlined, permission: 'lineage.read', group: '政务数据目录', description: '目录数据的来源系统、归集任务、库表、基础库与共享使用方' },
  { path: '/catalog/cascade', label: '目录级联', icon: ClusterOutlined, permission: 'catalog.cascade.manage', group: '政务数据目录', description: '向省级平台上报目录，导入省级下发目录' },
  { path: '/licenses/licenses', label: '证照管理', icon: IdcardOutlined, permission: 'licenses.license.read', group: '电子证照', description: '制发、延续、变更、吊销电子证照，查看用证记录' },
  { path: '/licenses/imports', label: '存量证照导入', icon: CloudUploadOutlined, permission: 'licenses.license.issue', group: '电子证照', description: 'Excel 批量导入以往的纸质证照，逐批加盖电子印章，问题行可下载改正' },
  { path: '/licenses/types', label: '证照目录', icon: ProfileOutlined, permission: 'licenses.type.read', group: '电子证照', description: '证照类型、字段定义、照面模板与有效期规则' },
  { path: '/licenses/seals', label: '电子印章', icon: VerifiedOutlined, permission: 'licenses.type.read', group: '电子证照', description: '各颁发部门的电子证照专用章，制作与更换' },
  { path: '/licenses/trusted-issuers', label: '互认颁发方', icon: GlobalOutlined, permission: 'licenses.type.read', group: '电子证照', description: '登记外地平台的制章者公钥，互认其签发的证照' },
  { path: '/sharing/todo', label: '共享待办', icon: ScheduleOutlined, permission: SHARING_TODO, group: '数据共享', description: '审查、审核、协调与需求答复的待办，红黄绿灯提醒时限' },
  { path: '/sharing/requests', label: '共享申请', icon: ShareAltOutlined, permission: 'sharing.request.read', group: '数据共享', description: '对目录申请共享数据，跟踪审查、审核、协调进度' },
  { path: '/sharing/grants', label: '授权管理', icon: SafetyOutlined, permission: 'sharing.request.read', group: '数据共享', description: '本部门使用和提供的数据共享授权，续期与撤销' },
  { path: '/sharing/demands', label: '供需对接', icon: SwapOutlined, permission: 'sharing.request.read', group: '数据共享', description: '提出目录尚未提供的数据需求，分派、答复与满足率' },
  { path: '/ingest/jobs', label: '数据归集', icon: CloudUploadOutlined, permission: 'ingest.job.read', group: '数据质量', description: '上传文件、数据库、接口数据归集到目录挂接的数据表，查看进度、被拒绝的行和血缘', also: ['/ingest'] },
  { path: '/quality/issues', label: '问题数据', icon: AlertOutlined, permission: 'quality.score.read', group: '数据质量', description: '问题数据整改与说明，红黄绿灯提醒整改时限，超期督办' },
  { path: '/quality/entries', label: '质量规则与检测', icon: ExperimentOutlined, permission: 'quality.score.read', group: '数据质量', description: '按目录配置质量规则、一键检测、查看问题样例与得分走势' },
  { path: '/quality/ranking', label: '质量排名', icon: TrophyOutlined, permission: 'quality.ranking.read', group: '数据质量', description: '各部门数据质量得分排名与分维度得分（可定责）' },
  { path: '/quality/code-tables', label: '代码表', icon: TableOutlined, permission: 'quality.score.read', group: '数据质量', description: '国家标准代码表与本地代码表维护' },
  { path: '/disputes/mine', label: '我的异议', icon: IssuesCloseOutlined, permission: 'disputes.raise', group: '异议核实', description: '对共享数据提出异议，查看受理、核实进度和结果通知', also: ['/disputes/new'] },
  { path: '/disputes/accept', label: '异议受理', icon: AuditOutlined, permission: 'disputes.accept', group: '异议核实', description: '受理数据异议并转交提供部门，超期核实红灯督办' },
  { path: '/disputes/verify', label: '待核实异议', icon: ScheduleOutlined, permission: 'disputes.verify', group: '异议核实', description: '核实本部门被提出异议的数据，源头更正或说明理由' },
  { path: '/disputes/all', label: '异议台账', icon: ProfileOutlined, permission: 'disputes.read', group: '异议核实', description: '本部门提出或提供数据的全部异议，办结归档', also: ['/disputes'] },
  { path: '/registry/registries', label: '基础库概况', icon: DatabaseOutlined, permission: 'registry.read', group: '基础库', description: '人口库、法人库的数据源、构建进度与取值优先级' },
  { path: '/registry/persons', label: '一人一档', icon: UserOutlined, permission: 'registry.profile.read', group: '基础库', description: '按公民身份号码查阅各部门关于一个人的数据（须说明用途，记入审计）' },
  { path: '/registry/entities', label: '一企一档', icon: BankOutlined, permission: 'registry.profile.read', group: '基础库', description: '按统一社会信用代码查阅各部门关于一个单位的数据（须说明用途，记入审计）' },
  { path: '/registry/comparison', label: '多源比对', icon: DiffOutlined, permission: 'registry.compare.read', group: '基础库', description: '各部门数据源之间同一数据项不一致的统计与明细，可导出' },
  { path: '/gateway/credentials', label: '调用凭据', icon: ApiOutlined, permission: 'gateway.credential.manage', group: '数据共享', description: '本部门信息系统调用共享交换网关的 App Key 与密钥，创建、轮换、注销' },
  { path: '/gateway/upstreams', label: '上游接口凭据', icon: LinkOutlined, permission: 'gateway.upstream.manage', group: '数据共享', description: '本部门挂接接口（逻辑接入）的令牌或 AppKey：共享网关转发授权调用时代为出示' },
  { path: '/gateway/stats', label: '交换统计', icon: LineChartOutlined, permission: 'gateway.stats.read', group: '数据共享', description: '网关调用量、失败与时延，谁在使用本部门数据、用途是什么' },
  { path: '/gateway/call-log', label: '调用日志校验', icon: FileProtectOutlined, permission: 'gateway.log.verify', group: '安全审计', description: '核验网关调用日志 SM3 链的完整性，查看写入积压与降级状态' },
  { path: '/admin/departments', label: '部门管理', icon: ApartmentOutlined, permission: 'identity.department.read', group: '系统管理', description: '维护全市政务部门及隶属关系' },
  { path: '/admin/users', label: '用户管理', icon: TeamOutlined, permission: 'identity.user.read', group: '系统管理', description: '账号开通、角色分配、解锁与重置密码' },
  { path: '/admin/roles', label: '角色权限', icon: SafetyCertificateOutlined, permission: 'identity.role.read', group: '系统管理', description: '查看各角色拥有的权限' },
  { path: '/admin/calendar', label: '工作日历', icon: CalendarOutlined, permission: 'calendar.read', group: '系统管理', description: '法定节假日与调休安排，用于计算办理时限' },
  { path: '/audit/events', label: '审计日志', icon: AuditOutlined, permission: 'audit.event.read', group: '安全审计', description: '检索、导出操作记录，校验审计链完整性' },
  { path: '/cockpit', label: '驾驶舱', icon: FundProjectionScreenOutlined, permission: 'cockpit.view', group: '驾驶舱', description: '全市政务数据运行概况' },
  { path: '/me/tokens', label: 'API 令牌', icon: KeyOutlined, permission: 'identity.token.manage', group: '个人设置', description: '签发和吊销本人调用平台接口的令牌' },
];

/** Groups in the order they appear in the sider. */
export const MENU_GROUPS = ['政务数据目录', '电子证照', '数据共享', '数据质量', '基础库', '异议核实', '系统管理', '安全审计', '驾驶舱', '个人设置'] as const;

/** The entries a user may see (`canAny` as in the auth context: one permission or any of a list). */
export function visibleMenu(canAny: (permissions: string | readonly string[]) => boolean): MenuEntry[] {
  return MENU.filter((m) => m.permission === null || canAny(m.permission));
}

const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/**
 * The entry whose page is open among `entries` (the visible ones): the longest own path that matches, otherwise
 * the longest `also` prefix that matches.
 */
export function activeEntry(pathname: string, entries: readonly MenuEntry[] = MENU): MenuEntry | undefined {
  const longest = (prefixes: (m: MenuEntry) => readonly string[]) => {
    let best: { entry: MenuEntry; length: number } | undefined;
    for (const m of entries) {
      for (const p of prefixes(m)) {
        if (under(pathname, p) && (!best || p.length > best.length)) best = { entry: m, length: p.length };
      }
    }
    return best?.entry;
  };
  return longest((m) => [m.path]) ?? longest((m) => m.also ?? []);
}
