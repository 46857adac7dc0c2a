import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { childDivisions } from '@shuzheng/standards';
import { IdParams } from '../../kernel/schemas.ts';
import type { IdentityService } from './identity.service.ts';
import { SESSION_COOKIE } from './sessions.service.ts';
import * as S from './identity.schemas.ts';

const TAG = ['统一身份认证'];

/** /api/v1/identity: sessions, departments, users, roles, divisions, API tokens. */
export function identityRoutes(identity: IdentityService, opts: { cookieSecure: boolean }): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(S.DepartmentSchema);
    app.addSchema(S.DepartmentNodeSchema);
    app.addSchema(S.UserSchema);

    // ── sessions ──────────────────────────────────────────────────────────────
    app.post('/sessions', {
      config: { access: 'public', audit: 'identity.session.create' },
      schema: { operationId: 'login', tags: TAG, summary: '用户名密码登录（设置会话 Cookie）', body: S.LoginBody, response: { 200: S.SessionResponse } },
    }, async (req, reply) => {
      const session = await identity.sessions.login(req.ctx, req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, session.secret, {
        path: '/', httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure, expires: session.expiresAt,
      });
      return { user: identity.users.me({ ...req.ctx, actor: session.actor }), csrfToken: session.csrfToken };
    });

    app.delete('/sessions/current', {
      config: { access: 'authenticated', audit: 'identity.session.delete' },
      schema: { operationId: 'logout', tags: TAG, summary: '退出登录', response: { 204: { type: 'null' } } },
    }, async (req, reply) => {
      if (req.actor!.authMethod === 'session') await identity.sessions.logout(req.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.get('/me', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMe', tags: TAG, summary: '当前用户、角色与权限', response: { 200: S.SessionResponse } },
    }, async (req) => ({ user: identity.users.me(req.ctx), csrfToken: req.csrfToken ?? '' }));

    app.post('/me/password', {
      config: { access: 'authenticated', audit: 'identity.user.change-password' },
      schema: { operationId: 'changeMyPassword', tags: TAG, summary: '修改本人密码', body: S.ChangePasswordBody, response: { 204: { type: 'null' } } },
    }, async (req, reply) => {
      await identity.users.changeOwnPassword(req.ctx, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    });

    // ── API tokens (machine access) ───────────────────────────────────────────
    app.get('/tokens', {
      config: { access: 'identity.token.manage' },
      schema: { operationId: 'listMyApiTokens', tags: TAG, summary: '本人的 API 令牌', response: { 200: S.TokenListSchema } },
    }, async (req) => ({ items: await identity.sessions.listApiTokens(req.ctx) }));

    app.post('/tokens', {
      config: { access: 'identity.token.manage', audit: 'identity.token.create' },
      schema: { operationId: 'createApiToken', tags: TAG, summary: '签发 API 令牌（明文仅返回一次）', body: S.CreateTokenBody, response: { 201: S.CreatedTokenSchema } },
    }, async (req, reply) => reply.status(201).send(await identity.sessions.createApiToken(req.ctx, req.body.name, req.body.days)));

    app.delete('/tokens/:id', {
      config: { access: 'identity.token.manage', audit: 'identity.token.revoke' },
      schema: { operationId: 'revokeApiToken', tags: TAG, summary: '吊销 API 令牌', params: S.TokenParams, response: { 204: { type: 'null' } } },
    }, async (req, reply) => {
      await identity.sessions.revokeApiToken(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });

    // ── departments ───────────────────────────────────────────────────────────
    app.get('/departments', {
      config: { access: 'identity.department.read' },
      schema: { operationId: 'listDepartments', tags: TAG, summary: '部门名录（分页检索）', querystring: S.ListDepartmentsQuery, response: { 200: S.DepartmentPage } },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return identity.departments.list(filter, { page, pageSize });
    });

    app.get('/departments/tree', {
      config: { access: 'identity.department.read' },
      schema: { operationId: 'getDepartmentTree', tags: TAG, summary: '部门树', response: { 200: { type: 'array', items: { $ref: 'DepartmentNode#' } } } },
    }, async () => identity.departments.tree());

    app.get('/departments/:id', {
      config: { access: 'identity.department.read' },
      schema: { operationId: 'getDepartment', tags: TAG, summary: '部门详情', params: IdParams, response: { 200: { $ref: 'Department#' } } },
    }, async (req) => identity.departments.get(req.params.id));

    app.post('/departments', {
      config: { access: 'identity.department.manage', audit: 'identity.department.create' },
      schema: { operationId: 'createDepartment', tags: TAG, summary: '新建部门', body: S.CreateDepartmentBody, response: { 201: { $ref: 'Department#' } } },
    }, async (req, reply) => reply.status(201).send(await identity.departments.create(req.ctx, req.body)));

    app.patch('/departments/:id', {
      config: { access: 'identity.department.manage', audit: 'identity.department.update' },
      schema: { operationId: 'updateDepartment', tags: TAG, summary: '修改部门', params: IdParams, body: S.UpdateDepartmentBody, response: { 200: { $ref: 'Department#' } } },
    }, async (req) => identity.departments.update(req.ctx, req.params.id, req.body));

    // ── users ─────────────────────────────────────────────────────────────────
    app.get('/users', {
      config: { access: 'identity.user.read' },
      schema: { operationId: 'listUsers', tags: TAG, summary: '用户列表（按部门范围）', querystring: S.ListUsersQuery, response: { 200: S.UserPage } },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return identity.users.list(req.ctx, filter, { page, pageSize });
    });

    app.get('/users/:id', {
      config: { access: 'identity.user.read' },
      schema: { operationId: 'getUser', tags: TAG, summary: '用户详情', params: IdParams, response: { 200: { $ref: 'User#' } } },
    }, async (req) => identity.users.get(req.ctx, req.params.id));

    app.post('/users', {
      config: { access: 'identity.user.manage', audit: 'identity.user.create' },
      schema: { operationId: 'createUser', tags: TAG, summary: '新建用户', body: S.CreateUserBody, response: { 201: { $ref: 'User#' } } },
    }, async (req, reply) => reply.status(201).send(await identity.users.create(req.ctx, req.body)));

    app.patch('/users/:id', {
      config: { access: 'identity.user.manage', audit: 'identity.user.update' },
      schema: { operationId: 'updateUser', tags: TAG, summary: '修改用户（姓名、部门、启停用）', params: IdParams, body: S.UpdateUserBody, response: { 200: { $ref: 'User#' } } },
    }, async (req) => identity.users.update(req.ctx, req.params.id, req.body));

    app.put('/users/:id/roles', {
      config: { access: 'identity.user.assign-role', audit: 'identity.user.assign-role' },
      schema: { operationId: 'setUserRoles', tags: TAG, summary: '分配角色（安全保密管理员）', params: IdParams, body: S.SetRolesBody, response: { 200: { $ref: 'User#' } } },
    }, async (req) => identity.users.setRoles(req.ctx, req.params.id, req.body.roles));

    app.post('/users/:id/unlock', {
      config: { access: 'identity.user.unlock', audit: 'identity.user.unlock' },
      schema: { operationId: 'unlockUser', tags: TAG, summary: '解锁账号', params: IdParams, response: { 200: { $ref: 'User#' } } },
    }, async (req) => identity.users.unlock(req.ctx, req.params.id));

    app.post('/users/:id/password', {
      config: { access: 'identity.user.reset-password', audit: 'identity.user.reset-password' },
      schema: { operationId: 'resetUserPassword', tags: TAG, summary: '重置密码', params: IdParams, body: S.ResetPasswordBody, response: { 204: { type: 'null' } } },
    }, async (req, reply) => {
      await identity.users.resetPassword(req.ctx, req.params.id, req.body.password);
      return reply.status(204).send(null);
    });

    // ── roles, permissions, divisions ────────────────────────────────────────
    app.get('/roles', {
      config: { access: 'identity.role.read' },
      schema: { operationId: 'listRoles', tags: TAG, summary: '角色及其权限', response: { 200: S.RoleListSchema } },
    }, async () => ({ items: identity.users.roles() }));

    app.get('/permissions', {
      config: { access: 'identity.role.read' },
      schema: { operationId: 'listPermissions', tags: TAG, summary: '权限清单', response: { 200: S.PermissionListSchema } },
    }, async () => ({ items: identity.users.permissions() }));

    app.get('/divisions', {
      config: { access: 'public' },
      schema: { operationId: 'listDivisions', tags: TAG, summary: '行政区划（GB/T 2260）下级列表；不带 parent 时返回省级', querystring: S.DivisionsQuery, response: { 200: S.DivisionListSchema } },
    }, async (req) => ({
      items: childDivisions(req.query.parent ?? null).map((d) => ({
        code: d.code, name: d.name, level: d.level, parentCode: d.parentCode, hasChildren: childDivisions(d.code).length > 0,
      })),
    }));
  };
}
