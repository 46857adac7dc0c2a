import { hash, verify } from '@node-rs/argon2';

// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
// algorithm 2 = Argon2id in @node-rs/argon2's (const) enum.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verified against when the user does not exist, so the response time does not reveal valid usernames.
let dummyHash: Promise<string> | null = null;

/** Checks a password against a stored hash (or burns the same time when there is none). */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hashPassword('not-a-real-password-0');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** Password policy (GB/T 22239 等保 2.0 身份鉴别: complexity and length). Returns Chinese problems, empty when acceptable. */
export function checkPasswordPolicy(password: string, opts: { minLength: number; username?: string }): string[] {
  const problems: string[] = [];
  if (password.length < opts.minLength) problems.push(`长度至少 ${opts.minLength} 位`);
  if (password.length > 128) problems.push('长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('须包含大写字母、小写字母、数字、特殊字符中的至少三种');
  if (opts.username && opts.username.length >= 3 && password.toLowerCase().includes(opts.username.toLowerCase())) {
    problems.push('不能包含用户名');
  }
  return problems;
}
