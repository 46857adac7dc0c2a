import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sendDownload } from '../../kernel/http.ts';
import { IdParams } from '../../kernel/schemas.ts';
import { LicensesErrors } from './licenses.errors.ts';
import type { LicenseService } from './licenses.service.ts';

// 证照 PDF (docs/licenses-api.md §11): the staff download, and public verification of an uploaded license PDF
// through the signed data it carries. Registered from licenses.routes.ts.

const TAG = ['电子证照'];
const PUBLIC_TAG = ['电子证照验证（公开）'];
const PDF_TYPE = 'application/pdf';

const PdfQuery = Type.Object({
  purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '用途：给出时加水印“仅供<用途>使用”（复印件）' })),
});
const PdfFile = { 200: { description: '证照 PDF', content: { [PDF_TYPE]: { schema: Type.String({ format: 'binary', description: '证照 PDF：照面、电子印章、核验二维码，附签章数据 license.ses 与 license.json' }) } } } };

export function licensesDocumentsRoutes(licenses: LicenseService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    // A PDF upload arrives as the raw request body (this plugin's scope only).
    app.addContentTypeParser(PDF_TYPE, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

    app.get('/licenses/:id/pdf', {
      config: { access: 'licenses.license.read', audit: 'licenses.license.download' },
      schema: { operationId: 'getLicensePdf', tags: TAG, summary: '下载证照 PDF（可加“仅供某用途使用”水印）', params: IdParams, querystring: PdfQuery, response: PdfFile },
    }, async (req, reply) => {
      const file = await licenses.licenses.pdf(req.ctx, req.params.id, { purpose: req.query.purpose, origin: `${req.protocol}://${req.host}` });
      return sendDownload(reply, file.fileName, PDF_TYPE, Buffer.from(file.bytes));
    });

    app.post('/verify/pdf', {
      config: { access: 'public' },
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        operationId: 'verifyLicensePdf', tags: PUBLIC_TAG, summary: '上传证照 PDF 验证（读取其中附带的签章数据）',
        description: '请求体为 PDF 文件本身（content-type: application/pdf，不超过 10 MB）。',
        response: { 200: { $ref: 'LicenseVerification#' } },
      },
    }, async (req) => {
      if (!(req.body instanceof Uint8Array)) throw LicensesErrors.verifyInput('请求体应为 PDF 文件本身（content-type: application/pdf）');
      return licenses.licenses.verifyPdf(req.body);
    });
  };
}
