import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sendDownload } from '../../kernel/http.ts';
import { IdParams } from '../../kernel/schemas.ts';
import type { DisputesService } from './disputes.service.ts';
import * as S from './disputes.schemas.ts';

const TAG = ['异议核实'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** /api/v1/disputes (docs/disputes-api.md). Routes parse, authorize and shape; the service decides. */
export function disputesRoutes(disputes: DisputesService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    // Evidence arrives as the raw request body; JSON keeps its own parser.
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    const page = (q: { page: number; pageSize: number }) => ({ page: q.page, pageSize: q.pageSize });

    app.get('/meta', { config: { access: 'disputes.read' }, schema: { operationId: 'getDisputesMeta', tags: TAG, summary: '异议状态与时限规则', response: { 200: S.Meta } } },
      async () => disputes.meta());
    app.get('/rules', { config: { access: 'disputes.read' }, schema: { operationId: 'getDisputeRules', tags: TAG, summary: '异议办理时限规则', response: { 200: S.Rules } } },
      async () => disputes.rules());
    app.put('/rules', {
      config: { access: 'disputes.rule.manage', audit: 'disputes.rules.update' },
      schema: { operationId: 'updateDisputeRules', tags: TAG, summary: '维护异议办理时限（工作日）', body: S.RulesBody, response: { 200: S.Rules } },
    }, async (req) => disputes.updateRules(req.ctx, req.body));

    app.get('/', { config: { access: 'disputes.read' }, schema: { operationId: 'listDisputes', tags: TAG, summary: '异议列表（我的、待受理、待核实、全部；可筛选超期）', querystring: S.ListQuery, response: { 200: S.DisputeList } } },
      async (req) => {
        const { page: p, pageSize, ...filter } = req.query;
        return disputes.list(req.ctx, filter, page({ page: p, pageSize }));
      });
    app.get('/export', {
      config: { access: 'disputes.read' },
      schema: { operationId: 'exportDisputes', tags: TAG, summary: '导出异议清单（CSV 或 XLSX，最多 10000 条）', querystring: S.ExportQuery },
    }, async (req, reply) => {
      const { format = 'xlsx', ...filter } = req.query;
      const file = await disputes.export(req.ctx, filter, format);
      return sendDownload(reply, file.fileName, format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE, file.body);
    });
    app.get('/stats', { config: { access: 'disputes.read' }, schema: { operationId: 'getDisputeStats', tags: TAG, summary: '异议统计（按状态、超期数）', response: { 200: S.Stats } } },
      async (req) => disputes.stats(req.ctx));
    app.get('/notifications', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listDisputeNotifications', tags: TAG, summary: '我的异议办理通知（未读数与列表）', querystring: S.NotificationQuery, response: { 200: S.Notifications } },
    }, async (req) => disputes.notifications(req.ctx, req.query.unread ?? false));
    app.post('/notifications/read', {
      config: { access: 'authenticated' },
      schema: { operationId: 'readDisputeNotifications', tags: TAG, summary: '标记通知已读（不传 ids 为全部）', body: S.ReadBody },
    }, async (req) => disputes.markRead(req.ctx, req.body ?? {}));

    app.post('/', {
      config: { access: 'disputes.raise', audit: 'disputes.raise' },
      schema: { operationId: 'raiseDispute', tags: TAG, summary: '提出数据异议', body: S.RaiseBody, response: { 201: S.DisputeSchema } },
    }, async (req, reply) => reply.status(201).send(await disputes.raise(req.ctx, req.body)));
    app.get('/:id', { config: { access: 'disputes.read' }, schema: { operationId: 'getDispute', tags: TAG, summary: '异议详情（含办理过程）', params: IdParams, response: { 200: S.DisputeSchema } } },
      async (req) => disputes.get(req.ctx, req.params.id));
    app.post('/:id/accept', {
      config: { access: 'disputes.accept', audit: 'disputes.accept' },
      schema: { operationId: 'acceptDispute', tags: TAG, summary: '受理并转交提供部门核实（标注存疑）', params: IdParams, body: S.AcceptBody, response: { 200: S.DisputeSchema } },
    }, async (req) => disputes.accept(req.ctx, req.params.id, req.body ?? {}));
    app.post('/:id/reject', {
      config: { access: 'disputes.accept', audit: 'disputes.reject' },
      schema: { operationId: 'rejectDispute', tags: TAG, summary: '不予受理（须说明理由）', params: IdParams, body: S.ReasonBody, response: { 200: S.DisputeSchema } },
    }, async (req) => disputes.reject(req.ctx, req.params.id, req.body));
    app.post('/:id/reroute', {
      config: { access: 'disputes.accept', audit: 'disputes.reroute' },
      schema: { operationId: 'rerouteDispute', tags: TAG, summary: '改派核实部门', params: IdParams, body: S.RerouteBody, response: { 200: S.DisputeSchema } },
    }, async (req) => disputes.reroute(req.ctx, req.params.id, req.body));
    app.post('/:id/correct', {
      config: { access: 'disputes.verify', audit: 'disputes.correct' },
      schema: { operationId: 'correctDispute', tags: TAG, summary: '核实后更正（登记更正值，源头更正）', params: IdParams, body: S.CorrectBody, response: { 200: S.DisputeSchema } },
    }, async (req) => disputes.correct(req.ctx, req.params.id, req.body));
    app.post('/:id/refute', {
      config: { access: 'disputes.verify', audit: 'disputes.refute' },
      schema: { operationId: 'refuteDispute', tags: TAG, summary: '核实无误（须说明理由）', params: IdParams, body: S.ReasonBody, response: { 200: S.DisputeSchema } },
    }, async (req) => disputes.refute(req.ctx, req.params.id, req.body));
    app.post('/:id/withdraw', {
      config: { access: 'disputes.raise', audit: 'disputes.withdraw' },
      schema: { operationId: 'withdrawDispute', tags: TAG, summary: '撤回异议（提出人）', params: IdParams, body: S.NoteBody, response: { 200: S.DisputeSchema } },
    }, async (req) => disputes.withdraw(req.ctx, req.params.id, req.body ?? {}));

    app.post('/:id/evidence', {
      config: { access: 'disputes.read', audit: 'disputes.evidence' },
      bodyLimit: 10 * 1024 * 1024,
      schema: { operationId: 'uploadDisputeEvidence', tags: TAG, summary: '上传证明材料（请求体为文件内容，≤10 MB，服务端计算 SM3）', params: IdParams, querystring: S.EvidenceQuery, response: { 201: S.Evidence } },
    }, async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? ''));
      const type = String(req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim();
      return reply.status(201).send(await disputes.uploadEvidence(req.ctx, req.params.id, req.query.fileName, type, body));
    });
    app.get('/:id/evidence/:evidenceId', {
      config: { access: 'disputes.read' },
      schema: { operationId: 'downloadDisputeEvidence', tags: TAG, summary: '下载证明材料', params: S.EvidenceParams },
    }, async (req, reply) => {
      const file = await disputes.downloadEvidence(req.ctx, req.params.id, req.params.evidenceId);
      reply.header('x-content-sm3', file.sm3);
      return sendDownload(reply, file.name, file.contentType, file.body);
    });
  };
}
