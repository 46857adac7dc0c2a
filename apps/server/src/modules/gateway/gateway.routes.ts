import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams } from '../../kernel/schemas.ts';
import type { GatewayService } from './gateway.service.ts';
import * as S from './gateway.schemas.ts';

const TAG = ['共享交换网关'];

/** /api/v1/gateway: credentials of consumer systems, call-log verification, statistics, “谁用了我的数据” (docs/gateway-api.md). */
export function gatewayRoutes(gateway: GatewayService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(S.CredentialSchema);
    app.addSchema(S.UpstreamApiSchema);

    app.get('/credentials', {
      config: { access: 'gateway.credential.manage' },
      schema: { operationId: 'listGatewayCredentials', tags: TAG, summary: '本部门信息系统的调用凭据', response: { 200: S.CredentialList } },
    }, async (req) => gateway.credentials.list(req.ctx));

    app.post('/credentials', {
      config: { access: 'gateway.credential.manage', audit: 'gateway.credential.create' },
      schema: { operationId: 'createGatewayCredential', tags: TAG, summary: '为本部门信息系统创建调用凭据（密钥仅显示一次）', body: S.CreateCredentialBody, response: { 201: S.SecretIssued } },
    }, async (req, reply) => reply.status(201).send(await gateway.credentials.create(req.ctx, req.body)));

    app.get('/credentials/:id', {
      config: { access: 'gateway.credential.manage' },
      schema: { operationId: 'getGatewayCredential', tags: TAG, summary: '调用凭据详情', params: IdParams, response: { 200: { $ref: 'GatewayCredential#' } } },
    }, async (req) => gateway.credentials.get(req.ctx, req.params.id));

    app.post('/credentials/:id/rotate', {
      config: { access: 'gateway.credential.manage', audit: 'gateway.credential.rotate' },
      schema: { operationId: 'rotateGatewayCredential', tags: TAG, summary: '轮换密钥（新旧密钥在重叠期内同时有效）', params: IdParams, body: S.RotateBody, response: { 200: S.SecretIssued } },
    }, async (req) => gateway.credentials.rotate(req.ctx, req.params.id, req.body.overlapMinutes ?? gateway.options.defaultRotationOverlapMinutes));

    app.post('/credentials/:id/revoke', {
      config: { access: 'gateway.credential.manage', audit: 'gateway.credential.revoke' },
      schema: { operationId: 'revokeGatewayCredential', tags: TAG, summary: '注销调用凭据（立即失效）', params: IdParams, response: { 200: { $ref: 'GatewayCredential#' } } },
    }, async (req) => gateway.credentials.revoke(req.ctx, req.params.id));

    app.get('/upstreams', {
      config: { access: 'gateway.upstream.manage' },
      schema: { operationId: 'listGatewayUpstreams', tags: TAG, summary: '本部门挂接的接口（逻辑接入）及其上游凭据状态', response: { 200: S.UpstreamApiList } },
    }, async (req) => gateway.upstreams.list(req.ctx));

    app.get('/upstreams/:id', {
      config: { access: 'gateway.upstream.manage' },
      schema: { operationId: 'getGatewayUpstream', tags: TAG, summary: '目录挂接接口的上游凭据状态（不含令牌或密钥）', params: IdParams, response: { 200: { $ref: 'GatewayUpstreamApi#' } } },
    }, async (req) => gateway.upstreams.get(req.ctx, req.params.id));

    app.put('/upstreams/:id', {
      config: { access: 'gateway.upstream.manage', audit: 'gateway.upstream.set' },
      schema: { operationId: 'setGatewayUpstream', tags: TAG, summary: '设置上游凭据：网关转发到该接口时出示（令牌或 AppKey 签名；保存后不再显示）', params: IdParams, body: S.UpstreamCredentialBody, response: { 200: { $ref: 'GatewayUpstreamApi#' } } },
    }, async (req) => gateway.upstreams.set(req.ctx, req.params.id, req.body));

    app.delete('/upstreams/:id', {
      config: { access: 'gateway.upstream.manage', audit: 'gateway.upstream.clear' },
      schema: { operationId: 'clearGatewayUpstream', tags: TAG, summary: '清除上游凭据（此后转发不带凭据）', params: IdParams, response: { 200: { $ref: 'GatewayUpstreamApi#' } } },
    }, async (req) => gateway.upstreams.clear(req.ctx, req.params.id));

    app.get('/call-log/status', {
      config: { access: 'gateway.log.verify' },
      schema: { operationId: 'getGatewayCallLogStatus', tags: TAG, summary: '调用日志写入状态（积压、是否降级）', response: { 200: S.LogStatusSchema } },
    }, async () => gateway.callLog.status());

    app.post('/call-log/verify', {
      config: { access: 'gateway.log.verify', audit: 'gateway.log.verify' },
      schema: { operationId: 'verifyGatewayCallLog', tags: TAG, summary: '校验调用日志 SM3 链，报告第一处断链', response: { 200: S.ChainReportSchema } },
    }, async (req) => gateway.verifyLog(req.ctx));

    app.get('/stats', {
      config: { access: 'gateway.stats.read' },
      schema: { operationId: 'getGatewayStats', tags: TAG, summary: '调用统计：按日与授权/部门/目录的调用量、错误数、时延分位数', querystring: S.StatsQuery, response: { 200: S.StatsSchema } },
    }, async (req) => gateway.stats(req.ctx, req.query));

    app.get('/my-data-uses', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyDataUses', tags: TAG, summary: '谁用了我的数据：哪些部门在何时、为何查询了本人的数据', response: { 200: S.MyDataUses } },
    }, async (req) => gateway.myDataUses(req.ctx));
  };
}
