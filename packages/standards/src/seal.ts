// Electronic seals and seal signatures, GB/T 38540-2020 信息安全技术 安全电子签章密码技术规范,
// data structures version 4 (Node-only; entry '@shuzheng/standards/seal'):
//   SESeal        电子印章 — seal information signed by the seal maker (制章者);
//   SES_Signature 电子签章数据 — a signer (签章者) applies the seal to a document: TBS_Sign carries
//                 the seal, the signing time and the SM3 hash of the document, signed with SM2.
// DER through @peculiar/asn1-schema; SM2 with SM3 (GM/T 0009 default user id unless one is
// given) and SM3 through ./crypto.ts; signature values are DER SEQUENCE { r, s } (GB/T 35276).
//
// Sources. The standard's text was not read for this file. The ASN.1 follows the reference notes
// (shared docs, reference/services-licenses-hotline.md §1.5, “[V as implemented]”): the v4 classes
// of ofdrw (ofdrw-gm …/ses/v4) and the C++ verifier Chingliu/gm_0031_38540_verifier. Both sign the
// DER of SES_SealInfo for the seal and the DER of TBS_Sign for the signature, as done here.
// Unverified details, marked [U] where they occur:
//   - the seal-type enumeration 印章类型 (SEAL_TYPES);
//   - the unit of the picture's width and height (mm according to secondary sources);
//   - the tagging of the optional trailing fields TBS_Sign.extDatas and SES_Signature.timeStamp:
//     [0] EXPLICIT as in ofdrw (the C++ verifier reads them untagged). We never write them;
//   - CertDigestObj.type for certListType 2: we write and accept 'SM3'.
//
// STATED SIMPLIFICATION — the platform has no CA yet. Every `cert` OCTET STRING (SESeal.cert
// 制章者证书, SES_Signature.cert 签章者证书 and the certList entries) should hold a GB/T 20518 X.509
// certificate issued by a CA. Until there is one, makeSeal and signWithSeal put the bare DER
// SubjectPublicKeyInfo of the SM2 key there, and verification proves only that the structures are
// intact and signed by the keys they name: trust in the seal maker's key must come from the caller
// (the `trustedSealMakers` option), and no certificate chain, validity period or revocation is
// checked. Readers accept either form (sm2PublicKeyFromCert), so real certificates need no change
// of format; they need a chain check added to verifySeal.

import {
  AsnArray,
  AsnParser,
  AsnProp,
  AsnPropTypes,
  AsnSerializer,
  AsnType,
  AsnTypeTypes,
} from '@peculiar/asn1-schema';
import * as asn1js from 'asn1js';
import {
  SM2_DEFAULT_USER_ID,
  sm2PublicKeyFromPrivate,
  sm2PublicKeyFromSpki,
  sm2PublicKeyToSpki,
  sm2Sign,
  sm2Verify,
  sm3,
} from './crypto.ts';

/** OID of the SM2 signature with SM3 (GM/T 0006-2012, cited by GB/T 38540 through GB/T 33560). */
export const SM2_WITH_SM3_OID = '1.2.156.10197.1.501';

/** Data-structure version written and accepted: 4 = GB/T 38540-2020 (GM/T 0031-2014 seals are older versions). */
export const SES_VERSION = 4;

/** 印章头 id: the fixed value “ES”. */
export const SES_HEADER_ID = 'ES';

/**
 * Seal types (印章类型) as some implementations number them: 1 单位印章, 2 个人印章. [U] — the
 * standard's own list was not read, and secondary sources describe the field as defined by the
 * business. A default, not a rule: makeSeal accepts any non-negative integer and verification
 * never interprets it. Configure the platform's list where seals are managed.
 */
export const SEAL_TYPES = { unit: 1, personal: 2 } as const;

/** 签章者证书信息类型: 1 = list of signer certificates, 2 = list of certificate hashes. */
export const CERT_LIST_TYPES = { certs: 1, digests: 2 } as const;
export type CertListType = (typeof CERT_LIST_TYPES)[keyof typeof CERT_LIST_TYPES];

// ---------------------------------------------------------------------------------------------
// ASN.1 of 「电子印章」 (3.1) and 「电子签章数据」 (3.4) in GB/T 38540-2020, version 4; field names
// and Chinese glosses as in the implementations named above. The classes are plain so that any
// tsconfig compiles them: the asn1-schema decorators are applied as functions.

type PropOptions = Parameters<typeof AsnProp>[0];

// Declares a SEQUENCE whose components are the class's fields, in the order written here.
function defineSequence<T extends object>(target: new () => T, fields: { [K in keyof T]-?: PropOptions }): void {
  AsnType({ type: AsnTypeTypes.Sequence })(target);
  for (const [key, options] of Object.entries(fields) as [string, PropOptions][]) {
    AsnProp(options)(target.prototype as object, key);
  }
}

/**
 * ExtData ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 * — 厂商自定义数据.
 */
export class ExtData {
  extnID = '';
  critical = false;
  extnValue: ArrayBuffer = new ArrayBuffer(0);
}
defineSequence(ExtData, {
  extnID: { type: AsnPropTypes.ObjectIdentifier },
  critical: { type: AsnPropTypes.Boolean, optional: true, defaultValue: false },
  extnValue: { type: AsnPropTypes.OctetString },
});

/** ExtensionDatas ::= SEQUENCE OF ExtData. */
export class ExtensionDatas extends AsnArray<ExtData> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: ExtData })(ExtensionDatas);

/** SES_Header ::= SEQUENCE { id IA5String ("ES"), version INTEGER (4), vid IA5String } — 印章头; vid 厂商标识. */
export class SES_Header {
  id = SES_HEADER_ID;
  version = SES_VERSION;
  vid = '';
}
defineSequence(SES_Header, {
  id: { type: AsnPropTypes.IA5String },
  version: { type: AsnPropTypes.Integer },
  vid: { type: AsnPropTypes.IA5String },
});

/** CertInfoList ::= SEQUENCE OF OCTET STRING — 签章者证书列表 (certListType 1). */
export class CertInfoList extends AsnArray<ArrayBuffer> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.OctetString })(CertInfoList);

/** CertDigestObj ::= SEQUENCE { type PrintableString, value OCTET STRING } — 签章者证书杂凑值. */
export class CertDigestObj {
  type = '';
  value: ArrayBuffer = new ArrayBuffer(0);
}
defineSequence(CertDigestObj, {
  type: { type: AsnPropTypes.PrintableString },
  value: { type: AsnPropTypes.OctetString },
});

/** CertDigestList ::= SEQUENCE OF CertDigestObj (certListType 2). */
export class CertDigestList extends AsnArray<CertDigestObj> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: CertDigestObj })(CertDigestList);

/**
 * SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String, certListType INTEGER,
 * certList SES_CertList, createDate GeneralizedTime, validStart GeneralizedTime,
 * validEnd GeneralizedTime } — 印章属性. SES_CertList is a CHOICE of two untagged SEQUENCE OF types
 * that only certListType tells apart, so it is kept here as the raw DER (ANY) and decoded as
 * CertInfoList or CertDigestList accordingly.
 */
export class SES_ESPropertyInfo {
  type: number = SEAL_TYPES.unit;
  name = '';
  certListType: number = CERT_LIST_TYPES.certs;
  certList: ArrayBuffer = new ArrayBuffer(0);
  createDate = new Date(0);
  validStart = new Date(0);
  validEnd = new Date(0);
}
defineSequence(SES_ESPropertyInfo, {
  type: { type: AsnPropTypes.Integer },
  name: { type: AsnPropTypes.Utf8String },
  certListType: { type: AsnPropTypes.Integer },
  certList: { type: AsnPropTypes.Any },
  createDate: { type: AsnPropTypes.GeneralizedTime },
  validStart: { type: AsnPropTypes.GeneralizedTime },
  validEnd: { type: AsnPropTypes.GeneralizedTime },
});

/**
 * SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER }
 * — 印章图像数据 (the standard's spelling “Pictrue”). type e.g. "PNG", "GIF", "JPG", "OFD"; the
 * unit of width and height is [U] (mm according to secondary sources).
 */
export class SES_ESPictrueInfo {
  type = '';
  data: ArrayBuffer = new ArrayBuffer(0);
  width = 0;
  height = 0;
}
defineSequence(SES_ESPictrueInfo, {
  type: { type: AsnPropTypes.IA5String },
  data: { type: AsnPropTypes.OctetString },
  width: { type: AsnPropTypes.Integer },
  height: { type: AsnPropTypes.Integer },
});

/**
 * SES_SealInfo ::= SEQUENCE { header SES_Header, esID IA5String, property SES_ESPropertyInfo,
 * picture SES_ESPictrueInfo, extDatas ExtensionDatas OPTIONAL } — 印章信息; esID 电子印章标识.
 */
export class SES_SealInfo {
  header = new SES_Header();
  esID = '';
  property = new SES_ESPropertyInfo();
  picture = new SES_ESPictrueInfo();
  extDatas?: ExtensionDatas;
}
defineSequence(SES_SealInfo, {
  header: { type: SES_Header },
  esID: { type: AsnPropTypes.IA5String },
  property: { type: SES_ESPropertyInfo },
  picture: { type: SES_ESPictrueInfo },
  extDatas: { type: ExtensionDatas, optional: true },
});

/**
 * SESeal ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OBJECT IDENTIFIER,
 * signedValue BIT STRING } — 电子印章: the maker's certificate and signature over the DER of eSealInfo.
 */
export class SESeal {
  eSealInfo = new SES_SealInfo();
  cert: ArrayBuffer = new ArrayBuffer(0);
  signAlgID = SM2_WITH_SM3_OID;
  signedValue: ArrayBuffer = new ArrayBuffer(0);
}
defineSequence(SESeal, {
  eSealInfo: { type: SES_SealInfo },
  cert: { type: AsnPropTypes.OctetString },
  signAlgID: { type: AsnPropTypes.ObjectIdentifier },
  signedValue: { type: AsnPropTypes.BitString },
});

/**
 * TBS_Sign ::= SEQUENCE { version INTEGER, eseal SESeal, timeInfo GeneralizedTime,
 * dataHash BIT STRING, propertyInfo IA5String, extDatas [0] EXPLICIT ExtensionDatas OPTIONAL }
 * — 签章信息; version equals the seal's version; dataHash 原文杂凑值; propertyInfo 原文数据的属性.
 */
export class TBS_Sign {
  version = SES_VERSION;
  eseal = new SESeal();
  timeInfo = new Date(0);
  dataHash: ArrayBuffer = new ArrayBuffer(0);
  propertyInfo = '';
  extDatas?: ExtensionDatas;
}
defineSequence(TBS_Sign, {
  version: { type: AsnPropTypes.Integer },
  eseal: { type: SESeal },
  timeInfo: { type: AsnPropTypes.GeneralizedTime },
  dataHash: { type: AsnPropTypes.BitString },
  propertyInfo: { type: AsnPropTypes.IA5String },
  extDatas: { type: ExtensionDatas, context: 0, optional: true }, // tagging [U], see header
});

/**
 * SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING, signatureAlgID OBJECT IDENTIFIER,
 * signature BIT STRING, timeStamp [0] EXPLICIT BIT STRING OPTIONAL } — 电子签章数据.
 */
export class SES_Signature {
  toSign = new TBS_Sign();
  cert: ArrayBuffer = new ArrayBuffer(0);
  signatureAlgID = SM2_WITH_SM3_OID;
  signature: ArrayBuffer = new ArrayBuffer(0);
  timeStamp?: ArrayBuffer;
}
defineSequence(SES_Signature, {
  toSign: { type: TBS_Sign },
  cert: { type: AsnPropTypes.OctetString },
  signatureAlgID: { type: AsnPropTypes.ObjectIdentifier },
  signature: { type: AsnPropTypes.BitString },
  timeStamp: { type: AsnPropTypes.BitString, context: 0, optional: true }, // tagging [U], see header
});

// ---------------------------------------------------------------------------------------------
// Problems and errors

/** Why a seal or a seal signature does not verify (or why signing was refused). */
export type SealProblemCode =
  | 'MALFORMED' // not DER of the v4 structure
  | 'UNSUPPORTED_VERSION' // 印章头 id ≠ "ES", or version ≠ 4, or TBS_Sign.version ≠ the seal's
  | 'UNSUPPORTED_ALGORITHM' // signature algorithm other than SM2 with SM3
  | 'SEAL_CERT_INVALID' // no SM2 public key in the maker's cert
  | 'SEAL_SIGNATURE_INVALID' // the maker's signature over SES_SealInfo fails
  | 'SEAL_MAKER_UNTRUSTED' // the maker's key is not among the trusted ones given
  | 'SEAL_NOT_YET_VALID' // the time checked is before validStart
  | 'SEAL_EXPIRED' // the time checked is after validEnd
  | 'SIGNER_CERT_INVALID' // no SM2 public key in the signer's cert
  | 'SIGNER_KEY_MISMATCH' // (signing only) the private key does not belong to the signer's cert
  | 'SIGNER_NOT_IN_SEAL' // the signer's cert is not in the seal's certList
  | 'SIGNATURE_INVALID' // the signer's signature over TBS_Sign fails
  | 'DATA_HASH_MISMATCH'; // the document's SM3 hash differs from dataHash

export interface SealProblem {
  code: SealProblemCode;
  /** Chinese, for display. */
  message: string;
}

/** Thrown by parseSeal/parseSignature (code MALFORMED) and by signWithSeal when it refuses to sign. */
export class SealError extends Error {
  override readonly name = 'SealError';
  constructor(
    readonly code: SealProblemCode,
    message: string,
  ) {
    super(message);
  }
}

const problem = (code: SealProblemCode, message: string): SealProblem => ({ code, message });

// ---------------------------------------------------------------------------------------------
// Helpers

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;
const toBytes = (buffer: ArrayBuffer | ArrayBufferView): Uint8Array =>
  buffer instanceof ArrayBuffer
    ? new Uint8Array(buffer.slice(0))
    : new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
const toHex = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

// INTEGER values come back as numbers, or as decimal strings from 4 bytes on.
function toInteger(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

// GeneralizedTime in DER has no trailing zeros in the fraction (X.690 §11.7); whole seconds avoid
// fractions altogether, and the signed time is exactly what a reader sees.
function wholeSeconds(date: Date, field: string): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError(`${field}不是有效的时间`);
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function checkIa5(value: string, field: string): string {
  // IA5String: we accept printable ASCII only, which every reader displays the same way.
  if (typeof value !== 'string' || !/^[\x20-\x7e]+$/.test(value)) {
    throw new RangeError(`${field}应为非空的可打印 ASCII 字符串（IA5String）`);
  }
  return value;
}

function checkCount(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${field}应为非负整数`);
  return value;
}

function decodeDer(der: Uint8Array, what: string): asn1js.AsnType {
  const bytes = new Uint8Array(der);
  const { offset, result } = asn1js.fromBER(bytes);
  if (offset === -1 || result.error) throw new SealError('MALFORMED', `${what}不是有效的 ASN.1 数据：${result.error}`);
  if (offset !== bytes.length) throw new SealError('MALFORMED', `${what}之后有 ${bytes.length - offset} 字节多余数据`);
  return result;
}

function components(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (node instanceof asn1js.Sequence) return node.valueBlock.value;
  throw new SealError('MALFORMED', `${what}应为 SEQUENCE`);
}

// asn1-schema decodes with its own copy of asn1js (3.x), so it gets the bytes, not our tree.
function parseAs<T>(der: Uint8Array, target: new () => T, what: string): T {
  try {
    return AsnParser.parse(new Uint8Array(der), target);
  } catch (error) {
    throw new SealError('MALFORMED', `${what}的结构不符合 GB/T 38540-2020 v4：${(error as Error).message}`);
  }
}

/**
 * SM2 public key (uncompressed hex) carried by a `cert` field: either an X.509 certificate
 * (RFC 5280 / GB/T 20518, its subjectPublicKeyInfo) or — the stated simplification while there is
 * no CA — a bare DER SubjectPublicKeyInfo. Throws RangeError when neither yields an SM2 key.
 */
export function sm2PublicKeyFromCert(cert: Uint8Array): string {
  try {
    return sm2PublicKeyFromSpki(cert);
  } catch {
    // not a bare SubjectPublicKeyInfo: read it as a certificate
  }
  try {
    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue };
    // TBSCertificate ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, serialNumber, signature,
    //   issuer, validity, subject, subjectPublicKeyInfo, … }
    const [tbs] = components(decodeDer(cert, '证书'), '证书');
    const fields = components(tbs, 'tbsCertificate');
    const first = fields[0];
    const hasVersion = first?.idBlock.tagClass === 3 && first.idBlock.tagNumber === 0;
    const spki = fields[hasVersion ? 6 : 5];
    if (spki) return sm2PublicKeyFromSpki(spki.valueBeforeDecodeView);
  } catch {
    // fall through to the common error
  }
  throw new RangeError('证书字段中没有可识别的 SM2 公钥（应为 X.509 证书或 SubjectPublicKeyInfo）');
}

function publicKeyOfCert(cert: Uint8Array): string | undefined {
  try {
    return sm2PublicKeyFromCert(cert);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface SealPicture {
  /** 图像类型, e.g. "PNG". */
  type: string;
  data: Uint8Array;
  /** Display size; unit [U], mm according to secondary sources. */
  width: number;
  height: number;
}

export interface SealExtension {
  id: string;
  critical: boolean;
  value: Uint8Array;
}

/** An SESeal read back, without any check of its signature. */
export interface ParsedSeal {
  /** 印章头 id (“ES”), version (4) and vid (厂商标识). */
  headerId: string;
  version: number;
  vid: string;
  esID: string;
  type: number;
  name: string;
  certListType: number;
  /** Signer certificates when certListType is 1. */
  certs: Uint8Array[];
  /** Signer certificate hashes when certListType is 2. */
  certDigests: { type: string; value: Uint8Array }[];
  createDate: Date;
  validStart: Date;
  validEnd: Date;
  picture: SealPicture;
  extensions: SealExtension[];
  /** 制章者证书 (X.509 or, for now, SubjectPublicKeyInfo). */
  makerCert: Uint8Array;
  signAlgID: string;
  signedValue: Uint8Array;
  /** The bytes of SES_SealInfo exactly as they occur in the seal: what the maker signed. */
  sealInfoDer: Uint8Array;
  /** The bytes of the whole SESeal. */
  sealDer: Uint8Array;
}

function readExtensions(extDatas: ExtensionDatas | undefined): SealExtension[] {
  return [...(extDatas ?? [])].map((e) => ({ id: e.extnID, critical: e.critical, value: toBytes(e.extnValue) }));
}

function readSeal(node: asn1js.AsnType, seal: SESeal): ParsedSeal {
  const [sealInfoNode] = components(node, 'SESeal');
  const { header, esID, property, picture, extDatas } = seal.eSealInfo;
  const certListType = toInteger(property.certListType);
  let certs: Uint8Array[] = [];
  let certDigests: ParsedSeal['certDigests'] = [];
  if (certListType === CERT_LIST_TYPES.certs) {
    certs = [...parseAs(toBytes(property.certList), CertInfoList, 'certList')].map(toBytes);
  } else if (certListType === CERT_LIST_TYPES.digests) {
    const list = parseAs(toBytes(property.certList), CertDigestList, 'certList');
    certDigests = [...list].map((d) => ({ type: d.type, value: toBytes(d.value) }));
  } else {
    throw new SealError('MALFORMED', `未知的签章者证书信息类型 certListType = ${property.certListType}`);
  }
  return {
    headerId: header.id,
    version: toInteger(header.version),
    vid: header.vid,
    esID,
    type: toInteger(property.type),
    name: property.name,
    certListType,
    certs,
    certDigests,
    createDate: property.createDate,
    validStart: property.validStart,
    validEnd: property.validEnd,
    picture: {
      type: picture.type,
      data: toBytes(picture.data),
      width: toInteger(picture.width),
      height: toInteger(picture.height),
    },
    extensions: readExtensions(extDatas),
    makerCert: toBytes(seal.cert),
    signAlgID: seal.signAlgID,
    signedValue: toBytes(seal.signedValue),
    sealInfoDer: new Uint8Array(sealInfoNode?.valueBeforeDecodeView ?? []),
    sealDer: new Uint8Array(node.valueBeforeDecodeView),
  };
}

/** Reads an SESeal (DER) without checking its signature; throws SealError MALFORMED. */
export function parseSeal(der: Uint8Array): ParsedSeal {
  const node = decodeDer(der, '电子印章');
  return readSeal(node, parseAs(der, SESeal, '电子印章'));
}

/** An SES_Signature read back, without any check. */
export interface ParsedSignature {
  version: number;
  seal: ParsedSeal;
  /** 签章时间. */
  timeInfo: Date;
  /** 原文杂凑值 (SM3, 32 bytes). */
  dataHash: Uint8Array;
  propertyInfo: string;
  extensions: SealExtension[];
  /** 签章者证书 (X.509 or, for now, SubjectPublicKeyInfo). */
  signerCert: Uint8Array;
  signatureAlgID: string;
  signature: Uint8Array;
  timeStamp?: Uint8Array;
  /** The bytes of TBS_Sign exactly as they occur: what the signer signed. */
  tbsDer: Uint8Array;
}

/** Reads an SES_Signature (DER) without checking anything; throws SealError MALFORMED. */
export function parseSignature(der: Uint8Array): ParsedSignature {
  const node = decodeDer(der, '电子签章数据');
  const signature = parseAs(der, SES_Signature, '电子签章数据');
  const [tbsNode] = components(node, 'SES_Signature');
  const [, sealNode] = components(tbsNode, 'TBS_Sign');
  const tbs = signature.toSign;
  return {
    version: toInteger(tbs.version),
    seal: readSeal(sealNode as asn1js.AsnType, tbs.eseal),
    timeInfo: tbs.timeInfo,
    dataHash: toBytes(tbs.dataHash),
    propertyInfo: tbs.propertyInfo,
    extensions: readExtensions(tbs.extDatas),
    signerCert: toBytes(signature.cert),
    signatureAlgID: signature.signatureAlgID,
    signature: toBytes(signature.signature),
    ...(signature.timeStamp ? { timeStamp: toBytes(signature.timeStamp) } : {}),
    tbsDer: new Uint8Array(tbsNode?.valueBeforeDecodeView ?? []),
  };
}

// ---------------------------------------------------------------------------------------------
// Verification. GB/T 38540-2020 specifies 「生成与验证流程」 for seals and seal signatures (its
// scope); that clause text was not read. The checks are those of the C++ verifier named in the
// header — signature over TBS_Sign, signer cert listed in the seal, seal signature, seal validity
// at the signing time, document hash — minus certificate checks, for which there is no CA yet.

export interface SealCheckOptions {
  /** SM2 user id of the maker and signer; GM/T 0009 default when omitted. */
  userId?: string;
  /**
   * Seal makers' SM2 public keys (uncompressed hex) to accept. When given, a seal made by any
   * other key fails with SEAL_MAKER_UNTRUSTED — how a verifier recognises only known issuers (互认).
   */
  trustedSealMakers?: readonly string[];
}

export interface VerifySealOptions extends SealCheckOptions {
  /** Also require the seal to be valid at this time; without it only integrity is checked. */
  at?: Date;
}

export interface SealVerification {
  valid: boolean;
  reasons: SealProblem[];
  /** Absent only when the seal could not be read. */
  seal?: ParsedSeal;
  makerPublicKey?: string;
}

const formatTime = (date: Date): string => date.toISOString().replace('.000Z', 'Z');

// The maker's signature over a seal is checked at every signing and every verification, and a platform holds few
// seals: remember the outcome of this pure check (same bytes, key and user id → same answer) for recent seals.
const MAKER_CHECKS_KEPT = 1024;
const makerChecks = new Map<string, boolean>();

function isMakerSignatureValid(seal: ParsedSeal, makerPublicKey: string, userId: string): boolean {
  const key = sm3(Buffer.concat([Buffer.from(`${makerPublicKey}|${userId}|`), seal.sealInfoDer, Buffer.from('|'), seal.signedValue]));
  let valid = makerChecks.get(key);
  if (valid === undefined) {
    valid = sm2Verify(seal.sealInfoDer, toHex(seal.signedValue), makerPublicKey, { der: true, userId });
    if (makerChecks.size >= MAKER_CHECKS_KEPT) makerChecks.delete(makerChecks.keys().next().value!);
    makerChecks.set(key, valid);
  }
  return valid;
}

function checkSeal(seal: ParsedSeal, at: Date | undefined, options: SealCheckOptions): SealVerification {
  const reasons: SealProblem[] = [];
  if (seal.headerId !== SES_HEADER_ID || seal.version !== SES_VERSION) {
    reasons.push(problem('UNSUPPORTED_VERSION', `印章头应为 ES 第 4 版，实际为 ${seal.headerId} 第 ${seal.version} 版`));
  }
  const makerPublicKey = publicKeyOfCert(seal.makerCert);
  if (makerPublicKey === undefined) reasons.push(problem('SEAL_CERT_INVALID', '制章者证书中没有可识别的 SM2 公钥'));
  const userId = options.userId ?? SM2_DEFAULT_USER_ID;
  if (seal.signAlgID !== SM2_WITH_SM3_OID) {
    reasons.push(problem('UNSUPPORTED_ALGORITHM', `印章签名算法 ${seal.signAlgID} 不受支持（应为 SM2/SM3）`));
  } else if (
    makerPublicKey !== undefined &&
    !isMakerSignatureValid(seal, makerPublicKey, userId)
  ) {
    reasons.push(problem('SEAL_SIGNATURE_INVALID', '制章者对印章信息的签名验证失败：印章已被篡改或不是该制章者所制'));
  }
  const trusted = options.trustedSealMakers;
  if (makerPublicKey !== undefined && trusted && !trusted.includes(makerPublicKey)) {
    reasons.push(problem('SEAL_MAKER_UNTRUSTED', '制章者不在受信任的制章者之列'));
  }
  if (at !== undefined) {
    if (at.getTime() < seal.validStart.getTime()) {
      reasons.push(problem('SEAL_NOT_YET_VALID', `印章有效期自 ${formatTime(seal.validStart)} 起，${formatTime(at)} 时尚未生效`));
    } else if (at.getTime() > seal.validEnd.getTime()) {
      reasons.push(problem('SEAL_EXPIRED', `印章有效期至 ${formatTime(seal.validEnd)}，${formatTime(at)} 时已过期`));
    }
  }
  return { valid: reasons.length === 0, reasons, seal, ...(makerPublicKey ? { makerPublicKey } : {}) };
}

/** Checks a seal's structure, version, algorithm and maker signature, and optionally its validity at a time. */
export function verifySeal(der: Uint8Array, options: VerifySealOptions = {}): SealVerification {
  let seal: ParsedSeal;
  try {
    seal = parseSeal(der);
  } catch (error) {
    if (error instanceof SealError) return { valid: false, reasons: [problem(error.code, error.message)] };
    throw error;
  }
  return checkSeal(seal, options.at === undefined ? undefined : wholeSeconds(options.at, '验证时间'), options);
}

function isSignerInSeal(cert: Uint8Array, seal: ParsedSeal): boolean {
  if (seal.certListType === CERT_LIST_TYPES.certs) return seal.certs.some((c) => bytesEqual(c, cert));
  const digest = sm3(cert);
  return seal.certDigests.some((d) => d.type.toUpperCase() === 'SM3' && toHex(d.value) === digest); // type [U]
}

export interface SignatureVerification {
  valid: boolean;
  /** Every problem found, not only the first. */
  reasons: SealProblem[];
  /** The fields below are absent only when the data could not be read (MALFORMED). */
  sealName?: string;
  esID?: string;
  sealType?: number;
  sealValidStart?: Date;
  sealValidEnd?: Date;
  /** 签章时间 as recorded in TBS_Sign (the signer's claim; no timestamp is checked). */
  signedAt?: Date;
  propertyInfo?: string;
  /** SM3 of the document as recorded, hex. */
  dataHash?: string;
  signerPublicKey?: string;
  sealMakerPublicKey?: string;
  signature?: ParsedSignature;
}

/** The signed document, or its SM3 hash when the document is not at hand. */
export type SignedData = Uint8Array | string | { dataHash: Uint8Array };

function hashOf(data: SignedData): string {
  if (typeof data === 'string' || data instanceof Uint8Array) return sm3(data);
  return toHex(data.dataHash);
}

/**
 * Verifies an SES_Signature against the document: the document hash, the signer's signature over
 * TBS_Sign, the embedded seal (version, maker signature, trusted maker), that the signer's cert
 * is one the seal lists, and that the seal was valid at the recorded signing time.
 */
export function verifySignature(
  der: Uint8Array,
  data: SignedData,
  options: SealCheckOptions = {},
): SignatureVerification {
  let signature: ParsedSignature;
  try {
    signature = parseSignature(der);
  } catch (error) {
    if (error instanceof SealError) return { valid: false, reasons: [problem(error.code, error.message)] };
    throw error;
  }
  const { seal } = signature;
  const sealCheck = checkSeal(seal, signature.timeInfo, options);
  const reasons = [...sealCheck.reasons];
  if (signature.version !== seal.version) {
    reasons.unshift(problem('UNSUPPORTED_VERSION', `签章信息版本 ${signature.version} 与印章版本 ${seal.version} 不一致`));
  }
  const signerPublicKey = publicKeyOfCert(signature.signerCert);
  if (signerPublicKey === undefined) reasons.push(problem('SIGNER_CERT_INVALID', '签章者证书中没有可识别的 SM2 公钥'));
  if (signature.signatureAlgID !== SM2_WITH_SM3_OID) {
    reasons.push(problem('UNSUPPORTED_ALGORITHM', `签章签名算法 ${signature.signatureAlgID} 不受支持（应为 SM2/SM3）`));
  } else if (
    signerPublicKey !== undefined &&
    !sm2Verify(signature.tbsDer, toHex(signature.signature), signerPublicKey, {
      der: true,
      userId: options.userId ?? SM2_DEFAULT_USER_ID,
    })
  ) {
    reasons.push(problem('SIGNATURE_INVALID', '签章者对签章信息的签名验证失败：签章数据已被篡改或签名密钥不符'));
  }
  if (!isSignerInSeal(signature.signerCert, seal)) {
    reasons.push(problem('SIGNER_NOT_IN_SEAL', '签章者证书不在印章的签章者证书列表中'));
  }
  if (hashOf(data) !== toHex(signature.dataHash)) {
    reasons.push(problem('DATA_HASH_MISMATCH', '原文杂凑值不符：文件在签章后被修改，或不是所签的文件'));
  }
  return {
    valid: reasons.length === 0,
    reasons,
    sealName: seal.name,
    esID: seal.esID,
    sealType: seal.type,
    sealValidStart: seal.validStart,
    sealValidEnd: seal.validEnd,
    signedAt: signature.timeInfo,
    propertyInfo: signature.propertyInfo,
    dataHash: toHex(signature.dataHash),
    ...(signerPublicKey ? { signerPublicKey } : {}),
    ...(sealCheck.makerPublicKey ? { sealMakerPublicKey: sealCheck.makerPublicKey } : {}),
    signature,
  };
}

// ---------------------------------------------------------------------------------------------
// Making and signing

export interface MakeSealInput {
  /** 电子印章标识: unique, printable ASCII. */
  esID: string;
  /** 厂商标识 (vendor id), printable ASCII. */
  vid: string;
  /** 印章类型; see SEAL_TYPES — the enumeration is [U] and configurable. */
  type: number;
  /** 印章名称, e.g. the department's name. */
  name: string;
  /**
   * Signer certificates the seal may be used with (签章者证书). X.509 in a real deployment; for
   * now the SubjectPublicKeyInfo of each signer's key (sm2PublicKeyToSpki) — the stated
   * simplification.
   */
  certs: readonly Uint8Array[];
  /** 1 (default): embed the certificates; 2: embed their SM3 hashes. */
  certListType?: CertListType;
  createDate: Date;
  validStart: Date;
  validEnd: Date;
  picture: { type: string; data: Uint8Array; width: number; height: number };
  /** 制章者证书; defaults to the SubjectPublicKeyInfo of makerKey (stated simplification). */
  makerCert?: Uint8Array;
  /** The maker's SM2 private key, hex. */
  makerKey: string;
  /** SM2 user id; GM/T 0009 default when omitted (then verifiers need no configuration). */
  userId?: string;
}

/** Makes an electronic seal (SESeal, DER) signed by the maker with SM2/SM3 over the DER of SES_SealInfo. */
export function makeSeal(input: MakeSealInput): Uint8Array {
  const makerPublicKey = sm2PublicKeyFromPrivate(input.makerKey);
  const makerCert = input.makerCert ?? sm2PublicKeyToSpki(makerPublicKey);
  if (sm2PublicKeyFromCert(makerCert) !== makerPublicKey) throw new RangeError('制章者证书与制章者私钥不匹配');
  const validStart = wholeSeconds(input.validStart, '印章有效期起始时间');
  const validEnd = wholeSeconds(input.validEnd, '印章有效期终止时间');
  if (validEnd.getTime() <= validStart.getTime()) throw new RangeError('印章有效期终止时间应晚于起始时间');
  if (typeof input.name !== 'string' || input.name.trim() === '') throw new RangeError('印章名称不能为空');
  if (input.certs.length === 0) throw new RangeError('印章至少应列出一个签章者证书');
  input.certs.forEach((cert) => sm2PublicKeyFromCert(cert)); // each must name an SM2 key
  if (input.picture.data.length === 0) throw new RangeError('印章图像数据不能为空');

  const certListType = input.certListType ?? CERT_LIST_TYPES.certs;
  const certList =
    certListType === CERT_LIST_TYPES.certs
      ? new CertInfoList(input.certs.map(toArrayBuffer))
      : new CertDigestList(
          input.certs.map((cert) =>
            Object.assign(new CertDigestObj(), { type: 'SM3', value: toArrayBuffer(Buffer.from(sm3(cert), 'hex')) }),
          ),
        );

  const sealInfo = Object.assign(new SES_SealInfo(), {
    header: Object.assign(new SES_Header(), { vid: checkIa5(input.vid, '厂商标识') }),
    esID: checkIa5(input.esID, '电子印章标识'),
    property: Object.assign(new SES_ESPropertyInfo(), {
      type: checkCount(input.type, '印章类型'),
      name: input.name,
      certListType,
      certList: AsnSerializer.serialize(certList),
      createDate: wholeSeconds(input.createDate, '印章制作时间'),
      validStart,
      validEnd,
    }),
    picture: Object.assign(new SES_ESPictrueInfo(), {
      type: checkIa5(input.picture.type, '印章图像类型'),
      data: toArrayBuffer(input.picture.data),
      width: checkCount(input.picture.width, '印章图像宽度'),
      height: checkCount(input.picture.height, '印章图像高度'),
    }),
  });
  const sealInfoDer = new Uint8Array(AsnSerializer.serialize(sealInfo));
  const signedValue = Buffer.from(sm2Sign(sealInfoDer, input.makerKey, { der: true, userId: input.userId }), 'hex');
  const seal = Object.assign(new SESeal(), {
    eSealInfo: sealInfo,
    cert: toArrayBuffer(makerCert),
    signAlgID: SM2_WITH_SM3_OID,
    signedValue: toArrayBuffer(signedValue),
  });
  return new Uint8Array(AsnSerializer.serialize(seal));
}

export interface SignWithSealInput {
  /** The seal (SESeal, DER) as made by makeSeal or another GB/T 38540 v4 system. */
  sealDer: Uint8Array;
  /** The document; or give dataHash (its SM3 hash, 32 bytes) instead. */
  data?: Uint8Array | string;
  dataHash?: Uint8Array;
  /** 原文数据的属性, printable ASCII — e.g. the license identifier or the signed file's path. */
  propertyInfo: string;
  /** 签章者证书; defaults to the SubjectPublicKeyInfo of signerKey (stated simplification). */
  signerCert?: Uint8Array;
  /** The signer's SM2 private key, hex. */
  signerKey: string;
  /** 签章时间 (recorded to the second). */
  time: Date;
  /** SM2 user id for checking the seal and for signing; GM/T 0009 default when omitted. */
  userId?: string;
}

/**
 * Applies a seal to a document: SES_Signature (DER) with TBS_Sign version 4, dataHash = SM3 of the
 * document, signed with SM2/SM3 over the DER of TBS_Sign. Refuses (SealError) to sign with a seal
 * that does not verify, is not valid at `time`, or does not list the signer's certificate.
 */
export function signWithSeal(input: SignWithSealInput): Uint8Array {
  const time = wholeSeconds(input.time, '签章时间');
  const userId = input.userId ?? SM2_DEFAULT_USER_ID;
  const seal = parseSeal(input.sealDer);
  const sealCheck = checkSeal(seal, time, { userId });
  const [firstProblem] = sealCheck.reasons;
  if (firstProblem) throw new SealError(firstProblem.code, firstProblem.message);

  // TBS_Sign embeds the seal as a value; re-encoding must give back the same bytes, or the maker's
  // signature would no longer match. Seals made by makeSeal always do (they are DER).
  const sealObject = parseAs(input.sealDer, SESeal, '电子印章');
  if (!bytesEqual(new Uint8Array(AsnSerializer.serialize(sealObject)), seal.sealDer)) {
    throw new SealError('MALFORMED', '电子印章不是 DER 编码，无法原样嵌入签章数据');
  }

  const signerPublicKey = sm2PublicKeyFromPrivate(input.signerKey);
  const signerCert = input.signerCert ?? sm2PublicKeyToSpki(signerPublicKey);
  const certKey = publicKeyOfCert(signerCert);
  if (certKey === undefined) throw new SealError('SIGNER_CERT_INVALID', '签章者证书中没有可识别的 SM2 公钥');
  if (certKey !== signerPublicKey) throw new SealError('SIGNER_KEY_MISMATCH', '签章者私钥与签章者证书不匹配');
  if (!isSignerInSeal(signerCert, seal)) {
    throw new SealError('SIGNER_NOT_IN_SEAL', '签章者证书不在印章的签章者证书列表中');
  }

  if ((input.data === undefined) === (input.dataHash === undefined)) {
    throw new RangeError('data 与 dataHash 应恰好给出一个');
  }
  const dataHash = input.dataHash ?? Buffer.from(sm3(input.data ?? ''), 'hex');
  if (dataHash.length !== 32) throw new RangeError('原文杂凑值应为 32 字节的 SM3 值');

  const toSign = Object.assign(new TBS_Sign(), {
    version: SES_VERSION,
    eseal: sealObject,
    timeInfo: time,
    dataHash: toArrayBuffer(dataHash),
    propertyInfo: checkIa5(input.propertyInfo, '原文数据的属性'),
  });
  const tbsDer = new Uint8Array(AsnSerializer.serialize(toSign));
  const signature = Buffer.from(sm2Sign(tbsDer, input.signerKey, { der: true, userId }), 'hex');
  const sesSignature = Object.assign(new SES_Signature(), {
    toSign,
    cert: toArrayBuffer(signerCert),
    signatureAlgID: SM2_WITH_SM3_OID,
    signature: toArrayBuffer(signature),
  });
  return new Uint8Array(AsnSerializer.serialize(sesSignature));
}
