import type { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../kernel/schemas.ts';
import type { IngestService } from './ingest.service.ts';
import * as S from './ingest.schemas.ts';
import { normalizeSource, type SourceSpec } from './sources.ts';

const TAG = ['数据归集'];
const NoContent = { 204: Type.Null() };
const UPLOAD_TYPES = ['application/octet-stream', 'text/csv', 'application/csv', 'text/plain', 'application/x-ndjson', 'application/jsonl', 'application/json-lines',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'];

/** /api/v1/ingest: uploads, previews, jobs (queue, progress, cancel, rejected rows, OpenLineage), definitions and schedules (docs/ingest-api.md). */
export function ingestRoutes(ingest: IngestService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(S.JobSchema);
    app.addSchema(S.DefinitionSchema);
    // Uploads arrive as the raw request body: handed over as a stream and written to disk, never buffered.
    app.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));

    app.post('/uploads', {
      config: { access: 'ingest.job.run', audit: 'ingest.upload.create' },
      schema: {
        operationId: 'uploadIngestFile', tags: TAG, summary: '上传归集文件（请求体为文件内容，流式写入磁盘；CSV / XLSX / JSON Lines）', querystring: S.UploadQuery,
        response: { 201: S.UploadResult },
      },
    }, async (req, reply) => {
      const body = req.body as Readable | undefined;
      const stream = body && typeof (body as Readable).pipe === 'function' ? body : req.raw;
      return reply.status(201).send(await ingest.uploads.receive(req.ctx, req.query.fileName, stream));
    });

    app.get('/entries/:entryId', {
      config: { access: 'ingest.job.read' },
      schema: { operationId: 'getIngestEntry', tags: TAG, summary: '目录的归集概况：挂接的库表、逻辑接入（不落地）、最近任务', params: S.EntryParams, response: { 200: S.EntryOverview } },
    }, async (req) => ingest.entries.overview(req.ctx, req.params.entryId));

    app.post('/previews', {
      config: { access: 'ingest.job.run' },
      schema: { operationId: 'previewIngest', tags: TAG, summary: '读取数据源前若干行，报告字段映射与样本校验问题（不写入）', body: S.PreviewBody, response: { 200: S.PreviewResult } },
    }, async (req) => ingest.preview(req.ctx, { ...req.body, source: normalizeSource(req.body.source as SourceSpec) }));

    app.post('/jobs', {
      config: { access: 'ingest.job.run', audit: 'ingest.job.create' },
      schema: { operationId: 'createIngestJob', tags: TAG, summary: '创建归集任务（排队后由后台任务执行）', body: S.CreateJobBody, response: { 202: { $ref: 'IngestJob#' } } },
    }, async (req, reply) => reply.status(202).send(await ingest.jobs.create(req.ctx, { ...req.body, source: normalizeSource(req.body.source as SourceSpec) })));

    app.get('/jobs', {
      config: { access: 'ingest.job.read' },
      schema: { operationId: 'listIngestJobs', tags: TAG, summary: '归集任务列表（按目录、状态、部门筛选）', querystring: S.JobQuery, response: { 200: S.JobPage } },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return ingest.jobs.list(req.ctx, filter, { page, pageSize });
    });

    app.get('/jobs/:id', {
      config: { access: 'ingest.job.read' },
      schema: { operationId: 'getIngestJob', tags: TAG, summary: '归集任务详情与进度（行数、行/秒、百分比、预计剩余时间）', params: IdParams, response: { 200: { $ref: 'IngestJob#' } } },
    }, async (req) => ingest.jobs.get(req.ctx, req.params.id));

    app.post('/jobs/:id/cancel', {
      config: { access: 'ingest.job.run', audit: 'ingest.job.cancel' },
      schema: { operationId: 'cancelIngestJob', tags: TAG, summary: '取消归集任务（原有数据保持不变）', params: IdParams, response: { 200: { $ref: 'IngestJob#' } } },
    }, async (req) => ingest.jobs.cancel(req.ctx, req.params.id));

    app.get('/jobs/:id/rejects', {
      config: { access: 'ingest.job.read' },
      schema: { operationId: 'listIngestRejects', tags: TAG, summary: '未通过校验的行及原因', params: IdParams, querystring: S.RejectQuery, response: { 200: S.RejectPage } },
    }, async (req) => ingest.jobs.rejects(req.ctx, req.params.id, req.query));

    app.get('/jobs/:id/rejects/export', {
      config: { access: 'ingest.job.read' },
      schema: { operationId: 'exportIngestRejects', tags: TAG, summary: '下载未通过校验的行（CSV 或 XLSX）', params: IdParams, querystring: S.RejectExportQuery },
    }, async (req, reply) => {
      const file = await ingest.jobs.exportRejects(req.ctx, req.params.id, req.query.format ?? 'csv');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.body);
    });

    app.get('/jobs/:id/openlineage', {
      config: { access: 'ingest.job.read' },
      schema: { operationId: 'getIngestJobOpenLineage', tags: TAG, summary: '任务的 OpenLineage RunEvent（血缘导出）', params: IdParams, response: { 200: S.OpenLineageSchema } },
    }, async (req) => ingest.jobs.openlineage(req.ctx, req.params.id));

    app.get('/definitions', {
      config: { access: 'ingest.job.read' },
      schema: { operationId: 'listIngestDefinitions', tags: TAG, summary: '归集配置与定时计划', querystring: S.DefinitionQuery, response: { 200: S.DefinitionList } },
    }, async (req) => ingest.definitions.list(req.ctx, req.query.entryId));

    app.post('/definitions', {
      config: { access: 'ingest.job.run', audit: 'ingest.definition.create' },
      schema: { operationId: 'createIngestDefinition', tags: TAG, summary: '保存归集配置（可按目录更新周期或自定义间隔定时运行）', body: S.CreateDefinitionBody, response: { 201: { $ref: 'IngestDefinition#' } } },
    }, async (req, reply) => reply.status(201).send(await ingest.definitions.create(req.ctx, { ...req.body, source: normalizeSource(req.body.source as SourceSpec) })));

    app.get('/definitions/:id', {
      config: { access: 'ingest.job.read' },
      schema: { operationId: 'getIngestDefinition', tags: TAG, summary: '归集配置详情', params: IdParams, response: { 200: { $ref: 'IngestDefinition#' } } },
    }, async (req) => ingest.definitions.get(req.ctx, req.params.id));

    app.patch('/definitions/:id', {
      config: { access: 'ingest.job.run', audit: 'ingest.definition.update' },
      schema: { operationId: 'updateIngestDefinition', tags: TAG, summary: '启用或停用定时计划', params: IdParams, body: S.EnabledBody, response: { 200: { $ref: 'IngestDefinition#' } } },
    }, async (req) => ingest.definitions.setEnabled(req.ctx, req.params.id, req.body.enabled));

    app.delete('/definitions/:id', {
      config: { access: 'ingest.job.run', audit: 'ingest.definition.delete' },
      schema: { operationId: 'deleteIngestDefinition', tags: TAG, summary: '删除归集配置', params: IdParams, response: NoContent },
    }, async (req, reply) => {
      await ingest.definitions.remove(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });

    app.post('/definitions/:id/runs', {
      config: { access: 'ingest.job.run', audit: 'ingest.job.create' },
      schema: { operationId: 'runIngestDefinition', tags: TAG, summary: '立即运行归集配置', params: IdParams, response: { 202: { $ref: 'IngestJob#' } } },
    }, async (req, reply) => reply.status(202).send(await ingest.definitions.run(req.ctx, req.params.id)));
  };
}
