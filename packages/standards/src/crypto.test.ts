import { execFileSync, spawnSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm4 as referenceSm4 } from 'sm-crypto-v2';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSm2Verifier,
  hmacSm3,
  sm2GenerateKeyPair,
  sm2PublicKeyFromPrivate,
  sm2PublicKeyFromSpki,
  sm2PublicKeyToPem,
  sm2PublicKeyToSpki,
  sm2Sign,
  sm2Verify,
  sm3,
  sm4Decrypt,
  sm4Encrypt,
} from './crypto.ts';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');

describe('sm3 (GB/T 32905-2016 Appendix A)', () => {
  it('hashes the 3-byte example', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('hashes the 64-byte example', () => {
    expect(sm3('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('reads strings as UTF-8', () => {
    expect(sm3('数政')).toBe(sm3(Buffer.from('数政', 'utf8')));
    expect(sm3(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sm3('abc'));
  });
});

describe('hmacSm3', () => {
  // RFC 2104 spelled out with SM3 (block size 64 bytes), as an independent reference.
  function referenceHmac(key: Buffer, data: Buffer): string {
    const block = Buffer.alloc(64);
    (key.length > 64 ? hex(sm3(key)) : key).copy(block);
    const pad = (byte: number): Buffer => Buffer.from(block.map((b) => b ^ byte));
    const inner = hex(sm3(Buffer.concat([pad(0x36), data])));
    return sm3(Buffer.concat([pad(0x5c), inner]));
  }

  it.each([
    ['short key', Buffer.from('key'), Buffer.from('The quick brown fox jumps over the lazy dog')],
    ['64-byte key', Buffer.alloc(64, 0x0b), Buffer.from('Hi There')],
    ['long key', Buffer.alloc(131, 0xaa), Buffer.from('数政 审计日志', 'utf8')],
  ])('matches RFC 2104 with a %s', (_name, key, data) => {
    expect(hmacSm3(key, data)).toBe(referenceHmac(key, data));
  });

  it('reads string keys and data as UTF-8', () => {
    expect(hmacSm3('密钥', '数据')).toBe(hmacSm3(Buffer.from('密钥'), Buffer.from('数据')));
  });
});

describe('sm4 (GB/T 32907-2016)', () => {
  const key = hex('0123456789abcdeffedcba9876543210');

  it('Node SM4 reproduces the Appendix A example block', () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const block = Buffer.concat([cipher.update(key), cipher.final()]);
    expect(block.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('round-trips Chinese text with a fresh IV each time', () => {
    const plaintext = Buffer.from('汕尾市海丰县海城镇二环路 123 号：数政平台测试', 'utf8');
    const a = sm4Encrypt(key, plaintext);
    const b = sm4Encrypt(key, plaintext);
    expect(a.length).toBe(16 + Math.ceil((plaintext.length + 1) / 16) * 16);
    expect(a.subarray(0, 16).equals(b.subarray(0, 16))).toBe(false);
    expect(sm4Decrypt(key, a).toString('utf8')).toBe(plaintext.toString('utf8'));
    expect(sm4Decrypt(key, b).equals(plaintext)).toBe(true);
    expect(sm4Decrypt(key, sm4Encrypt(key, Buffer.alloc(0))).length).toBe(0);
  });

  it('produces standard CBC + PKCS #7 (checked with an independent SM4)', () => {
    const plaintext = Buffer.from('0123456789abcdef0123456789abcdef!', 'utf8');
    const data = sm4Encrypt(key, plaintext);
    const decrypted = referenceSm4.decrypt(data.subarray(16), key, {
      mode: 'cbc',
      iv: data.subarray(0, 16),
      padding: 'pkcs#7',
      output: 'array',
    });
    expect(Buffer.from(decrypted).equals(plaintext)).toBe(true);
  });

  it('does not return the plaintext under a wrong key', () => {
    const plaintext = Buffer.from('机密');
    const data = sm4Encrypt(key, plaintext);
    const wrongKey = Buffer.from(key);
    wrongKey[0] = (wrongKey[0] ?? 0) ^ 1;
    let recovered: Buffer | undefined;
    try {
      recovered = sm4Decrypt(wrongKey, data);
    } catch {
      recovered = undefined; // bad padding: the usual outcome
    }
    expect(recovered?.equals(plaintext) ?? false).toBe(false);
  });

  it('rejects bad key and ciphertext lengths', () => {
    expect(() => sm4Encrypt(Buffer.alloc(15), Buffer.from('x'))).toThrow(RangeError);
    expect(() => sm4Decrypt(key, Buffer.alloc(16))).toThrow(RangeError);
    expect(() => sm4Decrypt(key, Buffer.alloc(40))).toThrow(RangeError);
  });
});

// GB/T 32918.5-2017 / GM/T 0003.5-2012 Annex A: signature with the recommended curve.
const EXAMPLE = {
  privateKey: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  publicKeyX: '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020',
  publicKeyY: 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  userId: '1234567812345678',
  message: 'message digest',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
};
const examplePublicKey = `04${EXAMPLE.publicKeyX}${EXAMPLE.publicKeyY}`.toLowerCase();
const exampleSignature = EXAMPLE.r + EXAMPLE.s;
// DER by hand: both r and s have the top bit set, so each INTEGER gets a 0x00 prefix.
const exampleDer = `3046022100${EXAMPLE.r}022100${EXAMPLE.s}`;
const SM2_N = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';

const flipBit = (h: string, index: number): string =>
  h.slice(0, index) + (parseInt(h.charAt(index), 16) ^ 1).toString(16) + h.slice(index + 1);

describe('sm2 (GB/T 32918.2-2016)', () => {
  it('derives the example public key', () => {
    expect(sm2PublicKeyFromPrivate(EXAMPLE.privateKey)).toBe(examplePublicKey);
  });

  it('verifies the GB/T 32918.5 example signature', () => {
    expect(sm2Verify(EXAMPLE.message, exampleSignature, examplePublicKey, { userId: EXAMPLE.userId })).toBe(true);
    expect(sm2Verify(EXAMPLE.message, exampleSignature, examplePublicKey)).toBe(true); // default user id
    expect(sm2Verify(EXAMPLE.message, exampleDer, examplePublicKey, { der: true })).toBe(true);
  });

  it('rejects the example under a wrong user id, message, signature or key', () => {
    const alice = { userId: 'ALICE123@YAHOO.COM' };
    expect(sm2Verify(EXAMPLE.message, exampleSignature, examplePublicKey, alice)).toBe(false);
    const message = Buffer.from(EXAMPLE.message);
    message[0] = (message[0] ?? 0) ^ 1;
    expect(sm2Verify(message, exampleSignature, examplePublicKey)).toBe(false);
    expect(sm2Verify(EXAMPLE.message, flipBit(exampleSignature, 127), examplePublicKey)).toBe(false);
    expect(sm2Verify(EXAMPLE.message, flipBit(exampleSignature, 10), examplePublicKey)).toBe(false);
    expect(sm2Verify(EXAMPLE.message, exampleSignature, sm2GenerateKeyPair().publicKey)).toBe(false);
  });

  it('returns false for malformed signatures', () => {
    const publicKey = examplePublicKey;
    for (const bad of ['', 'zz', exampleSignature.slice(2), `${exampleSignature}00`, '0'.repeat(128)]) {
      expect(sm2Verify(EXAMPLE.message, bad, publicKey)).toBe(false);
    }
    // r = n is out of range even though r mod n would be 0.
    expect(sm2Verify(EXAMPLE.message, SM2_N + EXAMPLE.s, publicKey)).toBe(false);
    // Non-strict DER: a redundant leading zero, trailing bytes, wrong SEQUENCE length.
    const redundantZero = `30470222${'0000'}${EXAMPLE.r}022100${EXAMPLE.s}`;
    expect(sm2Verify(EXAMPLE.message, redundantZero, publicKey, { der: true })).toBe(false);
    expect(sm2Verify(EXAMPLE.message, `${exampleDer}00`, publicKey, { der: true })).toBe(false);
    expect(sm2Verify(EXAMPLE.message, `3045${exampleDer.slice(4)}`, publicKey, { der: true })).toBe(false);
    expect(sm2Verify(EXAMPLE.message, exampleDer, publicKey)).toBe(false);
  });

  it('throws on malformed keys', () => {
    expect(() => sm2Verify('m', exampleSignature, examplePublicKey.slice(2))).toThrow(RangeError);
    expect(() => sm2Verify('m', exampleSignature, `04${'00'.repeat(64)}`)).toThrow(RangeError); // not on the curve
    expect(() => sm2PublicKeyFromPrivate('0'.repeat(64))).toThrow(RangeError);
    expect(() => sm2PublicKeyFromPrivate(SM2_N)).toThrow(RangeError);
    expect(() => sm2Sign('m', 'xyz')).toThrow(RangeError);
  });

  it('round-trips with generated keys, raw and DER, text and binary', () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair();
    expect(privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(sm2PublicKeyFromPrivate(privateKey)).toBe(publicKey);

    const signature = sm2Sign('数政审计日志', privateKey);
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(sm2Verify('数政审计日志', signature, publicKey)).toBe(true);
    expect(sm2Verify(Buffer.from('数政审计日志', 'utf8'), signature, publicKey)).toBe(true);

    const binary = new Uint8Array([0x00, 0xff, 0x80, 0x7f, 0xc3, 0x28]); // not valid UTF-8
    const der = sm2Sign(binary, privateKey, { der: true, userId: 'shuzheng@shanwei' });
    expect(der.startsWith('30')).toBe(true);
    expect(sm2Verify(binary, der, publicKey, { der: true, userId: 'shuzheng@shanwei' })).toBe(true);
    expect(sm2Verify(binary, der, publicKey, { der: true })).toBe(false);
  });

  it('createSm2Verifier agrees with sm2Verify', () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair();
    const verify = createSm2Verifier(publicKey, { der: true });
    const messages = ['一', '二', '三'];
    const signatures = messages.map((m) => sm2Sign(m, privateKey, { der: true }));
    messages.forEach((m, i) => {
      signatures.forEach((sig, j) => {
        expect(verify(m, sig)).toBe(i === j);
        expect(sm2Verify(m, sig, publicKey, { der: true })).toBe(i === j);
      });
    });
    expect(createSm2Verifier(examplePublicKey)(EXAMPLE.message, exampleSignature)).toBe(true);
  });

  it('round-trips SubjectPublicKeyInfo DER and rejects anything else', () => {
    const spki = sm2PublicKeyToSpki(examplePublicKey);
    expect(spki.length).toBe(91);
    expect(sm2PublicKeyFromSpki(spki)).toBe(examplePublicKey);
    expect(sm2PublicKeyToPem(examplePublicKey)).toContain(spki.toString('base64').slice(0, 64));
    expect(() => sm2PublicKeyFromSpki(spki.subarray(0, 90))).toThrow(RangeError);
    expect(() => sm2PublicKeyFromSpki(Buffer.concat([spki, Buffer.alloc(1)]))).toThrow(RangeError);
    const otherCurve = Buffer.from(spki);
    otherCurve[22] = (otherCurve[22] ?? 0) ^ 1; // last byte of the curve OID 1.2.156.10197.1.301
    expect(() => sm2PublicKeyFromSpki(otherCurve)).toThrow(RangeError);
    const offCurve = Buffer.from(spki);
    offCurve[90] = (offCurve[90] ?? 0) ^ 1;
    expect(() => sm2PublicKeyFromSpki(offCurve)).toThrow(RangeError);
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)(
  `interoperability with the OpenSSL CLI${hasOpenssl ? '' : ' (skipped: no `openssl` on PATH)'}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm2-interop-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string): string => join(dir, name);
    const opensslVerify = (distid: string): boolean =>
      spawnSync('openssl', [
        'dgst', '-sm3', '-verify', file('pub.pem'), '-sigopt', `distid:${distid}`,
        '-signature', file('sig.der'), file('msg.txt'),
      ]).status === 0; // prettier-ignore

    it('reads our PEM exactly as it would write it', () => {
      writeFileSync(file('pub.pem'), sm2PublicKeyToPem(examplePublicKey));
      const rewritten = execFileSync('openssl', ['pkey', '-pubin', '-in', file('pub.pem'), '-pubout'], {
        encoding: 'utf8',
      });
      expect(rewritten).toBe(sm2PublicKeyToPem(examplePublicKey));
    });

    it('verifies the GB/T 32918.5 example', () => {
      writeFileSync(file('pub.pem'), sm2PublicKeyToPem(examplePublicKey));
      writeFileSync(file('sig.der'), hex(exampleDer));
      writeFileSync(file('msg.txt'), EXAMPLE.message);
      expect(opensslVerify('1234567812345678')).toBe(true);
      expect(opensslVerify('1234567812345679')).toBe(false);
    });

    it('verifies our DER signatures', () => {
      const { privateKey, publicKey } = sm2GenerateKeyPair();
      const message = Buffer.from('汕尾市政务数据 license\n', 'utf8');
      writeFileSync(file('pub.pem'), sm2PublicKeyToPem(publicKey));
      writeFileSync(file('msg.txt'), message);
      writeFileSync(file('sig.der'), hex(sm2Sign(message, privateKey, { der: true })));
      expect(opensslVerify('1234567812345678')).toBe(true);
      expect(opensslVerify('ALICE123@YAHOO.COM')).toBe(false);
    });

    it('produces signatures that we verify', () => {
      execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', file('key.pem')]);
      const spki = execFileSync('openssl', ['pkey', '-in', file('key.pem'), '-pubout', '-outform', 'DER']);
      const publicKey = sm2PublicKeyFromSpki(spki);
      expect(sm2PublicKeyToSpki(publicKey).equals(spki)).toBe(true);
      writeFileSync(file('msg.txt'), '由 OpenSSL 签名');
      execFileSync('openssl', [
        'dgst', '-sm3', '-sign', file('key.pem'), '-sigopt', 'distid:1234567812345678',
        '-out', file('sig.der'), file('msg.txt'),
      ]); // prettier-ignore
      const signature = readFileSync(file('sig.der')).toString('hex');
      expect(sm2Verify('由 OpenSSL 签名', signature, publicKey, { der: true })).toBe(true);
      expect(sm2Verify('由 OpenSSL 签名', signature, publicKey, { der: true, userId: '1' })).toBe(false);
    });
  },
);
