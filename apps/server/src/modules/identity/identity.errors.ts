import { AppError, badInput, conflict, forbidden, notFound } from '../../kernel/errors.ts';

// Every error the identity module returns, in one place.
export const IdentityErrors = {
  invalidCredentials: () => new AppError('IDENTITY_INVALID_CREDENTIALS', 401, '用户名或密码错误'),
  accountLocked: (lockedUntil: Date) =>
    new AppError('IDENTITY_ACCOUNT_LOCKED', 423, `账号因多次密码错误已锁定，请于 ${formatTime(lockedUntil)} 后重试或联系安全保密管理员解锁`, {
      lockedUntil: lockedUntil.toISOString(),
    }),
  accountDisabled: () => new AppError('IDENTITY_ACCOUNT_DISABLED', 403, '账号已停用，请联系管理员'),
  departmentNotFound: (id: string) => notFound('IDENTITY_DEPARTMENT_NOT_FOUND', '部门不存在', { id }),
  userNotFound: (id: string) => notFound('IDENTITY_USER_NOT_FOUND', '用户不存在', { id }),
  tokenNotFound: (id: string) => notFound('IDENTITY_TOKEN_NOT_FOUND', '令牌不存在或已吊销', { id }),
  creditCodeTaken: (code: string) => conflict('IDENTITY_CREDIT_CODE_TAKEN', `统一社会信用代码 ${code} 已被其他部门使用`, { creditCode: code }),
  departmentNameTaken: (name: string) => conflict('IDENTITY_DEPARTMENT_NAME_TAKEN', `同一区划下已有名为“${name}”的部门`, { name }),
  usernameTaken: (username: string) => conflict('IDENTITY_USERNAME_TAKEN', `用户名 ${username} 已存在`, { username }),
  departmentCycle: () => badInput('IDENTITY_DEPARTMENT_CYCLE', '上级部门不能是本部门或其下级部门', [{ path: 'body.parentId', message: '不能选择本部门或其下级部门' }]),
  invalidField: (path: string, message: string) => badInput('IDENTITY_INVALID_FIELD', `${message}`, [{ path, message }]),
  weakPassword: (path: string, problems: string[]) =>
    badInput('IDENTITY_WEAK_PASSWORD', `密码不符合安全要求：${problems.join('；')}`, problems.map((message) => ({ path, message }))),
  wrongCurrentPassword: () => badInput('IDENTITY_WRONG_PASSWORD', '当前密码不正确', [{ path: 'body.currentPassword', message: '当前密码不正确' }]),
  roleAssignmentForbidden: () => forbidden('IDENTITY_ROLE_ASSIGNMENT_FORBIDDEN', '分配角色须由安全保密管理员进行（三员分立）'),
  selfRoleChange: () => forbidden('IDENTITY_SELF_ROLE_CHANGE', '不能修改自己的角色'),
};

function formatTime(d: Date): string {
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
