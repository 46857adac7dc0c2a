import type { RequestContext } from '../../kernel/context.ts';
import type { Page } from '../../kernel/schemas.ts';
import { canonicalJson, licenseDocument, type FieldValues } from './license-model.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createLicensesRepository, type LicenseFilter, type LicenseRow } from './licenses.repository.ts';
import { canRead, licenseView, readableDepartment, todayOf, type LicensesDeps, type LicenseView } from './licenses-core.ts';
import { createIssuance } from './issue-license.ts';
import { createStockImports } from './import-stock.ts';
import { createSeals } from './manage-seals.ts';
import { createTrustRegistry } from './manage-trust.ts';
import { createTypeCatalog } from './manage-types.ts';
import { createLicenseUse } from './use-license.ts';
import { createLicensePdf, type PdfOptions } from './license-pdf.ts';
import { createWallet } from './hold-licenses.ts';
import { createVerification } from './verify-license.ts';

export type { LicensesDeps } from './licenses-core.ts';
export type LicenseService = ReturnType<typeof createLicenseService>;

/**
 * 电子证照: the license type catalog, departments' electronic seals, issuance (with renewal, change, revocation and
 * batches), public verification with the signed status list, trusted issuers (互认), and the use interface for cases.
 */
export function createLicenseService(deps: LicensesDeps) {
  const seals = createSeals(deps);
  const trust = createTrustRegistry(deps, () => seals.platformPublicKey('seal-maker'));
  const issuance = createIssuance(deps, seals);
  const verification = createVerification(deps, seals, trust);
  const use = createLicenseUse(deps, trust);
  const pdfs = createLicensePdf(deps, verification.byDocument);
  const repo = () => createLicensesRepository(deps.db);

  async function views(rows: LicenseRow[]): Promise<LicenseView[]> {
    const sealRows = await repo().sealsByIds([...new Set(rows.map((r) => r.seal_id))]);
    const byId = new Map(sealRows.map((s) => [s.id, { esId: s.es_id, name: s.name }]));
    const today = todayOf(deps);
    return rows.map((r) => licenseView(r, today, byId.get(r.seal_id) ?? null));
  }

  async function visible(ctx: RequestContext, id: string): Promise<LicenseRow> {
    const row = await repo().licenseById(id);
    if (!row || !canRead(ctx, row)) throw LicensesErrors.licenseNotFound(id);
    return row;
  }

  async function get(ctx: RequestContext, id: string) {
    const row = await visible(ctx, id);
    const [view] = await views([row]);
    const versions = await repo().versionsOf(row);
    return { ...view!, versions: versions.map((v) => ({ id: v.id, identifier: v.identifier, version: v.version, state: v.state, origin: v.origin, issuedAt: v.issued_at.toISOString(), changeReason: v.change_reason })) };
  }

  return {
    types: createTypeCatalog(deps),
    /** 存量证照导入: Excel workbooks of paper-era licenses, issued in sealed batches in the background (import-stock.ts). */
    imports: createStockImports(deps, issuance),
    seals: { list: seals.list, get: seals.get, picture: seals.picture, create: seals.create },
    trust: { list: trust.list, get: trust.get, create: trust.create, update: trust.update },
    verify: verification,

    licenses: {
      get,
      async list(ctx: RequestContext, filter: Omit<LicenseFilter, 'today' | 'departmentId'> & { departmentId?: string | undefined }, page: Page) {
        const dept = readableDepartment(ctx);
        if (dept === 'none' || (dept !== null && filter.departmentId && filter.departmentId !== dept)) return { items: [], total: 0, ...page };
        const { rows, total } = await repo().listLicenses({ ...filter, departmentId: dept ?? filter.departmentId, today: todayOf(deps) }, page.pageSize, (page.page - 1) * page.pageSize);
        return { items: await views(rows), total, ...page };
      },
      issue: async (ctx: RequestContext, input: Parameters<typeof issuance.issue>[1]) => get(ctx, await issuance.issue(ctx, input)),
      issueBatch: issuance.issueBatch,
      renew: async (ctx: RequestContext, id: string, input: Parameters<typeof issuance.renew>[2]) => get(ctx, await issuance.renew(ctx, id, input)),
      change: async (ctx: RequestContext, id: string, input: Parameters<typeof issuance.change>[2]) => get(ctx, await issuance.change(ctx, id, input)),
      revoke: async (ctx: RequestContext, id: string, input: Parameters<typeof issuance.revoke>[2]) => get(ctx, await issuance.revoke(ctx, id, input)),

      /**
       * The signed document of a license: the canonical JSON that was hashed (SM3) and sealed, and the SES_Signature
       * (DER, base64). Together they verify offline, or through POST /verify.
       */
      async signedDocument(ctx: RequestContext, id: string) {
        const row = await visible(ctx, id);
        const document = licenseDocument({ ...row, fields: row.fields as FieldValues });
        return { identifier: row.identifier, document, canonical: canonicalJson(document), signature: row.signature.toString('base64') };
      },
      uses: use.usesOf,
      /** The license as PDF (face, seal, QR code, embedded signed data), for staff readers; audited. */
      pdf: (ctx: RequestContext, id: string, opts: PdfOptions) => pdfs.pdf(ctx, id, opts),
      /**
       * pdfOfLicense(row, opts): the PDF of a license row the calling feature has already authorized (e.g. the holder
       * wallet); no access check and no audit here.
       */
      renderPdf: pdfs.pdfOfLicense,
      /** POST /verify/pdf: verifies the signed data embedded in an uploaded license PDF. */
      verifyPdf: pdfs.verifyPdf,
    },

    /** 我的证照: the holder wallet of citizen and enterprise accounts — licenses, shared copies, consents, uses. */
    wallet: createWallet(deps, verification, pdfs.pdfOfLicense),

    /** For other modules (cases, 免证办): whether a holder has a license of a type in force today. */
    holds: use.holds,
    /** For other modules: the license's data for a case, with a stated purpose; every call is recorded (see use-license.ts). */
    fetchForCase: use.fetchForCase,
  };
}
