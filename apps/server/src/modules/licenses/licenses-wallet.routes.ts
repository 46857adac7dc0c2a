import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sendDownload } from '../../kernel/http.ts';
import { IdParams } from '../../kernel/schemas.ts';
import type { LicensePdf } from './license-pdf.ts';
import type { LicenseService } from './licenses.service.ts';
import * as W from './licenses-wallet.schemas.ts';

const TAG = ['我的证照'];
const PUBLIC_TAG = ['电子证照验证（公开）'];
const NoContent = { 204: { type: 'null' } } as const;
const PDF_TYPE = 'application/pdf';
const Pdf = { 200: { description: '证照 PDF', content: { [PDF_TYPE]: { schema: Type.String({ format: 'binary' }) } } } };

const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

function sendPdf(reply: FastifyReply, pdf: LicensePdf) {
  return sendDownload(reply.header('cache-control', 'no-store'), pdf.fileName, PDF_TYPE, Buffer.from(pdf.bytes));
}

/**
 * 我的证照 (holder wallet) under /api/v1/licenses: /licenses/mine… for citizen and enterprise accounts (others 403),
 * and the public /licenses/shared/:token of shareable copies (docs/licenses-api.md §12). Registered by licensesRoutes.
 */
export function licensesWalletRoutes(licenses: LicenseService): FastifyPluginAsync {
  const wallet = licenses.wallet;
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/licenses/mine', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyLicenses', tags: TAG, summary: '我的证照（现行版本及状态）', response: { 200: W.WalletList } },
    }, async (req) => wallet.list(req.ctx));

    app.get('/licenses/mine/uses', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyLicenseUses', tags: TAG, summary: '用证记录：谁在何时为何调取了我的证照，分享副本的打开', querystring: W.HolderUsesQuery, response: { 200: W.HolderUseList } },
    }, async (req) => wallet.uses(req.ctx, req.query.licenseId));

    app.get('/licenses/mine/consent-options', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyConsentOptions', tags: TAG, summary: '授权可选的证照类型与部门', response: { 200: W.ConsentOptions } },
    }, async (req) => wallet.consentOptions(req.ctx));

    app.get('/licenses/mine/consents', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyLicenseConsents', tags: TAG, summary: '我的用证授权', response: { 200: W.ConsentList } },
    }, async (req) => wallet.listConsents(req.ctx));

    app.post('/licenses/mine/consents', {
      config: { access: 'authenticated', audit: 'licenses.consent.create' },
      schema: { operationId: 'createMyLicenseConsent', tags: TAG, summary: '授权部门调取我的证照（长期至某日，或一次性用于某办件）', body: W.CreateConsentBody, response: { 201: W.ConsentSchema } },
    }, async (req, reply) => reply.status(201).send(await wallet.createConsent(req.ctx, req.body)));

    app.delete('/licenses/mine/consents/:id', {
      config: { access: 'authenticated', audit: 'licenses.consent.revoke' },
      schema: { operationId: 'revokeMyLicenseConsent', tags: TAG, summary: '撤销授权', params: IdParams, response: NoContent },
    }, async (req, reply) => {
      await wallet.revokeConsent(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/licenses/mine/:id', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyLicense', tags: TAG, summary: '我的证照详情（全部字段与版本）', params: IdParams, response: { 200: W.WalletDetail } },
    }, async (req) => wallet.get(req.ctx, req.params.id));

    app.get('/licenses/mine/:id/pdf', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyLicensePdf', tags: TAG, summary: '下载我的证照 PDF', params: IdParams, response: Pdf },
    }, async (req, reply) => sendPdf(reply, await wallet.pdf(req.ctx, req.params.id, originOf(req))));

    app.get('/licenses/mine/:id/shares', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyLicenseShares', tags: TAG, summary: '分享副本（不含令牌）', params: IdParams, response: { 200: W.ShareList } },
    }, async (req) => wallet.listShares(req.ctx, req.params.id));

    app.post('/licenses/mine/:id/shares', {
      config: { access: 'authenticated', audit: 'licenses.share.create' },
      schema: { operationId: 'createMyLicenseShare', tags: TAG, summary: '生成分享副本：仅供某用途使用，1–30 天有效', params: IdParams, body: W.CreateShareBody, response: { 201: W.CreatedShare } },
    }, async (req, reply) => reply.status(201).header('cache-control', 'no-store').send(await wallet.createShare(req.ctx, req.params.id, req.body)));

    app.delete('/licenses/mine/:id/shares/:shareId', {
      config: { access: 'authenticated', audit: 'licenses.share.revoke' },
      schema: { operationId: 'revokeMyLicenseShare', tags: TAG, summary: '撤销分享副本', params: W.ShareParams, response: NoContent },
    }, async (req, reply) => {
      await wallet.revokeShare(req.ctx, req.params.id, req.params.shareId);
      return reply.status(204).send(null);
    });

    // ── shared copies (public: whoever holds the link) ──────────────────────────
    app.get('/licenses/shared/:token', {
      config: { access: 'public' },
      schema: { operationId: 'viewSharedLicense', tags: PUBLIC_TAG, summary: '分享副本：证照验证结果、用途与有效期', params: W.TokenParams, response: { 200: W.SharedView } },
    }, async (req, reply) => reply.header('cache-control', 'no-store').send(await wallet.viewShared(req.ctx, req.params.token)));

    app.get('/licenses/shared/:token/pdf', {
      config: { access: 'public' },
      schema: { operationId: 'getSharedLicensePdf', tags: PUBLIC_TAG, summary: '分享副本 PDF（水印：仅供某用途使用）', params: W.TokenParams, response: Pdf },
    }, async (req, reply) => sendPdf(reply, await wallet.sharedPdf(req.ctx, req.params.token, originOf(req))));
  };
}
