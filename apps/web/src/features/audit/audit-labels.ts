// Chinese names of audit actions, results and target types. Unknown codes are shown as they are.

export type AuditResult = 'success' | 'failure' | 'denied';

export const RESULT_LABELS: Record<AuditResult, { label: string; color: string }> = {
  success: { label: '成功', color: 'success' },
  failure: { label: '失败', color: 'warning' },
  denied: { label: '拒绝', color: 'error' },
};

export const ACTION_LABELS: Record<string, string> = {
  'identity.session.create': '登录',
  'identity.session.delete': '退出登录',
  'identity.subject.register': '登记自然人或法人',
  'identity.token.create': '签发 API 令牌',
  'identity.token.revoke': '吊销 API 令牌',
  'identity.user.create': '新建用户',
  'identity.user.update': '修改用户',
  'identity.user.assign-role': '分配角色',
  'identity.user.unlock': '解锁账号',
  'identity.user.reset-password': '重置密码',
  'identity.user.change-password': '修改本人密码',
  'identity.department.create': '新建部门',
  'identity.department.update': '修改部门',
  'calendar.year.put': '录入节假日安排',
  'audit.event.export': '导出审计日志',
  'audit.chain.verify': '校验审计链',
};

/** Prefixes offered in the 操作 filter (the API matches actions by prefix). */
export const ACTION_PREFIXES: { value: string; label: string }[] = [
  { value: 'identity.session', label: '登录与退出' },
  { value: 'identity.user', label: '用户账号' },
  { value: 'identity.department', label: '部门' },
  { value: 'identity.token', label: 'API 令牌' },
  { value: 'identity', label: '统一身份（全部）' },
  { value: 'calendar', label: '工作日历' },
  { value: 'audit', label: '安全审计' },
];

export const TARGET_TYPE_LABELS: Record<string, string> = {
  user: '用户',
  department: '部门',
  session: '会话',
  token: 'API 令牌',
  calendar_year: '日历年度',
  person: '自然人',
  legal_entity: '法人',
};

export const actionLabel = (action: string): string | undefined => ACTION_LABELS[action];
export const targetTypeLabel = (t: string | null): string | null => (t === null ? null : (TARGET_TYPE_LABELS[t] ?? t));
