import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sendDownload } from '../../kernel/http.ts';
import { IdParams, Nullable, PageQuery, Paged, Uuid } from '../../kernel/schemas.ts';
import { XLSX_TYPE } from './import-stock.ts';
import type { LicenseService } from './licenses.service.ts';

// /api/v1/licenses/licenses/imports: 存量证照导入 (docs/licenses-api.md §4.1). Registered from licenses.routes.ts.

const TAG = ['电子证照'];
const TypeCode = Type.String({ minLength: 1, maxLength: 40, description: '证照类型代码' });
const Xlsx = { 200: { description: 'xlsx 文件', content: { [XLSX_TYPE]: { schema: Type.String({ format: 'binary' }) } } } };

const ImportSchema = Type.Object({
  id: Uuid,
  typeCode: Type.String(),
  typeName: Type.String(),
  department: Type.Object({ id: Uuid, name: Type.String() }),
  createdBy: Type.Object({ id: Nullable(Uuid), name: Type.String() }),
  fileName: Type.String(),
  status: Type.Enum(['queued', 'running', 'succeeded', 'failed'], { description: 'queued 排队中 · running 导入中 · succeeded 已完成 · failed 已中止（已制证的保留）' }),
  total: Type.Integer({ description: '数据行数' }),
  done: Type.Integer({ description: '已处理的行（制证或判为问题行）' }),
  issued: Type.Integer({ description: '已制证' }),
  rejected: Type.Integer({ description: '问题行（未制证）' }),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  rowsPerSecond: Nullable(Type.Number({ description: '自开始以来平均每秒处理的行数' })),
  etaSeconds: Nullable(Type.Integer({ description: '预计剩余秒数（导入中时）' })),
  error: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
}, { $id: 'LicenseImport' });

const StartQuery = Type.Object({
  typeCode: TypeCode,
  issuerDepartmentId: Type.Optional(Uuid),
  fileName: Type.Optional(Type.String({ maxLength: 200, description: '上传的文件名（显示用）' })),
});

/** The import routes, registered inside the licenses plugin (same prefix). */
export function licensesImportRoutes(licenses: LicenseService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(ImportSchema);
    // The workbook arrives as the raw request body (as the catalog's Excel import); JSON keeps its own parser.
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    app.get('/licenses/imports/template', {
      config: { access: 'licenses.license.issue' },
      schema: { operationId: 'getLicenseImportTemplate', tags: TAG, summary: '下载存量证照导入模板（xlsx，按证照类型）', querystring: Type.Object({ typeCode: TypeCode }), response: Xlsx },
    }, async (req, reply) => {
      const file = await licenses.imports.template(req.query.typeCode);
      return sendDownload(reply, file.fileName, XLSX_TYPE, file.body);
    });

    app.post('/licenses/imports', {
      config: { access: 'licenses.license.issue', audit: 'licenses.license.import' },
      bodyLimit: 40 * 1024 * 1024,
      schema: {
        operationId: 'startLicenseImport', tags: TAG, summary: '导入存量证照（请求体为 xlsx 文件）：校验表头后在后台逐批制证并加盖电子印章', querystring: StartQuery,
        response: { 202: Type.Object({ id: Uuid }) },
      },
    }, async (req, reply) => {
      const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
      return reply.status(202).send(await licenses.imports.start(req.ctx, { ...req.query, contentType, body: req.body }));
    });

    app.get('/licenses/imports', {
      config: { access: 'licenses.license.read' },
      schema: {
        operationId: 'listLicenseImports', tags: TAG, summary: '存量证照导入记录（本部门的，或全部）',
        querystring: Type.Object({ typeCode: Type.Optional(TypeCode), departmentId: Type.Optional(Uuid), ...PageQuery }), response: { 200: Paged(Type.Ref('LicenseImport')) },
      },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return licenses.imports.list(req.ctx, filter, { page, pageSize });
    });

    app.get('/licenses/imports/:id', {
      config: { access: 'licenses.license.read' },
      schema: { operationId: 'getLicenseImport', tags: TAG, summary: '导入进度与结果', params: IdParams, response: { 200: { $ref: 'LicenseImport#' } } },
    }, async (req) => licenses.imports.get(req.ctx, req.params.id));

    app.get('/licenses/imports/:id/rejected.xlsx', {
      config: { access: 'licenses.license.read' },
      schema: { operationId: 'getLicenseImportRejected', tags: TAG, summary: '下载问题行（原列加“问题”列，改正后可再次上传）', params: IdParams, response: Xlsx },
    }, async (req, reply) => {
      const file = await licenses.imports.rejectedWorkbook(req.ctx, req.params.id);
      return sendDownload(reply, file.fileName, XLSX_TYPE, file.body);
    });
  };
}
