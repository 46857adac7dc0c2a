import { sm2PublicKeyFromPrivate, sm3, sm4Decrypt, sm4Encrypt } from '@shuzheng/standards/crypto';

// Private keys at rest: SM4-CBC under the platform master key (LICENSE_MASTER_KEY, 16 bytes as 32 hex digits),
// a fresh random IV per key (stored as IV ‖ ciphertext, see sm4Encrypt). CBC gives no integrity of its own, so every
// decryption is checked against the public key stored beside it: a wrong master key, a swapped or altered blob all
// fail loudly instead of signing with a garbage key.

/** A private key as stored: the SM4 ciphertext and the id of the master key it was encrypted under. */
export interface SealedKey {
  ciphertext: Buffer;
  masterKeyId: string;
}

function masterKeyBytes(masterKeyHex: string): Buffer {
  if (!/^[0-9a-fA-F]{32}$/.test(masterKeyHex)) throw new RangeError('证照主密钥应为 32 位十六进制数（16 字节 SM4 密钥）');
  return Buffer.from(masterKeyHex, 'hex');
}

/**
 * A short, one-way label of the master key (SM3 over a fixed prefix and the key, first 16 hex digits), stored with
 * each encrypted key so that a changed LICENSE_MASTER_KEY is named as the cause instead of a padding error.
 */
export function masterKeyId(masterKeyHex: string): string {
  return sm3(Buffer.concat([Buffer.from('shuzheng/licenses/master-key-id\n', 'utf8'), masterKeyBytes(masterKeyHex)])).slice(0, 16);
}

/** Encrypts an SM2 private key (64 hex digits) under the master key. */
export function sealPrivateKey(masterKeyHex: string, privateKeyHex: string): SealedKey {
  if (!/^[0-9a-f]{64}$/i.test(privateKeyHex)) throw new RangeError('SM2 私钥应为 64 位十六进制数');
  return { ciphertext: sm4Encrypt(masterKeyBytes(masterKeyHex), Buffer.from(privateKeyHex, 'hex')), masterKeyId: masterKeyId(masterKeyHex) };
}

/** Decrypts a stored private key and proves it belongs to `publicKeyHex`; throws a clear Error otherwise. */
export function openPrivateKey(masterKeyHex: string, sealed: SealedKey, publicKeyHex: string): string {
  if (sealed.masterKeyId !== masterKeyId(masterKeyHex)) {
    throw new Error(`私钥由另一把主密钥加密（主密钥标识 ${sealed.masterKeyId}，当前为 ${masterKeyId(masterKeyHex)}）：LICENSE_MASTER_KEY 是否被更换？`);
  }
  let privateKey: string;
  try {
    privateKey = sm4Decrypt(masterKeyBytes(masterKeyHex), sealed.ciphertext).toString('hex');
  } catch (err) {
    throw new Error(`私钥无法解密：${(err as Error).message}`);
  }
  if (privateKey.length !== 64 || sm2PublicKeyFromPrivate(privateKey) !== publicKeyHex.toLowerCase()) {
    throw new Error('解密得到的私钥与登记的公钥不符：密文已被改动或不属于该公钥');
  }
  return privateKey;
}
