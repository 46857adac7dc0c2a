import { describe, expect, it } from 'vitest';
import { canonicalQuery, ipInCidr, signRequest } from './gateway-signature.ts';

// The worked example of docs/gateway-api.md §2.3: if this changes, the document is wrong.
describe('gateway request signature', () => {
  const secret = 'gws_demo-secret-do-not-use';
  const path = '/gateway/v1/entries/c9a14236-0e47-4b3a-a9da-e18cd15199c6';

  it('matches the documented examples', () => {
    const body = JSON.stringify({ key: '441502199001011234', values: { person_name: '张三', gender: '1' } });
    expect(signRequest(secret, { method: 'POST', path: `${path}/verify`, query: '', timestamp: '1795426200', nonce: 'n0nce-7f3a9c21', body })).toBe('8be785485fd502d4d27d6e860a243567a943a1baaa959c6bc89b42b8de7cd872');
    expect(signRequest(secret, { method: 'GET', path: `${path}/records`, query: 'limit=50&cursor=abc', timestamp: '1795426200', nonce: 'n0nce-7f3a9c22', body: '' })).toBe('82f72114789087d97584454c3aba899c778cbf0c61620a9d64702ade42cebd4e');
  });

  it('canonicalises the query: sorted, percent-encoded', () => {
    expect(canonicalQuery('b=2&a=%E5%BC%A0&a=1')).toBe('a=%E5%BC%A0&a=1&b=2'); // byte order of the encoded text: '%' < '1'
    expect(canonicalQuery('')).toBe('');
  });

  it('matches IPv4, IPv6 and IPv4-mapped addresses against CIDR blocks', () => {
    expect(ipInCidr('10.20.3.4', '10.20.0.0/16')).toBe(true);
    expect(ipInCidr('10.21.3.4', '10.20.0.0/16')).toBe(false);
    expect(ipInCidr('::ffff:127.0.0.1', '127.0.0.0/8')).toBe(true);
    expect(ipInCidr('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(ipInCidr('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(ipInCidr('192.168.1.5', '192.168.1.5')).toBe(true);
    expect(ipInCidr('garbage', '0.0.0.0/0')).toBe(false);
  });
});
