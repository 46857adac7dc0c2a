// Chinese commercial cryptography for Node (entry '@shuzheng/standards/crypto'; needs node:crypto):
//   SM3 hash (GB/T 32905-2016) and HMAC-SM3 (RFC 2104 construction) — Node/OpenSSL;
//   SM4 block cipher (GB/T 32907-2016) in CBC mode — Node/OpenSSL;
//   SM2 signatures (GB/T 32918.2-2016) — sm-crypto-v2, because Node's SM2 cannot set the
//   signer's distinguishing identifier. Every SM2 call passes { hash: true, userId }: the library
//   otherwise signs the raw message without the Z_A prefix, which is not standard SM2.
// Strings are UTF-8 text; pass a Uint8Array for binary data.

import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

/** Default distinguishing identifier of GM/T 0009-2012 (「用户身份标识的默认值」). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

// GB/T 32918.5-2017: order n of the base point of the recommended curve.
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

// SubjectPublicKeyInfo DER up to the key bits (RFC 5480 layout; curve OID from GM/T 0006-2012):
//   30 59                                  SEQUENCE, 89 bytes
//     30 13                                SEQUENCE (AlgorithmIdentifier), 19 bytes
//       06 07 2a8648ce3d0201               OID 1.2.840.10045.2.1 id-ecPublicKey
//       06 08 2a811ccf5501822d             OID 1.2.156.10197.1.301 SM2 curve
//     03 42 00                             BIT STRING, 66 bytes, no unused bits
//       04 ‖ x ‖ y                          uncompressed point, 65 bytes
const SM2_SPKI_PREFIX = '3059301306072a8648ce3d020106082a811ccf5501822d034200';

const SM4_KEY_BYTES = 16;
const SM4_BLOCK_BYTES = 16;

export interface Sm2KeyPair {
  /** 64 lower-case hex digits. */
  privateKey: string;
  /** Uncompressed point, '04' followed by 128 lower-case hex digits. */
  publicKey: string;
}

export interface Sm2SignatureOptions {
  /** Signer's distinguishing identifier (UTF-8); GM/T 0009-2012 default when omitted. */
  userId?: string;
  /** DER SEQUENCE { r INTEGER, s INTEGER } (GM/T 0009-2012 signature format) instead of hex r ‖ s. */
  der?: boolean;
}

/** SM3 digest as 64 lower-case hex digits. */
export function sm3(data: Uint8Array | string): string {
  return createHash('sm3').update(data).digest('hex');
}

/** HMAC-SM3 (RFC 2104 with SM3, block size 64 bytes) as 64 lower-case hex digits. */
export function hmacSm3(key: Uint8Array | string, data: Uint8Array | string): string {
  return createHmac('sm3', key).update(data).digest('hex');
}

function checkSm4Key(key: Uint8Array): void {
  if (key.length !== SM4_KEY_BYTES) throw new RangeError(`SM4 密钥应为 16 字节，实际为 ${key.length} 字节`);
}

/**
 * SM4-CBC with PKCS #7 padding under a fresh random IV; returns IV ‖ ciphertext. Provides
 * confidentiality only: authenticate the output (e.g. HMAC-SM3) where tampering matters.
 */
export function sm4Encrypt(key: Uint8Array, plaintext: Uint8Array): Buffer {
  checkSm4Key(key);
  const iv = randomBytes(SM4_BLOCK_BYTES);
  const cipher = createCipheriv('sm4-cbc', key, iv); // PKCS #7 padding is Node's default
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final()]);
}

/** Inverse of sm4Encrypt; throws on a malformed input or wrong padding (e.g. a wrong key). */
export function sm4Decrypt(key: Uint8Array, data: Uint8Array): Buffer {
  checkSm4Key(key);
  if (data.length < 2 * SM4_BLOCK_BYTES || data.length % SM4_BLOCK_BYTES !== 0) {
    throw new RangeError(`SM4 密文长度无效：${data.length} 字节`);
  }
  const decipher = createDecipheriv('sm4-cbc', key, data.subarray(0, SM4_BLOCK_BYTES));
  return Buffer.concat([decipher.update(data.subarray(SM4_BLOCK_BYTES)), decipher.final()]);
}

function checkPrivateKey(privateKeyHex: string): string {
  // GB/T 32918.1-2016 §6.1: the private key d is an integer in [1, n − 2].
  if (/^[0-9a-f]{64}$/i.test(privateKeyHex)) {
    const d = BigInt(`0x${privateKeyHex}`);
    if (d >= 1n && d <= SM2_N - 2n) return privateKeyHex.toLowerCase();
  }
  throw new RangeError('SM2 私钥应为 [1, n−2] 内的 64 位十六进制数');
}

function isOnCurve(publicKeyHex: string): boolean {
  try {
    return sm2.verifyPublicKey(publicKeyHex);
  } catch {
    return false; // the library throws for some invalid points instead of returning false
  }
}

function checkPublicKey(publicKeyHex: string): string {
  if (/^04[0-9a-f]{128}$/i.test(publicKeyHex) && isOnCurve(publicKeyHex)) return publicKeyHex.toLowerCase();
  throw new RangeError('SM2 公钥应为曲线上的未压缩点（04 开头的 130 位十六进制数）');
}

function checkUserId(userId: string): string {
  // GB/T 32918.2-2016 §5.5: ENTL_A is the identifier's bit length in two bytes.
  if (new TextEncoder().encode(userId).length >= 8192) throw new RangeError('SM2 用户标识不能超过 8191 字节');
  return userId;
}

// Signature as 128 hex digits r ‖ s with 1 ≤ r, s ≤ n − 1 (GB/T 32918.2-2016 §7.1 B1–B2), or
// undefined. DER must be strict: short-form lengths, minimal positive INTEGERs, nothing trailing.
function rawSignature(signatureHex: string, der: boolean): string | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(signatureHex)) return undefined;
  let r: bigint;
  let s: bigint;
  if (der) {
    const bytes = Buffer.from(signatureHex, 'hex');
    if (bytes[0] !== 0x30 || bytes[1] !== bytes.length - 2 || bytes.length - 2 >= 0x80) return undefined;
    const integers: bigint[] = [];
    let pos = 2;
    while (pos < bytes.length) {
      const length = bytes[pos + 1] ?? 0;
      const value = bytes.subarray(pos + 2, pos + 2 + length);
      const [first = 0, second = 0] = value;
      if (bytes[pos] !== 0x02 || length === 0 || value.length !== length) return undefined;
      if (first & 0x80 || (first === 0 && length > 1 && !(second & 0x80))) return undefined;
      integers.push(BigInt(`0x${value.toString('hex')}`));
      pos += 2 + length;
    }
    if (integers.length !== 2) return undefined;
    [r, s] = integers as [bigint, bigint];
  } else {
    if (signatureHex.length !== 128) return undefined;
    r = BigInt(`0x${signatureHex.slice(0, 64)}`);
    s = BigInt(`0x${signatureHex.slice(64)}`);
  }
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return undefined;
  return r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0');
}

/** Generates an SM2 key pair from the platform CSPRNG. */
export function sm2GenerateKeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey: checkPrivateKey(privateKey), publicKey: checkPublicKey(publicKey) };
}

/** Public key (uncompressed hex) P = d·G of a private key. */
export function sm2PublicKeyFromPrivate(privateKeyHex: string): string {
  return checkPublicKey(sm2.getPublicKeyFromPrivateKey(checkPrivateKey(privateKeyHex)));
}

/** SM2 signature with SM3 over Z_A ‖ M (GB/T 32918.2-2016 §6.1); hex r ‖ s, or DER hex. */
export function sm2Sign(
  message: Uint8Array | string,
  privateKeyHex: string,
  { userId = SM2_DEFAULT_USER_ID, der = false }: Sm2SignatureOptions = {},
): string {
  const privateKey = checkPrivateKey(privateKeyHex);
  return sm2.doSignature(message, privateKey, {
    hash: true,
    userId: checkUserId(userId),
    der,
    publicKey: sm2.getPublicKeyFromPrivateKey(privateKey),
  });
}

type Sm2VerifyKey = string | ReturnType<typeof sm2.precomputePublicKey>;

function verifyWith(
  key: Sm2VerifyKey,
  message: Uint8Array | string,
  signatureHex: string,
  der: boolean,
  userId: string,
): boolean {
  const raw = rawSignature(signatureHex, der);
  return raw !== undefined && sm2.doVerifySignature(message, raw, key, { hash: true, der: false, userId });
}

/**
 * Verifies an SM2 signature (GB/T 32918.2-2016 §7.1). Returns false for a wrong or malformed
 * signature; throws RangeError for a malformed public key (a configuration error).
 */
export function sm2Verify(
  message: Uint8Array | string,
  signatureHex: string,
  publicKeyHex: string,
  { userId = SM2_DEFAULT_USER_ID, der = false }: Sm2SignatureOptions = {},
): boolean {
  return verifyWith(checkPublicKey(publicKeyHex), message, signatureHex, der, checkUserId(userId));
}

/**
 * sm2Verify bound to one public key and identifier. Precomputing the key's multiples costs tens of
 * milliseconds once and makes each verification several times faster: use it when many
 * signatures are checked against the same key (audit logs, licenses).
 */
export function createSm2Verifier(
  publicKeyHex: string,
  { userId = SM2_DEFAULT_USER_ID, der = false }: Sm2SignatureOptions = {},
): (message: Uint8Array | string, signatureHex: string) => boolean {
  const point = sm2.precomputePublicKey(checkPublicKey(publicKeyHex));
  checkUserId(userId);
  return (message, signatureHex) => verifyWith(point, message, signatureHex, der, userId);
}

/** DER SubjectPublicKeyInfo of an SM2 public key (the form X.509 certificates carry). */
export function sm2PublicKeyToSpki(publicKeyHex: string): Buffer {
  return Buffer.from(SM2_SPKI_PREFIX + checkPublicKey(publicKeyHex), 'hex');
}

/**
 * SM2 public key (uncompressed hex) of a DER SubjectPublicKeyInfo; throws RangeError for anything
 * else. DER is canonical, so an SM2 key on the named curve with an uncompressed point is always
 * exactly SM2_SPKI_PREFIX followed by the 65-byte point: a prefix comparison is a complete parse.
 */
export function sm2PublicKeyFromSpki(spki: Uint8Array): string {
  const hex = Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength).toString('hex');
  if (hex.length === SM2_SPKI_PREFIX.length + 130 && hex.startsWith(SM2_SPKI_PREFIX)) {
    return checkPublicKey(hex.slice(SM2_SPKI_PREFIX.length));
  }
  throw new RangeError('不是 SM2 公钥的 SubjectPublicKeyInfo（DER，命名曲线，未压缩点）');
}

/** PEM SubjectPublicKeyInfo ('-----BEGIN PUBLIC KEY-----') of an SM2 public key, as OpenSSL reads it. */
export function sm2PublicKeyToPem(publicKeyHex: string): string {
  const base64 = sm2PublicKeyToSpki(publicKeyHex).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
