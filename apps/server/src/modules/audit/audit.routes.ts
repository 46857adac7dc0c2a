import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sendDownload } from '../../kernel/http.ts';
import type { AuditService } from './audit.service.ts';
import {
  AuditEventPage, AuditEventSchema, ExportAuditEventsQuery, ListAuditEventsQuery, VerificationReportSchema,
} from './audit.schemas.ts';

/** /api/v1/audit: search, export and verify the audit log. There is no route that edits it. */
export function auditRoutes(audit: AuditService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(AuditEventSchema);

    app.get('/events', {
      config: { access: 'audit.event.read' },
      schema: { operationId: 'listAuditEvents', tags: ['审计'], summary: '检索审计日志', querystring: ListAuditEventsQuery, response: { 200: AuditEventPage } },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return audit.search(filter, { page, pageSize });
    });

    app.get('/events/export', {
      config: { access: 'audit.event.export', audit: 'audit.event.export' },
      schema: { operationId: 'exportAuditEvents', tags: ['审计'], summary: '导出审计日志（xlsx/csv）', querystring: ExportAuditEventsQuery },
    }, async (req, reply) => {
      const { format, ...filter } = req.query;
      const { body } = await audit.exportEvents(req.ctx, filter, format);
      const stamp = new Date().toISOString().slice(0, 10);
      const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return sendDownload(reply, `审计日志-${stamp}.${format}`, type, body);
    });

    app.post('/verifications', {
      config: { access: 'audit.event.verify', audit: 'audit.chain.verify' },
      schema: { operationId: 'verifyAuditChain', tags: ['审计'], summary: '校验审计链完整性（SM3）', response: { 200: VerificationReportSchema } },
    }, async (req) => {
      const report = await audit.verify();
      await audit.recordAlone(req.ctx, {
        action: 'audit.chain.verify',
        result: report.ok ? 'success' : 'failure',
        reason: report.firstBroken?.reason ?? null,
        details: { checked: report.checked, firstBroken: report.firstBroken },
      });
      return report;
    });
  };
}
