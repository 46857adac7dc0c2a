import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams } from '../../kernel/schemas.ts';
import type { FieldDef } from './license-model.ts';
import { licensesDocumentsRoutes } from './licenses-documents.routes.ts';
import { licensesImportRoutes } from './licenses-import.routes.ts';
import { licensesWalletRoutes } from './licenses-wallet.routes.ts';
import type { LicenseService } from './licenses.service.ts';
import * as S from './licenses.schemas.ts';

const TAG = ['电子证照'];
const PUBLIC_TAG = ['电子证照验证（公开）'];
const NoContent = { 204: { type: 'null' } } as const;

/** /api/v1/licenses: license types, seals, trusted issuers, licenses, and public verification (docs/licenses-api.md). */
export function licensesRoutes(licenses: LicenseService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(S.LicenseTypeSchema);
    app.addSchema(S.SealSchema);
    app.addSchema(S.TrustedIssuerSchema);
    app.addSchema(S.LicenseSchema);
    app.addSchema(S.VerificationSchema);
    await app.register(licensesDocumentsRoutes(licenses)); // GET /licenses/:id/pdf, POST /verify/pdf
    await app.register(licensesImportRoutes(licenses)); // /licenses/imports: 存量证照导入
    await app.register(licensesWalletRoutes(licenses)); // /licenses/mine…, /licenses/shared/:token: 我的证照

    // ── license types (证照目录) ──────────────────────────────────────────────
    app.get('/types', {
      config: { access: 'licenses.type.read' },
      schema: { operationId: 'listLicenseTypes', tags: TAG, summary: '证照目录', querystring: S.ListTypesQuery, response: { 200: S.TypePage } },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return licenses.types.list(filter, { page, pageSize });
    });

    app.get('/types/:id', {
      config: { access: 'licenses.type.read' },
      schema: { operationId: 'getLicenseType', tags: TAG, summary: '证照类型详情', params: IdParams, response: { 200: { $ref: 'LicenseType#' } } },
    }, async (req) => licenses.types.get(req.params.id));

    app.post('/types', {
      config: { access: 'licenses.type.manage', audit: 'licenses.type.create' },
      schema: { operationId: 'createLicenseType', tags: TAG, summary: '新增证照类型', body: S.CreateTypeBody, response: { 201: { $ref: 'LicenseType#' } } },
    }, async (req, reply) => reply.status(201).send(await licenses.types.create(req.ctx, { ...req.body, fields: req.body.fields as FieldDef[] })));

    app.patch('/types/:id', {
      config: { access: 'licenses.type.manage', audit: 'licenses.type.update' },
      schema: { operationId: 'updateLicenseType', tags: TAG, summary: '修改证照类型（类型代码不可改）', params: IdParams, body: S.UpdateTypeBody, response: { 200: { $ref: 'LicenseType#' } } },
    }, async (req) => licenses.types.update(req.ctx, req.params.id, { ...req.body, fields: req.body.fields as FieldDef[] | undefined }));

    app.delete('/types/:id', {
      config: { access: 'licenses.type.manage', audit: 'licenses.type.delete' },
      schema: { operationId: 'deleteLicenseType', tags: TAG, summary: '删除未颁发过证照的类型', params: IdParams, response: NoContent },
    }, async (req, reply) => {
      await licenses.types.remove(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });

    // ── seals (电子印章) ─────────────────────────────────────────────────────
    app.get('/seals', {
      config: { access: 'licenses.type.read' },
      schema: { operationId: 'listLicenseSeals', tags: TAG, summary: '电子印章（不含私钥）', querystring: S.ListSealsQuery, response: { 200: S.SealList } },
    }, async (req) => licenses.seals.list(req.query));

    app.get('/seals/:id', {
      config: { access: 'licenses.type.read' },
      schema: { operationId: 'getLicenseSeal', tags: TAG, summary: '电子印章详情与 SESeal 数据', params: IdParams, response: { 200: S.SealDetail } },
    }, async (req) => licenses.seals.get(req.params.id));

    app.get('/seals/:id/picture', {
      config: { access: 'licenses.type.read' },
      schema: { operationId: 'getLicenseSealPicture', tags: TAG, summary: '印章图像（SVG）', params: IdParams },
    }, async (req, reply) => {
      const picture = await licenses.seals.picture(req.params.id);
      return reply.type(picture.contentType).header('cache-control', 'private, max-age=3600').send(picture.body);
    });

    app.post('/seals', {
      config: { access: 'licenses.seal.manage', audit: 'licenses.seal.create' },
      schema: { operationId: 'createLicenseSeal', tags: TAG, summary: '为部门制作新印章（原印章停用，已签证照仍可验证）', body: S.CreateSealBody, response: { 201: { $ref: 'LicenseSeal#' } } },
    }, async (req, reply) => reply.status(201).send(await licenses.seals.create(req.ctx, req.body)));

    // ── trusted issuers (互认) ────────────────────────────────────────────────
    app.get('/trusted-issuers', {
      config: { access: 'licenses.type.read' },
      schema: { operationId: 'listLicenseTrustedIssuers', tags: TAG, summary: '互认的外地颁发方（制章者公钥）', response: { 200: S.TrustedIssuerList } },
    }, async () => licenses.trust.list());

    app.post('/trusted-issuers', {
      config: { access: 'licenses.trust.manage', audit: 'licenses.trusted-issuer.create' },
      schema: { operationId: 'createLicenseTrustedIssuer', tags: TAG, summary: '登记互认的颁发方', body: S.CreateTrustedIssuerBody, response: { 201: { $ref: 'LicenseTrustedIssuer#' } } },
    }, async (req, reply) => reply.status(201).send(await licenses.trust.create(req.ctx, req.body)));

    app.patch('/trusted-issuers/:id', {
      config: { access: 'licenses.trust.manage', audit: 'licenses.trusted-issuer.update' },
      schema: { operationId: 'updateLicenseTrustedIssuer', tags: TAG, summary: '修改或停用互认的颁发方', params: IdParams, body: S.UpdateTrustedIssuerBody, response: { 200: { $ref: 'LicenseTrustedIssuer#' } } },
    }, async (req) => licenses.trust.update(req.ctx, req.params.id, req.body));

    // ── licenses (制证) ──────────────────────────────────────────────────────
    app.get('/licenses', {
      config: { access: 'licenses.license.read' },
      schema: { operationId: 'listLicenses', tags: TAG, summary: '证照列表（本部门颁发的，或全部）', querystring: S.ListLicensesQuery, response: { 200: S.LicensePage } },
    }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return licenses.licenses.list(req.ctx, filter, { page, pageSize });
    });

    app.get('/licenses/:id', {
      config: { access: 'licenses.license.read' },
      schema: { operationId: 'getLicense', tags: TAG, summary: '证照详情与版本', params: IdParams, response: { 200: S.LicenseDetail } },
    }, async (req) => licenses.licenses.get(req.ctx, req.params.id));

    app.post('/licenses', {
      config: { access: 'licenses.license.issue', audit: 'licenses.license.issue' },
      schema: { operationId: 'issueLicense', tags: TAG, summary: '制证：校验字段、生成标识、加盖电子印章', body: S.IssueBody, response: { 201: S.LicenseDetail } },
    }, async (req, reply) => reply.status(201).send(await licenses.licenses.issue(req.ctx, req.body)));

    app.post('/licenses/batches', {
      config: { access: 'licenses.license.issue', audit: 'licenses.license.issue-batch' },
      schema: { operationId: 'issueLicenseBatch', tags: TAG, summary: '批量制证：全部校验通过才制证，否则逐行列出问题', body: S.BatchBody, response: { 201: S.BatchResult } },
    }, async (req, reply) => reply.status(201).send(await licenses.licenses.issueBatch(req.ctx, req.body)));

    app.post('/licenses/:id/renewals', {
      config: { access: 'licenses.license.issue', audit: 'licenses.license.renew' },
      schema: { operationId: 'renewLicense', tags: TAG, summary: '延续：换发新版本，新的有效期', params: IdParams, body: S.RenewBody, response: { 201: S.LicenseDetail } },
    }, async (req, reply) => reply.status(201).send(await licenses.licenses.renew(req.ctx, req.params.id, req.body)));

    app.post('/licenses/:id/changes', {
      config: { access: 'licenses.license.issue', audit: 'licenses.license.change' },
      schema: { operationId: 'changeLicense', tags: TAG, summary: '变更：换发新版本，新的证照信息', params: IdParams, body: S.ChangeBody, response: { 201: S.LicenseDetail } },
    }, async (req, reply) => reply.status(201).send(await licenses.licenses.change(req.ctx, req.params.id, req.body)));

    app.post('/licenses/:id/revocations', {
      config: { access: 'licenses.license.issue', audit: 'licenses.license.revoke' },
      schema: { operationId: 'revokeLicense', tags: TAG, summary: '吊销或注销', params: IdParams, body: S.RevokeBody, response: { 200: S.LicenseDetail } },
    }, async (req) => licenses.licenses.revoke(req.ctx, req.params.id, req.body));

    app.get('/licenses/:id/signed-document', {
      config: { access: 'licenses.license.read' },
      schema: { operationId: 'getSignedLicenseDocument', tags: TAG, summary: '签名的证照数据与电子签章数据（可离线验证）', params: IdParams, response: { 200: S.SignedDocument } },
    }, async (req) => licenses.licenses.signedDocument(req.ctx, req.params.id));

    app.get('/licenses/:id/uses', {
      config: { access: 'licenses.license.read' },
      schema: { operationId: 'listLicenseUses', tags: TAG, summary: '用证记录', params: IdParams, response: { 200: S.UseList } },
    }, async (req) => licenses.licenses.uses(req.ctx, req.params.id));

    // ── public verification (亮证/验证) ───────────────────────────────────────
    app.get('/verify/:identifier', {
      config: { access: 'public' },
      schema: { operationId: 'verifyLicenseByIdentifier', tags: PUBLIC_TAG, summary: '按证照标识验证（扫码）', params: S.IdentifierParams, response: { 200: { $ref: 'LicenseVerification#' } } },
    }, async (req) => licenses.verify.byIdentifier(req.params.identifier));

    app.post('/verify', {
      config: { access: 'public' },
      schema: { operationId: 'verifyLicense', tags: PUBLIC_TAG, summary: '验证：给出 identifier，或 signature 与 data', body: S.VerifyBody, response: { 200: { $ref: 'LicenseVerification#' } } },
    }, async (req) => licenses.verify.any(req.body));

    app.get('/status-list', {
      config: { access: 'public' },
      schema: { operationId: 'getLicenseStatusList', tags: PUBLIC_TAG, summary: '证照状态列表（吊销、注销、换发），平台 SM2 签名', response: { 200: S.StatusListSchema } },
    }, async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(await licenses.verify.statusList()));

    app.get('/trust-anchors', {
      config: { access: 'public' },
      schema: { operationId: 'getLicenseTrustAnchors', tags: PUBLIC_TAG, summary: '离线验证所需的公钥：制章者与状态列表签名公钥', response: { 200: S.TrustAnchorsSchema } },
    }, async () => licenses.verify.trustAnchors());
  };
}
