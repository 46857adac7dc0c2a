import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams } from '../../kernel/schemas.ts';
import type { SharingService } from './sharing.service.ts';
import * as S from './sharing.schemas.ts';

const REQ = ['共享申请'];
const GRANT = ['共享授权'];
const DEMAND = ['供需对接'];
const OVERVIEW = ['共享督办与统计'];

/** /api/v1/sharing (docs/sharing-api.md). Routes parse, authorize and shape; the service decides. */
export function sharingRoutes(sharing: SharingService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const page = (q: { page: number; pageSize: number }) => ({ page: q.page, pageSize: q.pageSize });

    app.get('/meta', { config: { access: 'authenticated' }, schema: { operationId: 'getSharingMeta', tags: OVERVIEW, summary: '共享枚举与参数', response: { 200: S.Meta } } },
      async () => sharing.meta());
    app.get('/settings', { config: { access: 'authenticated' }, schema: { operationId: 'getSharingSettings', tags: OVERVIEW, summary: '共享时限规则与参数', response: { 200: S.Settings } } },
      async () => sharing.settings());
    app.put('/settings', {
      config: { access: 'sharing.rule.manage', audit: 'sharing.settings.update' },
      schema: { operationId: 'updateSharingSettings', tags: OVERVIEW, summary: '维护共享时限规则与参数', body: S.SettingsBody, response: { 200: S.Settings } },
    }, async (req) => sharing.updateSettings(req.ctx, req.body));

    // ── requests ──
    app.get('/requests', { config: { access: 'sharing.request.read' }, schema: { operationId: 'listShareRequests', tags: REQ, summary: '共享申请列表', querystring: S.RequestQuery, response: { 200: S.RequestList } } },
      async (req) => sharing.requests.list(req.ctx, req.query, page(req.query)));
    app.post('/requests', {
      config: { access: 'sharing.request.create', audit: 'sharing.request.create' },
      schema: { operationId: 'createShareRequest', tags: REQ, summary: '提出共享申请', body: S.CreateRequestBody, response: { 201: S.RequestSchema } },
    }, async (req, reply) => reply.status(201).send(await sharing.requests.create(req.ctx, req.body)));
    app.get('/requests/:id', { config: { access: 'sharing.request.read' }, schema: { operationId: 'getShareRequest', tags: REQ, summary: '共享申请详情', params: IdParams, response: { 200: S.RequestSchema } } },
      async (req) => sharing.requests.get(req.ctx, req.params.id));
    app.post('/requests/:id/check', {
      config: { access: 'sharing.request.check', audit: 'sharing.request.check' },
      schema: { operationId: 'checkShareRequest', tags: REQ, summary: '数据局符合性审查', params: IdParams, body: S.CheckBody, response: { 200: S.RequestSchema } },
    }, async (req) => sharing.requests.check(req.ctx, req.params.id, req.body));
    app.post('/requests/:id/review', {
      config: { access: 'sharing.request.review', audit: 'sharing.request.review' },
      schema: { operationId: 'reviewShareRequest', tags: REQ, summary: '提供方审核（同意或依法拒绝）', params: IdParams, body: S.ReviewBody, response: { 200: S.RequestSchema } },
    }, async (req) => sharing.requests.review(req.ctx, req.params.id, req.body));
    app.post('/requests/:id/transfer', {
      config: { access: 'sharing.request.read', audit: 'sharing.request.transfer' },
      schema: { operationId: 'transferShareRequest', tags: REQ, summary: '转交其他提供部门（提供方或数据局）', params: IdParams, body: S.TransferBody, response: { 200: S.RequestSchema } },
    }, async (req) => sharing.requests.transfer(req.ctx, req.params.id, req.body));
    app.post('/requests/:id/withdraw', {
      config: { access: 'sharing.request.create', audit: 'sharing.request.withdraw' },
      schema: { operationId: 'withdrawShareRequest', tags: REQ, summary: '撤回申请', params: IdParams, body: S.NoteBody, response: { 200: S.RequestSchema } },
    }, async (req) => sharing.requests.withdraw(req.ctx, req.params.id, req.body ?? {}));
    app.post('/requests/:id/arbitration', {
      config: { access: 'sharing.request.create', audit: 'sharing.request.arbitration.request' },
      schema: { operationId: 'requestShareArbitration', tags: REQ, summary: '对拒绝申请数据局协调', params: IdParams, body: S.ArbitrationBody, response: { 200: S.RequestSchema } },
    }, async (req) => sharing.requests.askArbitration(req.ctx, req.params.id, req.body));
    app.post('/requests/:id/arbitration/decision', {
      config: { access: 'sharing.arbitrate', audit: 'sharing.request.arbitration.decide' },
      schema: { operationId: 'decideShareArbitration', tags: REQ, summary: '数据局协调决定（授权或维持拒绝）', params: IdParams, body: S.ArbitrationDecisionBody, response: { 200: S.RequestSchema } },
    }, async (req) => sharing.requests.arbitrate(req.ctx, req.params.id, req.body));

    // ── grants ──
    app.get('/grants', { config: { access: 'sharing.request.read' }, schema: { operationId: 'listShareGrants', tags: GRANT, summary: '授权列表', querystring: S.GrantQuery, response: { 200: S.GrantList } } },
      async (req) => sharing.grants.list(req.ctx, req.query, page(req.query)));
    app.get('/grants/:id', { config: { access: 'sharing.request.read' }, schema: { operationId: 'getShareGrant', tags: GRANT, summary: '授权详情', params: IdParams, response: { 200: S.GrantSchema } } },
      async (req) => sharing.grants.get(req.ctx, req.params.id));
    app.post('/grants/:id/revoke', {
      config: { access: 'sharing.request.read', audit: 'sharing.grant.revoke' },
      schema: { operationId: 'revokeShareGrant', tags: GRANT, summary: '撤销授权（提供方或数据局）', params: IdParams, body: S.RevokeBody, response: { 200: S.GrantSchema } },
    }, async (req) => sharing.grants.revoke(req.ctx, req.params.id, req.body));
    app.post('/grants/:id/renewals', {
      config: { access: 'sharing.request.create', audit: 'sharing.grant.renew' },
      schema: { operationId: 'renewShareGrant', tags: GRANT, summary: '申请授权续期', params: IdParams, body: S.RenewBody, response: { 201: S.RequestSchema } },
    }, async (req, reply) => reply.status(201).send(await sharing.grants.renew(req.ctx, req.params.id, req.body)));

    // ── demands ──
    app.get('/demands', { config: { access: 'sharing.request.read' }, schema: { operationId: 'listShareDemands', tags: DEMAND, summary: '共享需求列表', querystring: S.DemandQuery, response: { 200: S.DemandList } } },
      async (req) => sharing.demands.list(req.ctx, req.query, page(req.query)));
    app.post('/demands', {
      config: { access: 'sharing.demand.create', audit: 'sharing.demand.create' },
      schema: { operationId: 'createShareDemand', tags: DEMAND, summary: '提出共享需求', body: S.CreateDemandBody, response: { 201: S.DemandSchema } },
    }, async (req, reply) => reply.status(201).send(await sharing.demands.create(req.ctx, req.body)));
    app.get('/demands/:id', { config: { access: 'sharing.request.read' }, schema: { operationId: 'getShareDemand', tags: DEMAND, summary: '共享需求详情', params: IdParams, response: { 200: S.DemandSchema } } },
      async (req) => sharing.demands.get(req.ctx, req.params.id));
    app.post('/demands/:id/route', {
      config: { access: 'sharing.demand.route', audit: 'sharing.demand.route' },
      schema: { operationId: 'routeShareDemand', tags: DEMAND, summary: '分派共享需求', params: IdParams, body: S.RouteBody, response: { 200: S.DemandSchema } },
    }, async (req) => sharing.demands.route(req.ctx, req.params.id, req.body));
    app.post('/demands/:id/transfer', {
      config: { access: 'sharing.demand.answer', audit: 'sharing.demand.transfer' },
      schema: { operationId: 'transferShareDemand', tags: DEMAND, summary: '转交共享需求', params: IdParams, body: S.TransferBody, response: { 200: S.DemandSchema } },
    }, async (req) => sharing.demands.transfer(req.ctx, req.params.id, req.body));
    app.post('/demands/:id/answer', {
      config: { access: 'sharing.demand.answer', audit: 'sharing.demand.answer' },
      schema: { operationId: 'answerShareDemand', tags: DEMAND, summary: '答复共享需求（编目或依法拒绝）', params: IdParams, body: S.AnswerBody, response: { 200: S.DemandSchema } },
    }, async (req) => sharing.demands.answer(req.ctx, req.params.id, req.body));
    app.post('/demands/:id/confirm', {
      config: { access: 'sharing.demand.create', audit: 'sharing.demand.confirm' },
      schema: { operationId: 'confirmShareDemand', tags: DEMAND, summary: '确认需求满足情况', params: IdParams, body: S.ConfirmBody, response: { 200: S.DemandSchema } },
    }, async (req) => sharing.demands.confirm(req.ctx, req.params.id, req.body));
    app.post('/demands/:id/withdraw', {
      config: { access: 'sharing.demand.create', audit: 'sharing.demand.withdraw' },
      schema: { operationId: 'withdrawShareDemand', tags: DEMAND, summary: '撤回共享需求', params: IdParams, response: { 200: S.DemandSchema } },
    }, async (req) => sharing.demands.withdraw(req.ctx, req.params.id));

    // ── overview ──
    app.get('/todo', { config: { access: 'authenticated' }, schema: { operationId: 'getSharingTodo', tags: OVERVIEW, summary: '我的共享待办（红黄绿灯）', querystring: S.TodoQuery, response: { 200: S.Todo } } },
      async (req) => sharing.todo(req.ctx, req.query.role));
    app.get('/escalations', { config: { access: 'sharing.request.check' }, schema: { operationId: 'getSharingEscalations', tags: OVERVIEW, summary: '超期督办清单', response: { 200: S.Escalations } } },
      async (req) => sharing.escalations(req.ctx));
    app.get('/stats', { config: { access: 'sharing.stats.read' }, schema: { operationId: 'getSharingStats', tags: OVERVIEW, summary: '共享统计（需求满足率等）', response: { 200: S.Stats } } },
      async () => sharing.stats());
  };
}
