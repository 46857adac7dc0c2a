import { describe, expect, it } from 'vitest';
import { sm2GenerateKeyPair } from '@shuzheng/standards/crypto';
import { configWarnings, DEV_LICENSE_MASTER_KEY, loadConfig, ConfigError } from '../../config.ts';
import { masterKeyId, openPrivateKey, sealPrivateKey } from './seal-keys.ts';

const MASTER = '00112233445566778899aabbccddeeff';

describe('private keys under the master key', () => {
  it('round-trips: SM4-CBC with a fresh IV each time, the plaintext key nowhere in the ciphertext', () => {
    const pair = sm2GenerateKeyPair();
    const a = sealPrivateKey(MASTER, pair.privateKey);
    const b = sealPrivateKey(MASTER, pair.privateKey);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.length).toBe(16 + 48); // IV ‖ 32 key bytes + one block of PKCS #7 padding
    expect(a.ciphertext.toString('hex')).not.toContain(pair.privateKey);
    expect(openPrivateKey(MASTER, a, pair.publicKey)).toBe(pair.privateKey);
    expect(openPrivateKey(MASTER, b, pair.publicKey)).toBe(pair.privateKey);
  });

  it('names a changed master key, and refuses a ciphertext that is not the key of the public key', () => {
    const pair = sm2GenerateKeyPair();
    const other = sm2GenerateKeyPair();
    const sealed = sealPrivateKey(MASTER, pair.privateKey);
    expect(() => openPrivateKey('ffeeddccbbaa99887766554433221100', sealed, pair.publicKey)).toThrow(/LICENSE_MASTER_KEY/);
    expect(() => openPrivateKey(MASTER, sealed, other.publicKey)).toThrow(/不符/);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[20]! ^= 1; // CBC: flips bits of the first plaintext block
    expect(() => openPrivateKey(MASTER, { ...sealed, ciphertext: flipped }, pair.publicKey)).toThrow();
    expect(masterKeyId(MASTER)).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyId(MASTER)).not.toContain(MASTER.slice(0, 8));
  });

  it('defaults to the development key with a warning, and refuses it in production', () => {
    const dev = loadConfig({});
    expect(dev.LICENSE_MASTER_KEY).toBe(DEV_LICENSE_MASTER_KEY);
    expect(configWarnings(dev)).toHaveLength(1);
    expect(configWarnings(loadConfig({ LICENSE_MASTER_KEY: MASTER }))).toEqual([]);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', LICENSE_MASTER_KEY: DEV_LICENSE_MASTER_KEY.toUpperCase() })).toThrow(/LICENSE_MASTER_KEY/);
    expect(loadConfig({ NODE_ENV: 'production', LICENSE_MASTER_KEY: MASTER }).LICENSE_MASTER_KEY).toBe(MASTER);
    expect(() => loadConfig({ LICENSE_MASTER_KEY: 'xyz' })).toThrow(/LICENSE_MASTER_KEY/);
  });
});
