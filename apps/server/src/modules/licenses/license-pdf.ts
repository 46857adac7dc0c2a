import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { licenseDocument, type FieldDef, type FieldValues } from './license-model.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createLicensesRepository, type FaceTemplate, type LicenseRow } from './licenses.repository.ts';
import { canRead, publicHolder, type LicensesDeps } from './licenses-core.ts';
import { SEAL_PICTURE } from './seal-image.ts';
import type { Verification } from './verify-license.ts';

// The PDF toolchain (pdf-lib, fontkit, resvg, qrcode) is loaded the first time a PDF is made or read, not at start.
let renderer: Promise<typeof import('./render-license.ts')> | null = null;
const render = () => (renderer ??= import('./render-license.ts'));

// 证照 PDF: the staff download (audited), the rendering other features call for a row they have already authorized
// (the holder wallet's copies), and verification of an uploaded PDF through its embedded signed data.

export interface PdfOptions {
  /** The origin the verification link starts with when PUBLIC_URL is not configured, e.g. https://host:8080. */
  origin: string;
  /** A copy for one purpose: watermarked 仅供<purpose>使用. */
  purpose?: string | undefined;
  /** The copy's last day (YYYY-MM-DD), printed with the watermark. */
  until?: string | undefined;
}

export interface LicensePdf {
  bytes: Uint8Array;
  /** e.g. 营业执照-汕尾市远航贸易有限公司.pdf (citizens' names masked). */
  fileName: string;
  identifier: string;
}

const SEAL_CACHE_SIZE = 64;

/** The public verification page of a license (the web app's /verify/<identifier>). */
export const verifyUrlOf = (base: string, identifier: string) => `${base.replace(/\/+$/, '')}/verify/${encodeURIComponent(identifier)}`;

/** File names: no path separators, control or reserved characters; the masking asterisk becomes a full-width one. */
const safeFileName = (s: string) => s.replace(/\*/g, '＊').replace(/[\\/:?"<>|\u0000-\u001f\u007f]/g, '_');

export function createLicensePdf(deps: LicensesDeps, verifyDocument: (input: { signature: string; data: unknown }) => Promise<Verification>) {
  const repo = () => createLicensesRepository(deps.db);
  const sealPngs = new Map<string, Uint8Array>();

  async function sealPng(sealId: string): Promise<Uint8Array> {
    const hit = sealPngs.get(sealId);
    if (hit) return hit;
    const seal = await repo().sealById(sealId);
    if (!seal) throw new Error(`seal ${sealId} of a license is missing`);
    if (seal.picture_type !== SEAL_PICTURE.type) throw new Error(`seal ${sealId} has a ${seal.picture_type} picture; only SVG is rendered`);
    const png = (await render()).sealPngFromSvg(seal.picture);
    if (sealPngs.size >= SEAL_CACHE_SIZE) sealPngs.delete(sealPngs.keys().next().value!);
    sealPngs.set(sealId, png);
    return png;
  }

  /**
   * The PDF of a license row the caller has already been allowed to see (no access check, no audit here: the
   * calling feature does both). The verification link uses PUBLIC_URL when configured, else `opts.origin`.
   */
  async function pdfOfLicense(row: LicenseRow, opts: PdfOptions): Promise<LicensePdf> {
    const type = await repo().typeById(row.type_id);
    if (!type) throw LicensesErrors.typeNotFound(row.type_id);
    const document = licenseDocument({ ...row, fields: row.fields as FieldValues });
    const purpose = opts.purpose?.trim();
    const bytes = await (await render()).renderLicensePdf({
      document,
      type: { fields: type.fields as FieldDef[], faceTemplate: type.face_template as FaceTemplate },
      signature: new Uint8Array(row.signature),
      seal: { png: await sealPng(row.seal_id) },
      verifyUrl: verifyUrlOf(deps.publicUrl ?? opts.origin, row.identifier),
      watermark: purpose ? { purpose, until: opts.until } : undefined,
    });
    return { bytes, fileName: safeFileName(`${row.type_name}-${publicHolder(row).name}${purpose ? `-仅供${purpose}使用` : ''}.pdf`), identifier: row.identifier };
  }

  return {
    pdfOfLicense,

    /** GET /licenses/:id/pdf: staff who may read the license; every download is audited. */
    async pdf(ctx: RequestContext, id: string, opts: PdfOptions): Promise<LicensePdf> {
      const row = await repo().licenseById(id);
      if (!row || !canRead(ctx, row)) throw LicensesErrors.licenseNotFound(id);
      if (opts.purpose !== undefined && opts.purpose.trim().length > 50) throw LicensesErrors.verifyInput('用途不超过 50 个字', 'querystring.purpose');
      const result = await pdfOfLicense(row, opts);
      await inTransaction(deps.db, (trx) =>
        deps.audit.record(trx, ctx, {
          action: 'licenses.license.download', targetType: 'license', targetId: row.id,
          details: { identifier: row.identifier, format: 'pdf', purpose: opts.purpose?.trim() || null },
        }),
      );
      return result;
    },

    /** POST /verify/pdf: verifies the signed data embedded in a license PDF (license.ses over license.json). */
    async verifyPdf(bytes: Uint8Array): Promise<Verification> {
      let embedded;
      try {
        embedded = await (await render()).readLicensePdf(bytes);
      } catch {
        throw LicensesErrors.verifyInput('无法读取该 PDF 文件（文件损坏、已加密或不是 PDF）');
      }
      if (!embedded.signature || embedded.canonical === null) {
        throw LicensesErrors.verifyInput('该 PDF 未附带电子证照的签章数据（license.ses 与 license.json），无法验证；请上传本平台下载的证照 PDF，或按证照标识验证');
      }
      return verifyDocument({ signature: Buffer.from(embedded.signature).toString('base64'), data: embedded.canonical });
    },
  };
}

export type LicensePdfs = ReturnType<typeof createLicensePdf>;
