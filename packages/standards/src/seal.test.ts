import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsnParser, AsnSerializer } from '@peculiar/asn1-schema';
import * as asn1js from 'asn1js';
import { sm2 as referenceSm2 } from 'sm-crypto-v2';
import { afterAll, describe, expect, it } from 'vitest';
import { type Sm2KeyPair, sm2GenerateKeyPair, sm2PublicKeyToPem, sm2PublicKeyToSpki, sm2Sign, sm3 } from './crypto.ts';
import {
  CERT_LIST_TYPES,
  type MakeSealInput,
  SEAL_TYPES,
  SESeal,
  SES_Signature,
  SM2_WITH_SM3_OID,
  SealError,
  type SealProblemCode,
  type SignWithSealInput,
  TBS_Sign,
  makeSeal,
  parseSeal,
  parseSignature,
  signWithSeal,
  sm2PublicKeyFromCert,
  verifySeal,
  verifySignature,
} from './seal.ts';

// ---------------------------------------------------------------------------------------------
// Fixtures

const maker = sm2GenerateKeyPair(); // 制章者: the platform's seal-making authority
const signer = sm2GenerateKeyPair(); // 签章者: the issuing department's signing key
const stranger = sm2GenerateKeyPair();
const signerCert = sm2PublicKeyToSpki(signer.publicKey);

// A 1×1 PNG, so the picture is a real image file.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const CREATED = new Date('2025-01-01T08:00:00Z');
const VALID_END = new Date('2028-01-01T00:00:00Z');
const SIGNED_AT = new Date('2026-03-01T09:30:00Z');
const DOCUMENT = Buffer.from('营业执照 统一社会信用代码 91441500MA4UH5L2X0 名称 汕尾市示例科技有限公司', 'utf8');

const sealInput = (overrides: Partial<MakeSealInput> = {}): MakeSealInput => ({
  esID: '44150000SW00000001',
  vid: 'SHUZHENG',
  type: SEAL_TYPES.unit,
  name: '汕尾市政务服务数据管理局',
  certs: [signerCert],
  createDate: CREATED,
  validStart: CREATED,
  validEnd: VALID_END,
  picture: { type: 'PNG', data: PNG, width: 42, height: 42 },
  makerKey: maker.privateKey,
  ...overrides,
});

const SEAL = makeSeal(sealInput());
const SIGNATURE = signWithSeal({
  sealDer: SEAL,
  data: DOCUMENT,
  propertyInfo: '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  signerKey: signer.privateKey,
  time: SIGNED_AT,
});

// signWithSeal with the defaults above; each test overrides what it is about.
const sign = (overrides: Partial<SignWithSealInput> = {}): Uint8Array =>
  signWithSeal({
    sealDer: SEAL,
    data: DOCUMENT,
    propertyInfo: 'x',
    signerKey: signer.privateKey,
    time: SIGNED_AT,
    ...overrides,
  });

const codes = (result: { reasons: { code: SealProblemCode }[] }): SealProblemCode[] =>
  result.reasons.map((r) => r.code);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function flipByteAt(der: Uint8Array, index: number): Uint8Array {
  const copy = new Uint8Array(der);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

function flipByteOf(der: Uint8Array, needle: Uint8Array, offsetInNeedle = 0): Uint8Array {
  const at = Buffer.from(der).indexOf(Buffer.from(needle));
  expect(at).toBeGreaterThanOrEqual(0);
  return flipByteAt(der, at + offsetInNeedle);
}

// Builds an SES_Signature by hand, without signWithSeal's refusals: what an attacker or a careless
// foreign system could produce. The verifier must catch it on its own.
function craftSignature(options: {
  sealDer?: Uint8Array;
  time?: Date;
  data?: Uint8Array;
  version?: number;
  signerKey?: string;
  cert?: Uint8Array;
  algorithm?: string;
}): Uint8Array {
  const toSign = Object.assign(new TBS_Sign(), {
    version: options.version ?? 4,
    eseal: AsnParser.parse(options.sealDer ?? SEAL, SESeal),
    timeInfo: options.time ?? SIGNED_AT,
    dataHash: new Uint8Array(Buffer.from(sm3(options.data ?? DOCUMENT), 'hex')).buffer,
    propertyInfo: 'crafted',
  });
  const tbsDer = new Uint8Array(AsnSerializer.serialize(toSign));
  const signature = Buffer.from(sm2Sign(tbsDer, options.signerKey ?? signer.privateKey, { der: true }), 'hex');
  const sesSignature = Object.assign(new SES_Signature(), {
    toSign,
    cert: new Uint8Array(options.cert ?? signerCert).buffer,
    signatureAlgID: options.algorithm ?? SM2_WITH_SM3_OID,
    signature: new Uint8Array(signature).buffer,
  });
  return new Uint8Array(AsnSerializer.serialize(sesSignature));
}

// A self-signed X.509 v3 (or v1) certificate for an SM2 key, assembled with asn1js (RFC 5280
// §4.1): enough structure for sm2PublicKeyFromCert, signed so it is a plausible certificate.
function selfSignedCert(key: Sm2KeyPair, { v1 = false } = {}): Uint8Array {
  const algorithm = (): asn1js.Sequence =>
    new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: SM2_WITH_SM3_OID })] });
  const name = (): asn1js.Sequence =>
    new asn1js.Sequence({
      value: [
        new asn1js.Set({
          value: [
            new asn1js.Sequence({
              value: [new asn1js.ObjectIdentifier({ value: '2.5.4.3' }), new asn1js.Utf8String({ value: '汕尾市制章机构' })],
            }),
          ],
        }),
      ],
    });
  const tbs = new asn1js.Sequence({
    value: [
      // version [0] EXPLICIT INTEGER 2 (v3), absent in a v1 certificate
      ...(v1 ? [] : [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Integer({ value: 2 })] })]),
      new asn1js.Integer({ value: 4151 }),
      algorithm(),
      name(),
      new asn1js.Sequence({
        value: [
          new asn1js.UTCTime({ valueDate: new Date('2025-01-01T00:00:00Z') }),
          new asn1js.UTCTime({ valueDate: new Date('2035-01-01T00:00:00Z') }),
        ],
      }),
      name(),
      asn1js.fromBER(new Uint8Array(sm2PublicKeyToSpki(key.publicKey))).result,
    ],
  });
  const signature = Buffer.from(sm2Sign(new Uint8Array(tbs.toBER()), key.privateKey, { der: true }), 'hex');
  const cert = new asn1js.Sequence({
    value: [tbs, algorithm(), new asn1js.BitString({ valueHex: new Uint8Array(signature).buffer })],
  });
  return new Uint8Array(cert.toBER());
}

// ---------------------------------------------------------------------------------------------

describe('makeSeal / parseSeal / verifySeal (GB/T 38540-2020 电子印章)', () => {
  it('round-trips every field of the seal', () => {
    const seal = parseSeal(SEAL);
    expect(seal).toMatchObject({
      headerId: 'ES',
      version: 4,
      vid: 'SHUZHENG',
      esID: '44150000SW00000001',
      type: 1,
      name: '汕尾市政务服务数据管理局',
      certListType: 1,
      certDigests: [],
      createDate: CREATED,
      validStart: CREATED,
      validEnd: VALID_END,
      picture: { type: 'PNG', width: 42, height: 42 },
      extensions: [],
      signAlgID: '1.2.156.10197.1.501',
    });
    expect(seal.certs.map(hex)).toEqual([hex(signerCert)]);
    expect(hex(seal.picture.data)).toBe(hex(PNG));
    expect(hex(seal.makerCert)).toBe(hex(sm2PublicKeyToSpki(maker.publicKey)));
    expect(hex(seal.sealDer)).toBe(hex(SEAL));
  });

  it('verifies, naming the maker key', () => {
    const result = verifySeal(SEAL);
    expect(result.valid).toBe(true);
    expect(result.reasons).toEqual([]);
    expect(result.makerPublicKey).toBe(maker.publicKey);
  });

  it('is DER: decoding and re-encoding gives the same bytes', () => {
    const reencode = (der: Uint8Array, target: new () => object): string =>
      hex(new Uint8Array(AsnSerializer.serialize(AsnParser.parse(der, target))));
    expect(reencode(SEAL, SESeal)).toBe(hex(SEAL));
    expect(reencode(SIGNATURE, SES_Signature)).toBe(hex(SIGNATURE));
  });

  it('records times to the second', () => {
    const seal = parseSeal(makeSeal(sealInput({ createDate: new Date('2025-01-01T08:00:00.999Z') })));
    expect(seal.createDate.toISOString()).toBe('2025-01-01T08:00:00.000Z');
  });

  it('checks validity only when asked, at the given time', () => {
    expect(codes(verifySeal(SEAL, { at: new Date('2024-12-31T23:59:59Z') }))).toEqual(['SEAL_NOT_YET_VALID']);
    expect(codes(verifySeal(SEAL, { at: CREATED }))).toEqual([]);
    expect(codes(verifySeal(SEAL, { at: VALID_END }))).toEqual([]);
    expect(codes(verifySeal(SEAL, { at: new Date('2028-01-01T00:00:01Z') }))).toEqual(['SEAL_EXPIRED']);
  });

  it('fails when a byte of the picture is flipped', () => {
    const tampered = flipByteOf(SEAL, PNG, 30);
    expect(codes(verifySeal(tampered))).toEqual(['SEAL_SIGNATURE_INVALID']);
  });

  it('fails when a byte of the name or validity is changed', () => {
    const name = Buffer.from('汕尾市政务服务数据管理局', 'utf8');
    expect(codes(verifySeal(flipByteOf(SEAL, name, 3)))).toEqual(['SEAL_SIGNATURE_INVALID']);
    const validEnd = Buffer.from('20280101000000Z', 'latin1');
    const extended = Buffer.from(SEAL);
    extended.write('2038', extended.indexOf(validEnd), 'latin1'); // ten more years
    expect(parseSeal(extended).validEnd.toISOString()).toBe('2038-01-01T00:00:00.000Z');
    expect(codes(verifySeal(extended))).toEqual(['SEAL_SIGNATURE_INVALID']);
  });

  it('fails when a byte of the maker signature is flipped', () => {
    expect(codes(verifySeal(flipByteAt(SEAL, SEAL.length - 1)))).toEqual(['SEAL_SIGNATURE_INVALID']);
  });

  it('fails when the maker cert is replaced by another key', () => {
    const seal = AsnParser.parse(SEAL, SESeal);
    seal.cert = new Uint8Array(sm2PublicKeyToSpki(stranger.publicKey)).buffer;
    const swapped = new Uint8Array(AsnSerializer.serialize(seal));
    expect(codes(verifySeal(swapped))).toEqual(['SEAL_SIGNATURE_INVALID']);
  });

  it('reports an unreadable maker cert and an unknown algorithm', () => {
    const seal = AsnParser.parse(SEAL, SESeal);
    seal.cert = new Uint8Array([1, 2, 3]).buffer;
    expect(codes(verifySeal(new Uint8Array(AsnSerializer.serialize(seal))))).toEqual(['SEAL_CERT_INVALID']);
    const ecdsa = AsnParser.parse(SEAL, SESeal);
    ecdsa.signAlgID = '1.2.840.10045.4.3.2';
    expect(codes(verifySeal(new Uint8Array(AsnSerializer.serialize(ecdsa))))).toEqual(['UNSUPPORTED_ALGORITHM']);
  });

  it('rejects a header that is not ES version 4', () => {
    const seal = AsnParser.parse(SEAL, SESeal);
    seal.eSealInfo.header.version = 2;
    const v2 = new Uint8Array(AsnSerializer.serialize(seal));
    expect(codes(verifySeal(v2))).toEqual(['UNSUPPORTED_VERSION', 'SEAL_SIGNATURE_INVALID']);
  });

  it('only accepts trusted makers when a list is given', () => {
    expect(codes(verifySeal(SEAL, { trustedSealMakers: [maker.publicKey] }))).toEqual([]);
    expect(codes(verifySeal(SEAL, { trustedSealMakers: [stranger.publicKey] }))).toEqual(['SEAL_MAKER_UNTRUSTED']);
    const foreign = makeSeal(sealInput({ makerKey: stranger.privateKey }));
    expect(codes(verifySeal(foreign, { trustedSealMakers: [maker.publicKey] }))).toEqual(['SEAL_MAKER_UNTRUSTED']);
  });

  it('signs with the configured user id', () => {
    const seal = makeSeal(sealInput({ userId: 'shanwei-seal-maker' }));
    expect(codes(verifySeal(seal))).toEqual(['SEAL_SIGNATURE_INVALID']);
    expect(codes(verifySeal(seal, { userId: 'shanwei-seal-maker' }))).toEqual([]);
  });

  it('reports malformed input instead of throwing', () => {
    for (const bad of [new Uint8Array(0), new Uint8Array([0x30, 0x03, 0x02, 0x01]), SIGNATURE, DOCUMENT]) {
      expect(codes(verifySeal(bad))).toEqual(['MALFORMED']);
    }
    expect(codes(verifySeal(new Uint8Array([...SEAL, 0])))).toEqual(['MALFORMED']); // trailing byte
    expect(codes(verifySeal(SEAL.subarray(0, SEAL.length - 1)))).toEqual(['MALFORMED']);
    expect(() => parseSeal(DOCUMENT)).toThrow(SealError);
  });

  it('accepts any seal type: the enumeration is configuration', () => {
    expect(parseSeal(makeSeal(sealInput({ type: SEAL_TYPES.personal }))).type).toBe(2);
    expect(parseSeal(makeSeal(sealInput({ type: 3 }))).type).toBe(3);
  });

  it('can list certificate hashes instead of certificates (certListType 2)', () => {
    const seal = makeSeal(sealInput({ certListType: CERT_LIST_TYPES.digests }));
    const parsed = parseSeal(seal);
    expect(parsed.certListType).toBe(2);
    expect(parsed.certs).toEqual([]);
    expect(parsed.certDigests.map((d) => [d.type, hex(d.value)])).toEqual([['SM3', sm3(signerCert)]]);
    const signature = sign({ sealDer: seal });
    expect(verifySignature(signature, DOCUMENT).valid).toBe(true);
    expect(() =>
      sign({ sealDer: seal, signerKey: stranger.privateKey }),
    ).toThrow(expect.objectContaining({ code: 'SIGNER_NOT_IN_SEAL' }));
  });

  it('refuses bad input', () => {
    expect(() => makeSeal(sealInput({ esID: '印章001' }))).toThrow('电子印章标识');
    expect(() => makeSeal(sealInput({ vid: '' }))).toThrow('厂商标识');
    expect(() => makeSeal(sealInput({ name: ' ' }))).toThrow('印章名称');
    expect(() => makeSeal(sealInput({ type: -1 }))).toThrow('印章类型');
    expect(() => makeSeal(sealInput({ certs: [] }))).toThrow('签章者证书');
    expect(() => makeSeal(sealInput({ certs: [new Uint8Array([1, 2, 3])] }))).toThrow(RangeError);
    expect(() => makeSeal(sealInput({ validEnd: CREATED }))).toThrow('终止时间应晚于起始时间');
    expect(() => makeSeal(sealInput({ validStart: new Date('x') }))).toThrow('不是有效的时间');
    const emptyPicture = { type: 'PNG', data: new Uint8Array(0), width: 1, height: 1 };
    expect(() => makeSeal(sealInput({ picture: emptyPicture }))).toThrow('图像数据');
    expect(() => makeSeal(sealInput({ picture: { type: 'PNG', data: PNG, width: 1.5, height: 1 } }))).toThrow('宽度');
    // The maker cert must belong to the maker key.
    expect(() => makeSeal(sealInput({ makerCert: sm2PublicKeyToSpki(stranger.publicKey) }))).toThrow('不匹配');
  });
});

describe('signWithSeal / verifySignature (GB/T 38540-2020 电子签章)', () => {
  it('verifies, reporting the seal, the time and both keys', () => {
    const result = verifySignature(SIGNATURE, DOCUMENT);
    expect(result).toMatchObject({
      valid: true,
      reasons: [],
      sealName: '汕尾市政务服务数据管理局',
      esID: '44150000SW00000001',
      sealType: 1,
      sealValidStart: CREATED,
      sealValidEnd: VALID_END,
      signedAt: SIGNED_AT,
      propertyInfo: '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
      dataHash: sm3(DOCUMENT),
      signerPublicKey: signer.publicKey,
      sealMakerPublicKey: maker.publicKey,
    });
  });

  it('parses back what was signed', () => {
    const parsed = parseSignature(SIGNATURE);
    expect(parsed.version).toBe(4);
    expect(hex(parsed.seal.sealDer)).toBe(hex(SEAL)); // the seal is embedded byte for byte
    expect(hex(parsed.dataHash)).toBe(sm3(DOCUMENT));
    expect(hex(parsed.signerCert)).toBe(hex(signerCert));
    expect(parsed.signatureAlgID).toBe(SM2_WITH_SM3_OID);
    expect(parsed.timeStamp).toBeUndefined();
  });

  it('accepts the document as text, bytes or its SM3 hash', () => {
    const text = '准予登记通知书';
    const hash = Buffer.from(sm3(text), 'hex');
    const byText = sign({ data: text });
    const byHash = sign({ data: undefined, dataHash: hash });
    for (const signature of [byText, byHash]) {
      expect(verifySignature(signature, text).valid).toBe(true);
      expect(verifySignature(signature, Buffer.from(text, 'utf8')).valid).toBe(true);
      expect(verifySignature(signature, { dataHash: hash }).valid).toBe(true);
    }
    expect(() => sign({ data: undefined })).toThrow(
      RangeError,
    );
    expect(() =>
      sign({ data: undefined, dataHash: hash.subarray(1) }),
    ).toThrow('32 字节');
  });

  it('fails with DATA_HASH_MISMATCH when a byte of the signed document is flipped', () => {
    expect(codes(verifySignature(SIGNATURE, flipByteAt(DOCUMENT, 7)))).toEqual(['DATA_HASH_MISMATCH']);
    const appended = Buffer.concat([DOCUMENT, Buffer.from(' ')]);
    expect(codes(verifySignature(SIGNATURE, appended))).toEqual(['DATA_HASH_MISMATCH']);
  });

  it('fails with SIGNATURE_INVALID when a byte of the signature value is flipped', () => {
    const tampered = flipByteAt(SIGNATURE, SIGNATURE.length - 1); // last byte of s
    expect(codes(verifySignature(tampered, DOCUMENT))).toEqual(['SIGNATURE_INVALID']);
  });

  it('fails when the recorded hash or time is edited', () => {
    const hash = Buffer.from(sm3(DOCUMENT), 'hex');
    expect(codes(verifySignature(flipByteOf(SIGNATURE, hash, 0), DOCUMENT))).toEqual([
      'SIGNATURE_INVALID',
      'DATA_HASH_MISMATCH',
    ]);
    const backdated = Buffer.from(SIGNATURE);
    backdated.write('2025', backdated.indexOf(Buffer.from('20260301093000Z', 'latin1')), 'latin1');
    expect(parseSignature(backdated).timeInfo.toISOString()).toBe('2025-03-01T09:30:00.000Z');
    expect(codes(verifySignature(backdated, DOCUMENT))).toEqual(['SIGNATURE_INVALID']);
  });

  it('fails when a byte of the embedded seal picture is flipped: both signatures break', () => {
    expect(codes(verifySignature(flipByteOf(SIGNATURE, PNG, 30), DOCUMENT))).toEqual([
      'SEAL_SIGNATURE_INVALID',
      'SIGNATURE_INVALID',
    ]);
  });

  it('fails with SIGNATURE_INVALID when signed by a key other than the cert’s', () => {
    const wrongKey = craftSignature({ signerKey: stranger.privateKey });
    expect(codes(verifySignature(wrongKey, DOCUMENT))).toEqual(['SIGNATURE_INVALID']);
    expect(() =>
      sign({ signerKey: stranger.privateKey, signerCert }),
    ).toThrow(expect.objectContaining({ code: 'SIGNER_KEY_MISMATCH' }));
  });

  it('fails with SIGNER_NOT_IN_SEAL when the signer is not one the seal lists', () => {
    const strangerCert = sm2PublicKeyToSpki(stranger.publicKey);
    const foreign = craftSignature({ signerKey: stranger.privateKey, cert: strangerCert });
    expect(codes(verifySignature(foreign, DOCUMENT))).toEqual(['SIGNER_NOT_IN_SEAL']);
    expect(() =>
      sign({ signerKey: stranger.privateKey }),
    ).toThrow(expect.objectContaining({ code: 'SIGNER_NOT_IN_SEAL' }));
  });

  it('fails when the signing time is outside the seal validity', () => {
    const late = craftSignature({ time: new Date('2028-01-01T00:00:01Z') });
    expect(codes(verifySignature(late, DOCUMENT))).toEqual(['SEAL_EXPIRED']);
    const early = craftSignature({ time: new Date('2024-12-31T23:59:59Z') });
    expect(codes(verifySignature(early, DOCUMENT))).toEqual(['SEAL_NOT_YET_VALID']);
    expect(codes(verifySignature(craftSignature({ time: VALID_END }), DOCUMENT))).toEqual([]); // inclusive
    const refusal = (code: SealProblemCode) => expect.objectContaining({ code });
    expect(() => sign({ time: new Date('2028-01-01T00:00:01Z') })).toThrow(refusal('SEAL_EXPIRED'));
    expect(() => sign({ time: new Date('2024-12-31T23:59:59Z') })).toThrow(refusal('SEAL_NOT_YET_VALID'));
  });

  it('refuses to sign with a tampered seal, and reports one embedded by hand', () => {
    const tampered = flipByteOf(SEAL, PNG, 30);
    expect(() =>
      sign({ sealDer: tampered }),
    ).toThrow(expect.objectContaining({ code: 'SEAL_SIGNATURE_INVALID' }));
    expect(codes(verifySignature(craftSignature({ sealDer: tampered }), DOCUMENT))).toEqual(['SEAL_SIGNATURE_INVALID']);
  });

  it('reports a wrong version, an unknown algorithm and an untrusted maker', () => {
    expect(codes(verifySignature(craftSignature({ version: 3 }), DOCUMENT))).toEqual(['UNSUPPORTED_VERSION']);
    expect(codes(verifySignature(craftSignature({ algorithm: '1.2.840.10045.4.3.2' }), DOCUMENT))).toEqual([
      'UNSUPPORTED_ALGORITHM',
    ]);
    expect(codes(verifySignature(SIGNATURE, DOCUMENT, { trustedSealMakers: [stranger.publicKey] }))).toEqual([
      'SEAL_MAKER_UNTRUSTED',
    ]);
    expect(verifySignature(SIGNATURE, DOCUMENT, { trustedSealMakers: [maker.publicKey] }).valid).toBe(true);
  });

  it('reports every problem at once', () => {
    const everything = craftSignature({ time: new Date('2030-01-01T00:00:00Z'), signerKey: stranger.privateKey });
    expect(codes(verifySignature(everything, 'another document'))).toEqual([
      'SEAL_EXPIRED',
      'SIGNATURE_INVALID',
      'DATA_HASH_MISMATCH',
    ]);
  });

  it('reports malformed input instead of throwing', () => {
    const trailing = new Uint8Array([...SIGNATURE, 0]);
    for (const bad of [new Uint8Array(0), SEAL, DOCUMENT, SIGNATURE.subarray(0, 100), trailing]) {
      const result = verifySignature(bad, DOCUMENT);
      expect(codes(result)).toEqual(['MALFORMED']);
      expect(result.reasons[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses a non-ASCII propertyInfo', () => {
    expect(() =>
      sign({ propertyInfo: '营业执照' }),
    ).toThrow('原文数据的属性');
  });
});

describe('certificates: X.509 or bare SubjectPublicKeyInfo', () => {
  it('reads the SM2 key from a bare SPKI and from X.509 v3 and v1 certificates', () => {
    expect(sm2PublicKeyFromCert(sm2PublicKeyToSpki(maker.publicKey))).toBe(maker.publicKey);
    expect(sm2PublicKeyFromCert(selfSignedCert(maker))).toBe(maker.publicKey);
    expect(sm2PublicKeyFromCert(selfSignedCert(maker, { v1: true }))).toBe(maker.publicKey);
  });

  it('rejects non-SM2 keys and garbage', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const p256 = publicKey.export({ type: 'spki', format: 'der' });
    expect(() => sm2PublicKeyFromCert(p256)).toThrow(RangeError);
    expect(() => sm2PublicKeyFromCert(new Uint8Array([0x30, 0x00]))).toThrow(RangeError);
    expect(() => sm2PublicKeyFromCert(DOCUMENT)).toThrow(RangeError);
  });

  it('makes, signs and verifies with X.509 certificates for maker and signer', () => {
    const makerCert = selfSignedCert(maker);
    const x509Signer = selfSignedCert(signer);
    const seal = makeSeal(sealInput({ makerCert, certs: [x509Signer] }));
    expect(verifySeal(seal).makerPublicKey).toBe(maker.publicKey);
    const signature = signWithSeal({
      sealDer: seal,
      data: DOCUMENT,
      propertyInfo: 'x',
      signerCert: x509Signer,
      signerKey: signer.privateKey,
      time: SIGNED_AT,
    });
    expect(verifySignature(signature, DOCUMENT)).toMatchObject({ valid: true, signerPublicKey: signer.publicKey });
    // The seal lists the X.509 certificate: the bare SPKI of the same key is a different cert.
    expect(() =>
      sign({ sealDer: seal }),
    ).toThrow(expect.objectContaining({ code: 'SIGNER_NOT_IN_SEAL' }));
  });
});

// ---------------------------------------------------------------------------------------------
// Independent readers: asn1js's own BER decoder (not asn1-schema, which ships its own asn1js),
// sm-crypto-v2 called directly, and the OpenSSL command line.

// X.690 universal tag numbers.
const UNIVERSAL = {
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  OID: 6,
  UTF8: 12,
  SEQUENCE: 16,
  IA5: 22,
  GENERALIZED_TIME: 24,
};

function decode(der: Uint8Array): asn1js.AsnType {
  const { offset, result } = asn1js.fromBER(new Uint8Array(der));
  expect(result.error).toBe('');
  expect(offset).toBe(der.length);
  return result;
}
const tag = (node: asn1js.AsnType): number => {
  expect(node.idBlock.tagClass).toBe(1); // universal
  return node.idBlock.tagNumber;
};
const children = (node: asn1js.AsnType | undefined): asn1js.AsnType[] => {
  expect(node && tag(node)).toBe(UNIVERSAL.SEQUENCE);
  return (node as asn1js.Sequence).valueBlock.value;
};
const contents = (node: asn1js.AsnType | undefined): Buffer => {
  const primitive = node as asn1js.BaseBlock & { valueBlock: { valueHexView: Uint8Array } };
  return Buffer.from(primitive.valueBlock.valueHexView);
};
// Contents of a short primitive (2-byte header) as text.
const text = (node: asn1js.AsnType | undefined): string =>
  Buffer.from(node?.valueBeforeDecodeView ?? []).subarray(2).toString('utf8');
const integer = (node: asn1js.AsnType | undefined): number => (node as asn1js.Integer).valueBlock.valueDec;
const bitStringBytes = (node: asn1js.AsnType | undefined): Buffer => {
  const bits = node as asn1js.BitString;
  expect(bits.valueBlock.unusedBits).toBe(0);
  return Buffer.from(bits.valueBlock.valueHexView);
};

function walkSeal(sealNode: asn1js.AsnType) {
  const seal = children(sealNode);
  expect(seal.map(tag)).toEqual([UNIVERSAL.SEQUENCE, UNIVERSAL.OCTET_STRING, UNIVERSAL.OID, UNIVERSAL.BIT_STRING]);
  const [sealInfo, cert, algorithm, signedValue] = seal;
  const info = children(sealInfo);
  // header, esID, property, picture — and no extDatas
  expect(info.map(tag)).toEqual([UNIVERSAL.SEQUENCE, UNIVERSAL.IA5, UNIVERSAL.SEQUENCE, UNIVERSAL.SEQUENCE]);
  const [header, esID, property, picture] = info;
  expect(children(header).map(tag)).toEqual([UNIVERSAL.IA5, UNIVERSAL.INTEGER, UNIVERSAL.IA5]);
  const [id, version, vid] = children(header);
  const props = children(property);
  expect(props.map(tag)).toEqual([
    UNIVERSAL.INTEGER,
    UNIVERSAL.UTF8,
    UNIVERSAL.INTEGER,
    UNIVERSAL.SEQUENCE,
    UNIVERSAL.GENERALIZED_TIME,
    UNIVERSAL.GENERALIZED_TIME,
    UNIVERSAL.GENERALIZED_TIME,
  ]);
  const [type, name, certListType, certList, createDate, validStart, validEnd] = props;
  const certs = children(certList);
  expect(certs.map(tag).every((t) => t === UNIVERSAL.OCTET_STRING)).toBe(true);
  const pic = children(picture);
  expect(pic.map(tag)).toEqual([UNIVERSAL.IA5, UNIVERSAL.OCTET_STRING, UNIVERSAL.INTEGER, UNIVERSAL.INTEGER]);
  return {
    id: text(id),
    version: integer(version),
    vid: text(vid),
    esID: text(esID),
    type: integer(type),
    name: text(name),
    certListType: integer(certListType),
    certs: certs.map(contents),
    times: [createDate, validStart, validEnd].map(text),
    picture: { type: text(pic[0]), data: contents(pic[1]), width: integer(pic[2]), height: integer(pic[3]) },
    sealInfoDer: Buffer.from(sealInfo?.valueBeforeDecodeView ?? []),
    cert: contents(cert),
    algorithm: (algorithm as asn1js.ObjectIdentifier).valueBlock.toString(),
    signedValue: bitStringBytes(signedValue),
  };
}

// The uncompressed point is the last 65 bytes of an SM2 SubjectPublicKeyInfo (RFC 5480 layout).
const pointOf = (spki: Buffer): string => spki.subarray(spki.length - 65).toString('hex');

describe('interoperability: independent readers', () => {
  it('asn1js walks the seal: field order, tags, ES / 4 / GeneralizedTime', () => {
    const seal = walkSeal(decode(SEAL));
    expect(seal).toMatchObject({
      id: 'ES',
      version: 4,
      vid: 'SHUZHENG',
      esID: '44150000SW00000001',
      type: 1,
      name: '汕尾市政务服务数据管理局',
      certListType: 1,
      times: ['20250101080000Z', '20250101080000Z', '20280101000000Z'],
      picture: { type: 'PNG', width: 42, height: 42 },
      algorithm: '1.2.156.10197.1.501',
    });
    expect(seal.certs.map((c) => c.toString('hex'))).toEqual([hex(signerCert)]);
    expect(seal.picture.data.equals(PNG)).toBe(true);
    // The signature value is DER SEQUENCE { r INTEGER, s INTEGER } (GB/T 35276).
    expect(children(decode(seal.signedValue)).map(tag)).toEqual([UNIVERSAL.INTEGER, UNIVERSAL.INTEGER]);
  });

  it('asn1js walks the signature: TBS_Sign version 4, embedded seal, GeneralizedTime, SM3 hash', () => {
    const signature = children(decode(SIGNATURE));
    const { SEQUENCE, OCTET_STRING, OID, BIT_STRING } = UNIVERSAL;
    expect(signature.map(tag)).toEqual([SEQUENCE, OCTET_STRING, OID, BIT_STRING]);
    const tbs = children(signature[0]);
    expect(tbs.map(tag)).toEqual([
      UNIVERSAL.INTEGER,
      UNIVERSAL.SEQUENCE,
      UNIVERSAL.GENERALIZED_TIME,
      UNIVERSAL.BIT_STRING,
      UNIVERSAL.IA5,
    ]);
    expect(integer(tbs[0])).toBe(4);
    expect(Buffer.from(tbs[1]?.valueBeforeDecodeView ?? []).equals(SEAL)).toBe(true);
    expect(text(tbs[2])).toBe('20260301093000Z');
    expect(bitStringBytes(tbs[3]).toString('hex')).toBe(sm3(DOCUMENT));
    expect(contents(signature[1]).equals(signerCert)).toBe(true);
    expect((signature[2] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(SM2_WITH_SM3_OID);
  });

  it('sm-crypto-v2, called directly, verifies both SM2 signatures', () => {
    const options = { der: true, hash: true, userId: '1234567812345678' };
    const seal = walkSeal(decode(SEAL));
    const makerKey = pointOf(seal.cert);
    expect(makerKey).toBe(maker.publicKey);
    const sealSignature = seal.signedValue.toString('hex');
    expect(referenceSm2.doVerifySignature(seal.sealInfoDer, sealSignature, makerKey, options)).toBe(true);
    const tampered = flipByteAt(seal.sealInfoDer, 40);
    expect(referenceSm2.doVerifySignature(tampered, sealSignature, makerKey, options)).toBe(false);

    const [tbs, cert, , value] = children(decode(SIGNATURE));
    const tbsDer = new Uint8Array(tbs?.valueBeforeDecodeView ?? []);
    const signerKey = pointOf(contents(cert));
    const signatureHex = bitStringBytes(value).toString('hex');
    expect(referenceSm2.doVerifySignature(tbsDer, signatureHex, signerKey, options)).toBe(true);
    expect(referenceSm2.doVerifySignature(tbsDer, signatureHex, maker.publicKey, options)).toBe(false);
  });

  it('our verifier accepts a seal whose signature sm-crypto-v2 made directly', () => {
    const seal = AsnParser.parse(SEAL, SESeal);
    const sealInfoDer = new Uint8Array(AsnSerializer.serialize(seal.eSealInfo));
    const byReference = referenceSm2.doSignature(sealInfoDer, maker.privateKey, { der: true, hash: true });
    seal.signedValue = new Uint8Array(Buffer.from(byReference, 'hex')).buffer;
    expect(verifySeal(new Uint8Array(AsnSerializer.serialize(seal))).valid).toBe(true);
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

interface Asn1Line {
  offset: number;
  depth: number;
  headerLength: number;
  length: number;
  type: string;
  value: string;
}

function opensslAsn1parse(file: string): Asn1Line[] {
  const output = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', file], { encoding: 'utf8' });
  return output
    .trimEnd()
    .split('\n')
    .map((line) => {
      const m = /^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+)\s+(?:prim|cons):\s*([^:]*?)\s*(?::(.*))?$/.exec(line);
      if (!m) throw new Error(`unexpected asn1parse line: ${line}`);
      return {
        offset: Number(m[1]),
        depth: Number(m[2]),
        headerLength: Number(m[3]),
        length: Number(m[4]),
        type: (m[5] ?? '').replace(/\s*\[HEX DUMP\]$/, ''), // OCTET STRING values come as a hex dump
        value: m[6] ?? '',
      };
    });
}

describe.skipIf(!hasOpenssl)(
  `interoperability with the OpenSSL CLI${hasOpenssl ? '' : ' (skipped: no `openssl` on PATH)'}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'seal-interop-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string): string => join(dir, name);
    const opensslVerify = (pem: string, signed: Uint8Array, signature: Uint8Array): boolean => {
      writeFileSync(file('key.pem'), pem);
      writeFileSync(file('signed.der'), signed);
      writeFileSync(file('sig.der'), signature);
      return (
        spawnSync('openssl', [
          'dgst', '-sm3', '-verify', file('key.pem'), '-sigopt', 'distid:1234567812345678',
          '-signature', file('sig.der'), file('signed.der'),
        ]).status === 0 // prettier-ignore
      );
    };
    // Cuts [SEQUENCE to sign, cert OCTET STRING, OID, BIT STRING] out of a structure using only the
    // offsets OpenSSL printed, then has OpenSSL check the SM2 signature with the cert's key.
    const verifyTopLevel = (der: Uint8Array, name: string): { valid: boolean; tamperedValid: boolean } => {
      writeFileSync(file(name), der);
      const top = opensslAsn1parse(file(name)).filter((l) => l.depth === 1);
      expect(top.map((l) => l.type)).toEqual(['SEQUENCE', 'OCTET STRING', 'OBJECT', 'BIT STRING']);
      const [signedPart, cert, , bits] = top as [Asn1Line, Asn1Line, Asn1Line, Asn1Line];
      const signed = der.subarray(signedPart.offset, signedPart.offset + signedPart.headerLength + signedPart.length);
      const certBytes = der.subarray(cert.offset + cert.headerLength, cert.offset + cert.headerLength + cert.length);
      expect(der[bits.offset + bits.headerLength]).toBe(0); // no unused bits
      const bitsStart = bits.offset + bits.headerLength;
      const signature = der.subarray(bitsStart + 1, bitsStart + bits.length);
      writeFileSync(file('cert.der'), certBytes);
      const pem = execFileSync('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', file('cert.der')], {
        encoding: 'utf8',
      });
      return {
        valid: opensslVerify(pem, signed, signature),
        tamperedValid: opensslVerify(pem, flipByteAt(signed, signed.length - 1), signature),
      };
    };

    it('asn1parse reads the seal: ES, version 4, GeneralizedTime, SM2-with-SM3', () => {
      writeFileSync(file('seal.der'), SEAL);
      const lines = opensslAsn1parse(file('seal.der'));
      const at = (depth: number) => lines.filter((l) => l.depth === depth).map((l) => `${l.type}:${l.value}`);
      const makerSpki = hex(sm2PublicKeyToSpki(maker.publicKey)).toUpperCase();
      expect(at(1)).toEqual(['SEQUENCE:', `OCTET STRING:${makerSpki}`, 'OBJECT:SM2-with-SM3', 'BIT STRING:']);
      expect(at(2)).toEqual(['SEQUENCE:', 'IA5STRING:44150000SW00000001', 'SEQUENCE:', 'SEQUENCE:']);
      const header = lines.slice(3, 6).map((l) => `${l.type}:${l.value}`);
      expect(header).toEqual(['IA5STRING:ES', 'INTEGER:04', 'IA5STRING:SHUZHENG']);
      const property = lines.filter((l) => l.depth === 3).map((l) => l.type);
      expect(property).toEqual([
        'IA5STRING', 'INTEGER', 'IA5STRING', // header
        'INTEGER', 'UTF8STRING', 'INTEGER', 'SEQUENCE', 'GENERALIZEDTIME', 'GENERALIZEDTIME', 'GENERALIZEDTIME', // property
        'IA5STRING', 'OCTET STRING', 'INTEGER', 'INTEGER', // picture
      ]); // prettier-ignore
      expect(lines.filter((l) => l.type === 'GENERALIZEDTIME').map((l) => l.value)).toEqual([
        '20250101080000Z',
        '20250101080000Z',
        '20280101000000Z',
      ]);
      expect(lines.find((l) => l.type === 'UTF8STRING')?.value).toBe('汕尾市政务服务数据管理局');
    });

    it('asn1parse reads the signature: TBS_Sign version 4 and the time', () => {
      writeFileSync(file('signature.der'), SIGNATURE);
      const lines = opensslAsn1parse(file('signature.der'));
      const tbs = lines.filter((l) => l.depth === 2).map((l) => `${l.type}:${l.value}`);
      expect(tbs).toEqual([
        'INTEGER:04',
        'SEQUENCE:',
        'GENERALIZEDTIME:20260301093000Z',
        'BIT STRING:',
        `IA5STRING:${parseSignature(SIGNATURE).propertyInfo}`,
      ]);
    });

    it('OpenSSL verifies the maker signature over SES_SealInfo', () => {
      expect(verifyTopLevel(SEAL, 'seal.der')).toEqual({ valid: true, tamperedValid: false });
    });

    it('OpenSSL verifies the signer signature over TBS_Sign', () => {
      expect(verifyTopLevel(SIGNATURE, 'signature.der')).toEqual({ valid: true, tamperedValid: false });
    });

    it('works with SM2 certificates made by OpenSSL', () => {
      const certFor = (name: string): { cert: Buffer; privateKey: string } => {
        execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', file(`${name}.pem`)]);
        execFileSync('openssl', [
          'req', '-x509', '-new', '-key', file(`${name}.pem`), '-subj', `/CN=${name}`, '-sm3', '-days', '30',
          '-outform', 'DER', '-out', file(`${name}.crt`),
        ]); // prettier-ignore
        // ECPrivateKey (RFC 5915): 30 77 02 01 01 04 20 ‖ 32-byte private key ‖ …
        const ecKey = execFileSync('openssl', ['ec', '-in', file(`${name}.pem`), '-outform', 'DER'], { stdio: 'pipe' });
        expect(ecKey.subarray(0, 7).toString('hex')).toBe('30770201010420');
        return { cert: readFileSync(file(`${name}.crt`)), privateKey: ecKey.subarray(7, 39).toString('hex') };
      };
      const opensslMaker = certFor('maker');
      const opensslSigner = certFor('signer');
      const seal = makeSeal(
        sealInput({ makerCert: opensslMaker.cert, makerKey: opensslMaker.privateKey, certs: [opensslSigner.cert] }),
      );
      const signature = signWithSeal({
        sealDer: seal,
        data: DOCUMENT,
        propertyInfo: 'x',
        signerCert: opensslSigner.cert,
        signerKey: opensslSigner.privateKey,
        time: SIGNED_AT,
      });
      expect(verifySignature(signature, DOCUMENT).valid).toBe(true);
      // OpenSSL's own reading of its certificate's key matches ours.
      const pem = execFileSync('openssl', ['x509', '-inform', 'DER', '-in', file('signer.crt'), '-pubkey', '-noout'], {
        encoding: 'utf8',
      });
      expect(pem).toBe(sm2PublicKeyToPem(sm2PublicKeyFromCert(opensslSigner.cert)));
      const [tbs, , , value] = children(decode(signature));
      const tbsDer = new Uint8Array(tbs?.valueBeforeDecodeView ?? []);
      expect(opensslVerify(pem, tbsDer, bitStringBytes(value))).toBe(true);
    });
  },
);
