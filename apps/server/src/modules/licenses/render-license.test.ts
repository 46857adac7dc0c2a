import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type FieldDef, type LicenseDocument } from './license-model.ts';
import { chineseDate, FONT_PATH, readLicensePdf, renderLicensePdf, sealPngFromSvg } from './render-license.ts';
import { sealSvg } from './seal-image.ts';

const hasPoppler = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v pdftotext && command -v pdftoppm'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const ARTIFACTS = path.resolve(import.meta.dirname, '../../../../../test-artifacts');

const IDENTIFIER = '1.2.156.3005.2.11441500MB2C94771K001.11441500MB2C94771K.00000001.001.X';
const doc: LicenseDocument = {
  format: 'shuzheng-license/1', identifier: IDENTIFIER, version: 1, type: { code: '11441500MB2C94771K001', name: '营业执照' },
  issuer: { code: '11441500MB2C94771K', name: '汕尾市市场监督管理局' }, holder: { type: '001', id: '91441500MA4UL2XX3Q', name: '汕尾市远航贸易有限公司' },
  fields: { legalRepresentative: '林晓峰', establishedOn: '2021-06-18', address: '汕尾市城区香洲街道汕尾大道 88 号', secret: '不应印在照面上' },
  issuedOn: '2026-11-23', validFrom: '2026-11-23', validUntil: null,
};
const fields: FieldDef[] = [
  { name: 'legalRepresentative', label: '法定代表人', type: 'string', required: true, onFace: true, sensitivity: 1 },
  { name: 'establishedOn', label: '成立日期', type: 'date', required: true, onFace: true, sensitivity: 1 },
  { name: 'address', label: '住所', type: 'string', required: true, onFace: true, sensitivity: 2 },
  { name: 'secret', label: '内部备注', type: 'string', required: false, onFace: false, sensitivity: 3 },
];
const faceTemplate = { title: '营业执照', fieldOrder: ['address', 'legalRepresentative', 'establishedOn'], page: { width: 297, height: 210 }, seal: { x: 215, y: 130, size: 42 }, qr: { x: 25, y: 160, size: 30 } };
const signature = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07]);
const render = (over: Partial<Parameters<typeof renderLicensePdf>[0]> = {}) =>
  renderLicensePdf({ document: doc, type: { fields, faceTemplate }, signature, seal: { svg: sealSvg('汕尾市市场监督管理局') }, verifyUrl: `https://zw.example.cn/verify/${IDENTIFIER}`, ...over });

/** The text poppler extracts in content order (-raw: the rotated watermark stays whole), without blanks. */
const textOf = (pdf: Uint8Array, name: string) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, '');
};

describe('renderLicensePdf', () => {
  it('writes a one-page PDF of the template size with the identifier in the metadata and the signed data attached', async () => {
    const bytes = await render();
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect(width).toBeCloseTo((297 * 72) / 25.4, 1);
    expect(height).toBeCloseTo((210 * 72) / 25.4, 1);
    expect(pdf.getSubject()).toBe(IDENTIFIER);
    expect(pdf.getKeywords()).toContain(IDENTIFIER);
    expect(pdf.getAuthor()).toBe('汕尾市市场监督管理局');

    const embedded = await readLicensePdf(bytes);
    expect(embedded.identifier).toBe(IDENTIFIER);
    expect(embedded.canonical).toBe(canonicalJson(doc));
    expect([...embedded.signature!]).toEqual([...signature]);
  });

  it('subsets the Chinese font: the file stays small and every embedded glyph has the outline of its character', async () => {
    const bytes = await render();
    expect(bytes.length).toBeLessThan(300_000); // the whole font is 10 MB
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    let fontFile: Uint8Array | undefined;
    let toUnicode = '';
    for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict)) continue;
      const file = obj.lookup(PDFName.of('FontFile2'));
      if (file instanceof PDFRawStream) fontFile = decodePDFRawStream(file).decode();
      const cmap = obj.lookup(PDFName.of('ToUnicode'));
      if (cmap instanceof PDFRawStream) toUnicode = Buffer.from(decodePDFRawStream(cmap).decode()).toString('latin1');
    }
    expect(fontFile).toBeDefined();
    const subset = fontkit.create(Buffer.from(fontFile!));
    const full = fontkit.create(readFileSync(FONT_PATH));
    // glyph id in the subset → Unicode, from the ToUnicode CMap (UTF-16BE hex)
    const pairs = [...toUnicode.matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>/g)].map(([, gid, hex]) => ({ gid: parseInt(gid!, 16), text: Buffer.from(hex!, 'hex').swap16().toString('utf16le') }));
    const han = pairs.filter((p) => /\p{Script=Han}/u.test(p.text));
    expect(han.length).toBeGreaterThan(40);
    for (const { gid, text } of han) {
      const want = full.glyphForCodePoint(text.codePointAt(0)!).path.bbox;
      const got = subset.getGlyph(gid).path.bbox;
      expect({ text, bbox: [got.minX, got.minY, got.maxX, got.maxY] }).toEqual({ text, bbox: [want.minX, want.minY, want.maxX, want.maxY] });
    }
  });

  it.skipIf(!hasPoppler && !process.env.CI)('renders real Chinese text: poppler extracts the title, holder, face fields and watermark (skipped without poppler-utils, except in CI)', async () => {
    const bytes = await render({ watermark: { purpose: '银行开户', until: '2026-12-31' } });
    const text = textOf(bytes, 'license-render');
    for (const s of ['营业执照', '汕尾市远航贸易有限公司', '统一社会信用代码', '91441500MA4UL2XX3Q', '法定代表人', '林晓峰', '2021年06月18日', '汕尾市城区香洲街道汕尾大道88号', '颁发机构：汕尾市市场监督管理局', '自2026年11月23日起长期有效', IDENTIFIER, '仅供银行开户使用（2026年12月31日前有效）']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('不应印在照面上');
    // the face follows the template's field order
    expect(text.indexOf('住所')).toBeLessThan(text.indexOf('法定代表人'));

    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', path.join(ARTIFACTS, 'license-render.pdf'), path.join(ARTIFACTS, 'license-render')]);
    expect(statSync(path.join(ARTIFACTS, 'license-render.png')).size).toBeGreaterThan(10_000);
  });

  it.skipIf(!hasPoppler && !process.env.CI)('leaves the watermark out of an original', async () => {
    expect(textOf(await render(), 'license-original')).not.toContain('仅供');
  });

  it('renders the seal SVG to a PNG with the bundled font only', () => {
    const png = sealPngFromSvg(sealSvg('汕尾市民政局'), 300);
    expect(Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
    expect(Buffer.from(png).readUInt32BE(16)).toBe(300); // IHDR width
    expect(chineseDate('2021-06-18')).toBe('2021年06月18日');
  });

  it('finds no signed data in a PDF without attachments, and refuses bytes that are not a PDF', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    expect(await readLicensePdf(await plain.save())).toEqual({ identifier: null, signature: null, canonical: null });
    await expect(readLicensePdf(new TextEncoder().encode('not a pdf'))).rejects.toThrow();
  });
});
