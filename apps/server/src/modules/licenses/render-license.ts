import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { Resvg } from '@resvg/resvg-js';
import { AFRelationship, degrees, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { maskName } from '@shuzheng/standards';
import { canonicalJson, type FieldDef, type LicenseDocument } from './license-model.ts';
import type { FaceTemplate } from './licenses.repository.ts';

// The license as a PDF (证照版式文件): the face laid out by the type's face template (mm, origin top left), the
// department's seal as PNG (rendered from its SVG picture), a QR code to the public verification page, an optional
// 仅供X使用 watermark for copies, and — so that a verifier can upload the file — the signed data itself: the
// identifier in the document metadata and the canonical JSON (license.json) and SES_Signature DER (license.ses)
// as embedded files. The PDF is the holder's document: face fields show their real values.

export const PDF_ATTACHMENT_JSON = 'license.json';
export const PDF_ATTACHMENT_SES = 'license.ses';
export const PDF_KEYWORD = 'shuzheng-license-pdf/1';

const require = createRequire(import.meta.url);
/** Noto Sans SC Regular (SIL OFL 1.1), the one font of every rendering: the PDF text (subset) and the seal PNG. */
export const FONT_PATH = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_FAMILY = 'Noto Sans SC';
let fontBytes: Uint8Array | undefined;
/** The TTF bytes, read once (10 MB; only the glyphs used are embedded). */
export const fontData = (): Uint8Array => (fontBytes ??= new Uint8Array(readFileSync(FONT_PATH)));

/**
 * @pdf-lib/fontkit with two changes: the parsed Noto font is kept for the next document (parsing 10 MB each time is
 * most of a rendering), and TrueType subsets pad every glyph record to an even length. The fork's subsetter writes
 * the short `loca` format (offsets / 2) without that padding, so after the first odd-length glyph every offset is off
 * by a byte and most CJK glyphs render blank (fixed upstream in fontkit 1.8, foliojs/fontkit#191; the fork predates it).
 */
type FontkitFont = ReturnType<typeof fontkit.create>;
let parsedFont: FontkitFont | undefined;
let subsetPatched = false;
const evenGlyphFontkit: typeof fontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    const font = buffer === fontBytes ? (parsedFont ??= fontkit.create(buffer)) : fontkit.create(buffer, postscriptName);
    if (!subsetPatched) {
      const proto = Object.getPrototypeOf(font.createSubset()) as { _addGlyph?: (this: { glyf: Uint8Array[]; offset: number }, gid: number) => number };
      const addGlyph = proto._addGlyph;
      if (addGlyph && proto.constructor.name.includes('TTF')) {
        proto._addGlyph = function (gid: number) {
          const index = addGlyph.call(this, gid);
          const last = this.glyf[this.glyf.length - 1]!;
          if (last.length % 2 === 1) {
            // the fork's own Buffer polyfill class: its encoder accepts no other
            const padded = (last.constructor as unknown as { alloc(n: number): Uint8Array }).alloc(last.length + 1);
            padded.set(last);
            this.glyf[this.glyf.length - 1] = padded;
            this.offset += 1;
          }
          return index;
        };
      }
      subsetPatched = true;
    }
    return font;
  },
};

const MM = 72 / 25.4;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.35, 0.35, 0.35);
const TITLE_RED = rgb(0.6, 0.05, 0.05);

/** The seal's SVG picture as PNG (transparent background), `px` wide; fonts from Noto Sans SC only. */
export function sealPngFromSvg(svg: string | Uint8Array, px = 600): Uint8Array {
  const resvg = new Resvg(typeof svg === 'string' ? svg : Buffer.from(svg), {
    fitTo: { mode: 'width', value: px },
    font: { fontFiles: [FONT_PATH], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, serifFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}

export interface RenderLicenseInput {
  /** The signed document (license-model licenseDocument): what is printed, and attached as license.json. */
  document: LicenseDocument;
  type: { fields: FieldDef[]; faceTemplate: FaceTemplate };
  /** SES_Signature DER over the canonical document, attached as license.ses. */
  signature: Uint8Array;
  /** The seal picture: PNG, or the SVG it is rendered from. */
  seal: { png: Uint8Array } | { svg: string | Uint8Array };
  /** Where the QR code points: the public verification page of this license. */
  verifyUrl: string;
  /** A copy for one purpose: 仅供<purpose>使用 across the page, with the copy's last day if given. */
  watermark?: { purpose: string; until?: string | undefined } | undefined;
}

const HOLDER_LABELS = { '111': { id: '公民身份号码', name: '姓名' }, '001': { id: '统一社会信用代码', name: '名称' } } as const;

/** 2021-06-18 → 2021年06月18日 */
export const chineseDate = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日` : d);

/** Splits text into lines no wider than `width` (characters; CJK text has no spaces to break at). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (ch === '\n') {
      lines.push(line);
      line = '';
      continue;
    }
    if (line && font.widthOfTextAtSize(line + ch, size) > width) {
      lines.push(line);
      line = ch.trim() ? ch : '';
    } else line += ch;
  }
  lines.push(line);
  return lines;
}

/** The rows of the face: holder, face fields in the template's order, validity. */
function faceRows(doc: LicenseDocument, type: RenderLicenseInput['type']): { label: string; value: string }[] {
  const labels = HOLDER_LABELS[doc.holder.type];
  const defs = new Map(type.fields.map((f) => [f.name, f]));
  const order = [...type.faceTemplate.fieldOrder, ...type.fields.filter((f) => f.onFace).map((f) => f.name)];
  const rows: { label: string; value: string }[] = [{ label: labels.id, value: doc.holder.id }, { label: labels.name, value: doc.holder.name }];
  for (const name of new Set(order)) {
    const def = defs.get(name);
    const value = doc.fields[name];
    if (!def?.onFace || value === undefined || value === null || value === '') continue;
    rows.push({ label: def.label, value: def.type === 'date' ? chineseDate(String(value)) : String(value) });
  }
  rows.push({ label: '有效期限', value: doc.validUntil ? `${chineseDate(doc.validFrom)} 至 ${chineseDate(doc.validUntil)}` : `自 ${chineseDate(doc.validFrom)} 起长期有效` });
  return rows;
}

/** Draws the QR code as filled squares (vector: sharp at any zoom), runs of dark modules merged per row. */
function drawQr(page: PDFPage, text: string, x: number, top: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  page.drawRectangle({ x, y: top - size, width: size, height: size, color: rgb(1, 1, 1) });
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      page.drawRectangle({ x: x + (quiet + start) * cell, y: top - (quiet + r + 1) * cell, width: (c - start) * cell + 0.01, height: cell + 0.01, color: rgb(0, 0, 0) });
    }
  }
}

/** Renders a license to PDF (see the header of this file). */
export async function renderLicensePdf(input: RenderLicenseInput): Promise<Uint8Array> {
  const { document: doc, type } = input;
  const tpl = type.faceTemplate;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(evenGlyphFontkit);
  const font = await pdf.embedFont(fontData(), { subset: true });
  const W = tpl.page.width * MM;
  const H = tpl.page.height * MM;
  const page = pdf.addPage([W, H]);
  const top = (mm: number) => H - mm * MM;
  const canonical = canonicalJson(doc);

  pdf.setTitle(`${tpl.title || doc.type.name}（${doc.holder.type === '111' ? maskName(doc.holder.name, 'low') : doc.holder.name}）`);
  pdf.setSubject(doc.identifier);
  pdf.setKeywords([doc.identifier, PDF_KEYWORD]);
  pdf.setAuthor(doc.issuer.name);
  pdf.setCreator('数政 电子证照');
  pdf.setProducer('数政 电子证照 (pdf-lib)');
  pdf.setLanguage('zh-CN');

  // border
  page.drawRectangle({ x: 8 * MM, y: 8 * MM, width: W - 16 * MM, height: H - 16 * MM, borderColor: TITLE_RED, borderWidth: 1.5 });
  page.drawRectangle({ x: 10 * MM, y: 10 * MM, width: W - 20 * MM, height: H - 20 * MM, borderColor: TITLE_RED, borderWidth: 0.5 });

  // title, spaced out as printed certificates are
  const title = [...(tpl.title || doc.type.name)].join(' ');
  const titleSize = Math.min(26, ((W - 60 * MM) / Math.max(font.widthOfTextAtSize(title, 26), 1)) * 26);
  page.drawText(title, { x: (W - font.widthOfTextAtSize(title, titleSize)) / 2, y: top(26), size: titleSize, font, color: TITLE_RED });

  // face rows between the title and the QR code / seal; the font shrinks until they fit
  const left = 25 * MM;
  const right = W - 25 * MM;
  const rowsTop = top(38);
  const rowsBottom = top(Math.min(tpl.qr.y, tpl.page.height - 20) - 4);
  const rows = faceRows(doc, type);
  let size = 12;
  let labelWidth = 0;
  let laid: { label: string; lines: string[] }[] = [];
  for (; size >= 6; size -= 0.5) {
    labelWidth = Math.max(...rows.map((r) => font.widthOfTextAtSize(r.label, size))) + size * 1.5;
    laid = rows.map((r) => ({ label: r.label, lines: wrap(r.value, font, size, right - left - labelWidth) }));
    const height = laid.reduce((h, r) => h + r.lines.length * size * 1.45 + size * 0.5, 0);
    if (rowsTop - height >= rowsBottom) break;
  }
  let y = rowsTop - size;
  for (const r of laid) {
    page.drawText(r.label, { x: left, y, size, font, color: GREY });
    for (const line of r.lines) {
      page.drawText(line, { x: left + labelWidth, y, size, font, color: INK });
      y -= size * 1.45;
    }
    y -= size * 0.5;
  }

  // issuer and issue date, centred under the seal's centre (the seal is stamped over them)
  const sealCx = (tpl.seal.x + tpl.seal.size / 2) * MM;
  const issuerLines = [`颁发机构：${doc.issuer.name}`, `发证日期：${chineseDate(doc.issuedOn)}`];
  issuerLines.forEach((line, i) => {
    const s = 11;
    const w = font.widthOfTextAtSize(line, s);
    const x = Math.min(Math.max(sealCx - w / 2, left), right - w);
    page.drawText(line, { x, y: top(tpl.seal.y + tpl.seal.size * 0.55 + i * 7), size: s, font, color: INK });
  });

  // QR code to the verification page, identifier and version beside it
  drawQr(page, input.verifyUrl, tpl.qr.x * MM, top(tpl.qr.y), tpl.qr.size * MM);
  const infoX = (tpl.qr.x + tpl.qr.size + 4) * MM;
  const info = [`证照标识：${doc.identifier}`, `版本：${String(doc.version).padStart(3, '0')}`, '扫描二维码或访问以下地址核验：', input.verifyUrl];
  const infoSize = Math.min(8, ((sealCx - tpl.seal.size * MM * 0.6 - infoX) / Math.max(...info.map((l) => font.widthOfTextAtSize(l, 8)), 1)) * 8);
  info.forEach((line, i) => page.drawText(line, { x: infoX, y: top(tpl.qr.y + 5 + i * 5), size: Math.max(infoSize, 5), font, color: GREY }));

  // the seal
  const png = 'png' in input.seal ? input.seal.png : sealPngFromSvg(input.seal.svg);
  const image = await pdf.embedPng(png);
  page.drawImage(image, { x: tpl.seal.x * MM, y: top(tpl.seal.y + tpl.seal.size), width: tpl.seal.size * MM, height: tpl.seal.size * MM, opacity: 0.8 });

  // watermark of a copy, over everything
  if (input.watermark) {
    const text = `仅供${input.watermark.purpose}使用${input.watermark.until ? `（${chineseDate(input.watermark.until)}前有效）` : ''}`;
    const s = 16;
    const w = font.widthOfTextAtSize(text, s) + 30 * MM;
    for (let row = 0, yy = -H / 2; yy < H * 1.2; row++, yy += 32 * MM) {
      for (let xx = -W / 2 - (row % 2) * (w / 2); xx < W; xx += w) {
        page.drawText(text, { x: xx, y: yy, size: s, font, color: rgb(0.55, 0.55, 0.55), opacity: 0.2, rotate: degrees(30) });
      }
    }
  }

  // the signed data, for verification by upload
  const at = new Date();
  await pdf.attach(new TextEncoder().encode(canonical), PDF_ATTACHMENT_JSON, {
    mimeType: 'application/json', description: '证照数据（规范化 JSON，签章所签的原文）', creationDate: at, modificationDate: at, afRelationship: AFRelationship.Source,
  });
  await pdf.attach(input.signature, PDF_ATTACHMENT_SES, {
    mimeType: 'application/octet-stream', description: '电子签章数据（GB/T 38540 SES_Signature，DER）', creationDate: at, modificationDate: at, afRelationship: AFRelationship.Data,
  });
  return pdf.save();
}

export interface EmbeddedLicense {
  /** The identifier in the metadata (Subject), if any. */
  identifier: string | null;
  /** license.ses: the SES_Signature DER. */
  signature: Uint8Array | null;
  /** license.json: the canonical JSON text. */
  canonical: string | null;
}

const WANTED = new Set([PDF_ATTACHMENT_JSON, PDF_ATTACHMENT_SES]);
/** Our attachments are small: anything larger (or a compression bomb) is refused rather than inflated. */
const MAX_ATTACHMENT = 1024 * 1024;

/** The bytes of an embedded file: unfiltered or FlateDecode only, inflated with an output limit. */
function attachmentBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
  if (filters.length === 0) {
    if (stream.contents.length > MAX_ATTACHMENT) throw new RangeError('attachment too large');
    return stream.contents;
  }
  if (filters.length !== 1 || filters[0] !== PDFName.of('FlateDecode') || stream.dict.has(PDFName.of('DecodeParms'))) throw new RangeError('unsupported attachment filter');
  return new Uint8Array(inflateSync(stream.contents, { maxOutputLength: MAX_ATTACHMENT }));
}

/** Reads the embedded files and metadata a license PDF carries; throws if the bytes are not a readable PDF. */
export async function readLicensePdf(bytes: Uint8Array): Promise<EmbeddedLicense> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  const files = new Map<string, Uint8Array>();
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const visit = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 8) return;
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; pairs && i + 1 < pairs.size(); i += 2) {
      const key = pairs.lookup(i);
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : null;
      const spec = pairs.lookup(i + 1);
      if (!name || !WANTED.has(name) || !(spec instanceof PDFDict) || files.has(name)) continue;
      const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
      if (stream instanceof PDFRawStream) files.set(name, attachmentBytes(stream));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) visit(kid, depth + 1);
    }
  };
  visit(tree, 0);
  const json = files.get(PDF_ATTACHMENT_JSON);
  return {
    identifier: pdf.getSubject()?.trim() || null,
    signature: files.get(PDF_ATTACHMENT_SES) ?? null,
    canonical: json ? new TextDecoder('utf-8', { fatal: false }).decode(json) : null,
  };
}
