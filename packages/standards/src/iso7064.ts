// Check-character systems used by Chinese identifiers.
//
// Each function takes the payload WITHOUT its check character and returns that
// character; callers compare it with the character they received.

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Characters of the unified social credit code, in value order (GB 32100-2015: no I, O, Z, S, V). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// GB 32100-2015 「校验码」 weight table: W_i = 3^(i−1) mod 31 for positions i = 1–17.
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// GB 11714-1997 「校验码」 weight table for the eight body characters of an organization code.
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** ISO/IEC 7064 MOD 11-2 check character ('0'–'9' or 'X') of a digit string. */
export function mod11_2(digits: string): string {
  // ISO/IEC 7064 MOD 11-2 (pure system, recursive method), the check required by GB 11643-1999
  // 「校验码」:
  // P ← 2·(P + a) mod 11 over all digits, then the check value c satisfies P + c ≡ 1 (mod 11).
  if (!/^\d+$/.test(digits)) throw new RangeError(`MOD 11-2 needs a digit string: ${JSON.stringify(digits)}`);
  let p = 0;
  for (const ch of digits) p = ((p + Number(ch)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

/** ISO/IEC 7064 MOD 37,36 check character ('0'–'9', 'A'–'Z') of an alphanumeric string. */
export function mod37_36(payload: string): string {
  // ISO/IEC 7064 MOD 37,36 (hybrid system, M = 36): S ← (P + a) mod 36, with 0 read as 36;
  // P ← 2·S mod 37; the check value c satisfies (P + c) mod 36 = 1.
  if (!/^[0-9A-Z]+$/.test(payload)) {
    throw new RangeError(`MOD 37,36 needs digits and upper-case letters: ${JSON.stringify(payload)}`);
  }
  let p = 36;
  for (const ch of payload) {
    const s = (p + ALPHANUMERIC.indexOf(ch)) % 36 || 36;
    p = (s * 2) % 37;
  }
  return ALPHANUMERIC.charAt((37 - p) % 36);
}

/** GB 32100-2015 check character of the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  // GB 32100-2015 「校验码」: C18 = 31 − (Σ C_i·W_i mod 31), where 31 maps to 0; values are
  // indexes into CREDIT_CODE_CHARSET.
  if (first17.length !== 17) throw new RangeError('统一社会信用代码本体应为 17 位');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`统一社会信用代码含非法字符：${first17.charAt(i)}`);
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714-1997 check character ('0'–'9' or 'X') of an 8-character organization code body. */
export function orgCodeCheckChar(body: string): string {
  // GB 11714-1997 「校验码」: C9 = 11 − (Σ C_i·W_i mod 11); digits count as 0–9, letters A–Z as 10–35;
  // C9 = 10 is written 'X' and C9 = 11 is written '0'.
  if (!/^[0-9A-Z]{8}$/.test(body)) throw new RangeError(`组织机构代码本体应为 8 位数字或大写字母：${body}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ALPHANUMERIC.indexOf(body.charAt(i)) * (ORG_CODE_WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
