import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hmacSm3, sm3, sm4Decrypt, sm4Encrypt } from '@shuzheng/standards/crypto';

// The gateway's request signature (docs/gateway-api.md §2): HMAC-SM3 with the credential's secret over
//   METHOD \n PATH \n CANONICAL_QUERY \n TIMESTAMP \n NONCE \n SM3(body)
// CANONICAL_QUERY = the query parameters sorted by name then value, each `name=value` percent-encoded (RFC 3986,
// encodeURIComponent), joined with '&'; empty when there is no query. SM3(body) is over the raw body bytes ('' if none).

export const APP_KEY_PREFIX = 'gwk_';
export const SECRET_PREFIX = 'gws_';
export const TOKEN_PREFIX = 'gwt_';

export const newAppKey = () => APP_KEY_PREFIX + randomBytes(12).toString('hex');
export const newSecret = () => SECRET_PREFIX + randomBytes(32).toString('base64url');
export const newToken = () => TOKEN_PREFIX + randomBytes(32).toString('base64url');
export const newSalt = () => randomBytes(16).toString('hex');

/** The verifier of a secret: HMAC-SM3 keyed with the per-secret salt. */
export const secretVerifier = (salt: string, secret: string) => hmacSm3(salt, secret);
export const tokenHash = (token: string) => sm3(`shuzheng/gateway/token\n${token}`);

export function canonicalQuery(query: string): string {
  if (!query) return '';
  const pairs = new URLSearchParams(query);
  return [...pairs]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** SM3 of the empty body (every GET), computed once. */
const SM3_EMPTY = sm3('');

export function stringToSign(p: { method: string; path: string; query: string; timestamp: string; nonce: string; body: Uint8Array | string }): string {
  return [p.method.toUpperCase(), p.path, canonicalQuery(p.query), p.timestamp, p.nonce, p.body.length === 0 ? SM3_EMPTY : sm3(p.body)].join('\n');
}

/** The hex HMAC-SM3 signature a client sends in X-Signature. */
export function signRequest(secret: string, p: Parameters<typeof stringToSign>[0]): string {
  return hmacSm3(secret, stringToSign(p));
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

// The signing key must be recoverable to verify an HMAC, so it is stored SM4-sealed under a key derived from the
// platform master key; the salted verifier authenticates the decryption (a wrong master key or altered row fails).
function sealKey(masterKeyHex: string): Buffer {
  return Buffer.from(sm3(Buffer.concat([Buffer.from('shuzheng/gateway/secret-seal\n'), Buffer.from(masterKeyHex, 'hex')])), 'hex').subarray(0, 16);
}

export function sealSecret(masterKeyHex: string, secret: string): Buffer {
  return sm4Encrypt(sealKey(masterKeyHex), Buffer.from(secret, 'utf8'));
}

export function openSecret(masterKeyHex: string, sealed: Uint8Array, salt: string, verifier: string): string | null {
  try {
    const secret = sm4Decrypt(sealKey(masterKeyHex), sealed).toString('utf8');
    return sameHex(secretVerifier(salt, secret), verifier) ? secret : null;
  } catch {
    return null;
  }
}

/** Keyed SM3 of a queried key (ID number …) for the call log: matchable by the platform, not reversible by brute force from the log alone. */
export function keyHasher(masterKeyHex: string): (key: string) => string {
  const pepper = sm3(Buffer.concat([Buffer.from('shuzheng/gateway/key-pepper\n'), Buffer.from(masterKeyHex, 'hex')]));
  return (key: string) => hmacSm3(pepper, key.trim().toUpperCase());
}

/** Whether an IPv4/IPv6 address lies in a CIDR block (or equals a plain address). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const a = parseIp(normaliseMapped(ip));
  const b = parseIp(normaliseMapped(net!.trim()));
  if (!a || !b || a.length !== b.length) return false;
  const bits = bitsText === undefined ? a.length * 8 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > a.length * 8) return false;
  for (let i = 0; i < a.length; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    const mask = take === 0 ? 0 : (0xff << (8 - take)) & 0xff;
    if ((a[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}

const normaliseMapped = (ip: string) => (ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip);

function parseIp(ip: string): number[] | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const parts = ip.split('.').map(Number);
    return parts.every((n) => n <= 255) ? parts : null;
  }
  if (!ip.includes(':')) return null;
  const [head, tail] = ip.split('::');
  if (ip.split('::').length > 2) return null;
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const all = [...h, ...Array(fill).fill('0'), ...t];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}
