import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyPluginAsync, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sendDownload } from '../../kernel/http.ts';
import { IdParams } from '../../kernel/schemas.ts';
import { describeValidationErrors } from '../../kernel/validation-messages.ts';
import { XLSX_TYPE } from './excel-catalog.ts';
import type { CatalogService } from './catalog.service.ts';
import type { EntryInput } from './entry-model.ts';
import * as S from './catalog.schemas.ts';

export const TAG = ['政务数据目录'];
const NoContent = { 204: { type: 'null' } } as const;
const Xlsx = { 200: { description: 'xlsx 文件', content: { [XLSX_TYPE]: { schema: S.XlsxFile } } } };

export type CatalogApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** /api/v1/catalog: the data catalog “一本账” (docs/catalog-api.md). */
export function catalogRoutes(catalog: CatalogService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(S.ChecksResultSchema);
    app.addSchema(S.EntrySchema);
    app.addSchema(S.SystemSchema);
    app.addSchema(S.MountSchema);
    // Raw uploads (mounted files, Excel workbooks) arrive as the request body; JSON keeps its own parser.
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    app.get('/meta', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'getCatalogMeta', tags: TAG, summary: '目录枚举、代码规则、校验项与质量评分权重' },
    }, async () => catalog.meta());

    // ── information systems ───────────────────────────────────────────────
    app.get('/systems', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'listCatalogSystems', tags: TAG, summary: '政务信息系统列表', querystring: S.ListSystemsQuery, response: { 200: S.SystemPage } },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return catalog.systems.list(req.ctx, filter, { page, pageSize });
    });

    app.get('/systems/:id', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'getCatalogSystem', tags: TAG, summary: '政务信息系统详情', params: IdParams, response: { 200: { $ref: 'CatalogSystem#' } } },
    }, async (req) => catalog.systems.get(req.ctx, req.params.id));

    app.post('/systems', {
      config: { access: 'catalog.system.manage', audit: 'catalog.system.create' },
      schema: { operationId: 'createCatalogSystem', tags: TAG, summary: '登记本部门政务信息系统', body: S.CreateSystemBody, response: { 201: { $ref: 'CatalogSystem#' } } },
    }, async (req, reply) => reply.status(201).send(await catalog.systems.create(req.ctx, req.body)));

    app.patch('/systems/:id', {
      config: { access: 'catalog.system.manage', audit: 'catalog.system.update' },
      schema: { operationId: 'updateCatalogSystem', tags: TAG, summary: '修改政务信息系统', params: IdParams, body: S.UpdateSystemBody, response: { 200: { $ref: 'CatalogSystem#' } } },
    }, async (req) => catalog.systems.update(req.ctx, req.params.id, req.body));

    // ── entries (working copies) ─────────────────────────────────────────────
    app.get('/entries', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'listCatalogEntries', tags: TAG, summary: '编目列表（本部门或数据局可见的编辑稿）', querystring: S.ListEntriesQuery, response: { 200: S.EntryPage } },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return catalog.entries.list(req.ctx, filter, { page, pageSize });
    });

    app.get('/entries/:id', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'getCatalogEntry', tags: TAG, summary: '目录编辑稿详情', params: IdParams, response: { 200: { $ref: 'CatalogEntry#' } } },
    }, async (req) => catalog.entries.get(req.ctx, req.params.id));

    app.post('/entries', {
      config: { access: 'catalog.entry.edit', audit: 'catalog.entry.create' },
      schema: { operationId: 'createCatalogEntry', tags: TAG, summary: '新建目录（草稿，分配信息资源代码）', body: S.CreateEntryBody, response: { 201: { $ref: 'CatalogEntry#' } } },
    }, async (req, reply) => reply.status(201).send(await catalog.entries.create(req.ctx, req.body as EntryInput & { name: string; category: string; subcategory: string })));

    app.patch('/entries/:id', {
      config: { access: 'catalog.entry.edit', audit: 'catalog.entry.update' },
      schema: { operationId: 'updateCatalogEntry', tags: TAG, summary: '修改目录编辑稿（items 给出时整体替换）', params: IdParams, body: S.UpdateEntryBody, response: { 200: { $ref: 'CatalogEntry#' } } },
    }, async (req) => catalog.entries.update(req.ctx, req.params.id, req.body as EntryInput));

    app.delete('/entries/:id', {
      config: { access: 'catalog.entry.edit', audit: 'catalog.entry.delete' },
      schema: { operationId: 'deleteCatalogEntry', tags: TAG, summary: '删除从未发布的草稿（代码作废，不再复用）', params: IdParams, response: NoContent },
    }, async (req, reply) => {
      await catalog.entries.remove(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });

    app.post('/entries/:id/checks', {
      config: { access: 'catalog.entry.read', audit: 'catalog.entry.check' },
      schema: { operationId: 'checkCatalogEntry', tags: TAG, summary: '机器校验（列出全部问题）', params: IdParams, response: { 200: { $ref: 'CatalogChecks#' } } },
    }, async (req) => catalog.entries.check(req.ctx, req.params.id));

    app.post('/entries/:id/submissions', {
      config: { access: 'catalog.entry.edit', audit: 'catalog.entry.submit' },
      schema: { operationId: 'submitCatalogEntry', tags: TAG, summary: '提交审核（新增发布或变更），先经机器校验', params: IdParams, response: { 200: { $ref: 'CatalogEntry#' } } },
    }, async (req) => catalog.lifecycle.submit(req.ctx, req.params.id));

    app.post('/entries/:id/withdrawals', {
      config: { access: 'catalog.entry.edit', audit: 'catalog.entry.withdraw' },
      schema: { operationId: 'requestCatalogWithdrawal', tags: TAG, summary: '申请撤销已发布目录', params: IdParams, body: S.WithdrawalBody, response: { 200: { $ref: 'CatalogEntry#' } } },
    }, async (req) => catalog.lifecycle.requestWithdrawal(req.ctx, req.params.id, req.body.reason));

    app.post('/entries/:id/reviews', {
      config: { access: 'catalog.entry.review', audit: 'catalog.entry.review' },
      schema: { operationId: 'reviewCatalogEntry', tags: TAG, summary: '数据局审核：通过或按字段退回', params: IdParams, body: S.ReviewBody, response: { 200: { $ref: 'CatalogEntry#' } } },
    }, async (req) => catalog.lifecycle.review(req.ctx, req.params.id, req.body));

    app.get('/entries/:id/reviews', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'listCatalogReviews', tags: TAG, summary: '审核记录', params: IdParams, response: { 200: S.ReviewList } },
    }, async (req) => ({ items: await catalog.lifecycle.reviews(req.ctx, req.params.id) }));

    // ── versions ─────────────────────────────────────────────────────────────
    app.get('/entries/:id/versions', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'listCatalogVersions', tags: TAG, summary: '已发布版本', params: IdParams, response: { 200: S.VersionList } },
    }, async (req) => ({ items: await catalog.lifecycle.versions(req.ctx, req.params.id) }));

    app.get('/entries/:id/versions/:version', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'getCatalogVersion', tags: TAG, summary: '某一发布版本的完整快照', params: S.VersionParams, response: { 200: S.VersionSchema } },
    }, async (req) => catalog.lifecycle.version(req.ctx, req.params.id, req.params.version));

    app.get('/entries/:id/diff', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'diffCatalogVersions', tags: TAG, summary: '两个版本（或版本与编辑稿）的逐字段差异', params: IdParams, querystring: S.DiffQuery, response: { 200: S.DiffSchema } },
    }, async (req) => catalog.lifecycle.diff(req.ctx, req.params.id, req.query.from, req.query.to));

    // ── mounts ───────────────────────────────────────────────────────────────
    app.get('/entries/:id/mounts', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'listCatalogMounts', tags: TAG, summary: '资源挂接', params: IdParams, response: { 200: S.MountList } },
    }, async (req) => ({ items: await catalog.mounts.list(req.ctx, req.params.id) }));

    app.post('/entries/:id/mounts', {
      config: { access: 'catalog.entry.edit', audit: 'catalog.mount.create' },
      schema: { operationId: 'createCatalogMount', tags: TAG, summary: '挂接库表（字段映射到信息项）或接口', params: IdParams, body: S.CreateMountBody, response: { 201: { $ref: 'CatalogMount#' } } },
    }, async (req, reply) => reply.status(201).send(await catalog.mounts.create(req.ctx, req.params.id, req.body)));

    app.post('/entries/:id/mounts/files', {
      config: { access: 'catalog.entry.edit', audit: 'catalog.mount.create' },
      schema: {
        operationId: 'uploadCatalogFile', tags: TAG, summary: '挂接文件（请求体为文件内容，服务端计算 SM3 和大小）', params: IdParams, querystring: S.FileMountQuery,
        response: { 201: { $ref: 'CatalogMount#' } },
      },
    }, async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? ''));
      const type = String(req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!;
      return reply.status(201).send(await catalog.mounts.upload(req.ctx, req.params.id, req.query.fileName, type, body));
    });

    app.get('/entries/:id/mounts/:mountId/file', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'downloadCatalogFile', tags: TAG, summary: '下载挂接的文件（本部门与数据局）', params: S.MountParams },
    }, async (req, reply) => {
      const file = await catalog.mounts.download(req.ctx, req.params.id, req.params.mountId);
      return sendDownload(reply, file.name, file.contentType, file.body);
    });

    app.delete('/entries/:id/mounts/:mountId', {
      config: { access: 'catalog.entry.edit', audit: 'catalog.mount.delete' },
      schema: { operationId: 'deleteCatalogMount', tags: TAG, summary: '取消挂接', params: S.MountParams, response: NoContent },
    }, async (req, reply) => {
      await catalog.mounts.remove(req.ctx, req.params.id, req.params.mountId);
      return reply.status(204).send(null);
    });

    // ── the published catalog ────────────────────────────────────────────────
    app.get('/search', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'searchCatalog', tags: TAG, summary: '检索已发布目录（分面、排序、分页）', querystring: S.SearchQuery, response: { 200: S.SearchResult } },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return catalog.search.search(filter, { page, pageSize });
    });

    app.get('/published/:id', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'getPublishedCatalogEntry', tags: TAG, summary: '已发布目录详情（信息项、版本、挂接）', params: IdParams, response: { 200: S.PublishedEntrySchema } },
    }, async (req) => catalog.search.published(req.ctx, req.params.id));

    // ── deadlines, statistics, quality ───────────────────────────────────────
    app.get('/deadline-rules', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'listCatalogDeadlineRules', tags: TAG, summary: '编目时限规则', response: { 200: Type.Object({ items: Type.Array(S.DeadlineRuleSchema) }) } },
    }, async () => ({ items: await catalog.supervision.rules() }));

    app.put('/deadline-rules/:code', {
      config: { access: 'catalog.rule.manage', audit: 'catalog.rule.update' },
      schema: { operationId: 'updateCatalogDeadlineRule', tags: TAG, summary: '修改时限规则（数据局）', params: S.DeadlineRuleParams, body: S.UpdateDeadlineRuleBody, response: { 200: S.DeadlineRuleSchema } },
    }, async (req) => catalog.supervision.updateRule(req.ctx, req.params.code, req.body));

    app.get('/deadlines/todo', {
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'getCatalogTodo', tags: TAG, summary: '部门待办：目录时限与红黄绿灯', querystring: S.TodoQuery, response: { 200: S.TodoList } },
    }, async (req) => catalog.supervision.todo(req.ctx, req.query.departmentId, req.query.asOf));

    app.get('/deadlines/supervision', {
      config: { access: 'catalog.entry.review' },
      schema: { operationId: 'getCatalogSupervision', tags: TAG, summary: '数据局督办：各部门临期与逾期事项', querystring: S.SupervisionQuery, response: { 200: S.TodoList } },
    }, async (req) => catalog.supervision.supervision(req.query.asOf, req.query.light));

    app.get('/stats', {
      config: { access: 'catalog.stats.read' },
      schema: { operationId: 'getCatalogStats', tags: TAG, summary: '目录统计：按部门和全市', querystring: S.StatsQuery, response: { 200: S.StatsSchema } },
    }, async (req) => catalog.supervision.stats(req.ctx, req.query.departmentId, req.query.asOf));

    app.get('/quality/departments', {
      config: { access: 'catalog.stats.read' },
      schema: { operationId: 'getCatalogQualityByDepartment', tags: TAG, summary: '各部门目录元数据质量平均分', response: { 200: S.QualityByDepartment } },
    }, async (req) => catalog.supervision.qualityByDepartment(req.ctx));

    // ── Excel (部门目录模板, §4.8) ─────────────────────────────────────────────
    app.get('/excel', {
      // catalog.entry.read at the door; the service lets stewards export their department and the bureau any (§4.8).
      config: { access: 'catalog.entry.read' },
      schema: { operationId: 'exportCatalogExcel', tags: TAG, summary: '导出部门目录（xlsx，不含已撤销）', querystring: S.ExcelExportQuery, response: Xlsx },
    }, async (req, reply) => {
      const file = await catalog.excel.export(req.ctx, req.query.departmentId);
      return sendDownload(reply, file.fileName, XLSX_TYPE, file.body);
    });

    app.get('/excel/template', {
      config: { access: 'catalog.entry.edit' },
      schema: { operationId: 'getCatalogExcelTemplate', tags: TAG, summary: '下载部门目录导入模板（xlsx）', response: Xlsx },
    }, async (_req, reply) => {
      const file = await catalog.excel.template();
      return sendDownload(reply, file.fileName, XLSX_TYPE, file.body);
    });

    app.post('/excel', {
      config: { access: 'catalog.entry.edit', audit: 'catalog.entry.import' },
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        operationId: 'importCatalogExcel', tags: TAG, summary: '导入部门目录（请求体为 xlsx 文件；任一行有误则全部不导入）',
        response: { 201: S.ImportResult },
      },
    }, async (req, reply) => {
      const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
      return reply.status(201).send(await catalog.excel.import(req.ctx, type, req.body));
    });

    // ── cascade with the provincial platform (§4.9) ──────────────────────────
    app.get('/cascade/export', {
      config: { access: 'catalog.cascade.manage' },
      schema: {
        operationId: 'exportCatalogCascade', tags: TAG, summary: '级联导出：游标之后发布、变更、撤销的本级目录（本平台 JSON 或 DCAT-AP 3 JSON-LD）',
        querystring: S.CascadeExportQuery,
        response: { 200: { description: '增量目录', content: { 'application/json': { schema: S.CascadeExportJson }, 'application/ld+json': { schema: S.CascadeDcat } } } },
      },
    }, async (req, reply) => {
      const out = await catalog.cascade.export(req.ctx, req.query);
      return reply.type(out.format === 'dcat' ? 'application/ld+json; charset=utf-8' : 'application/json; charset=utf-8').send(out.body);
    });

    app.post('/cascade/reports', {
      config: { access: 'catalog.cascade.manage', audit: 'catalog.cascade.report' },
      schema: { operationId: 'reportCatalogCascade', tags: TAG, summary: '登记省级平台反馈（已上报、已同步、退回）', body: S.ReportBody, response: { 200: S.ReportResult } },
    }, async (req) => catalog.cascade.report(req.ctx, req.body));

    app.post('/cascade/imports', {
      config: { access: 'catalog.cascade.manage', audit: 'catalog.cascade.import' },
      // §4.9: a bad provincial file answers CATALOG_CASCADE_INVALID (not REQUEST_INVALID), with every problem listed.
      attachValidation: true,
      schema: {
        operationId: 'importCatalogCascade', tags: TAG, summary: '导入省级目录（只读；先校验全部条目，有误则全部不导入）',
        body: S.CascadeImportBody, response: { 201: S.CascadeImportResult },
      },
    }, async (req, reply) => {
      const invalid = (req.validationError as FastifyError | undefined)?.validation;
      const problems = invalid ? describeValidationErrors(invalid as never, 'body') : [];
      return reply.status(201).send(await catalog.cascade.importFile(req.ctx, req.body, problems));
    });

  };
}
