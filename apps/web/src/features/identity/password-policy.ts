import type { FormRule as Rule } from 'antd';

/** The platform's default minimum length (server setting PASSWORD_MIN_LENGTH); the server has the final word. */
export const PASSWORD_MIN_LENGTH = 8;

export const PASSWORD_HINT = `至少 ${PASSWORD_MIN_LENGTH} 位，包含大写字母、小写字母、数字、特殊字符中的至少三种，且不能包含用户名`;

/** Client-side mirror of the password policy (GB/T 22239 身份鉴别), so most mistakes show before submitting. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`长度至少 ${PASSWORD_MIN_LENGTH} 位`);
  if (password.length > 128) problems.push('长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('须包含大写字母、小写字母、数字、特殊字符中的至少三种');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) problems.push('不能包含用户名');
  return problems;
}

/** Form rules for a new password; `username` is read when validating. */
export function passwordRules(username: () => string | undefined): Rule[] {
  return [
    { required: true, message: '请输入密码' },
    {
      validator: async (_rule, value: string | undefined) => {
        if (!value) return;
        const problems = passwordProblems(value, username());
        if (problems.length > 0) throw new Error(`密码${problems.join('；')}`);
      },
    },
  ];
}

/** Rule for the "再次输入" field; `password` reads the first entry. */
export function confirmRule(password: () => unknown): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (value && value !== password()) throw new Error('两次输入的密码不一致');
    },
  };
}
