import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../kernel/errors.ts';

const first = (fields: FieldProblem[], n = 3) => `${fields.slice(0, n).map((f) => f.message).join('；')}${fields.length > n ? '……' : ''}`;

// Every error the quality module returns, in one place (docs/quality-api.md §7).
export const QualityErrors = {
  ruleInvalid: (fields: FieldProblem[]) => badInput('QUALITY_RULE_INVALID', `质量规则有 ${fields.length} 处问题：${first(fields)}`, fields),
  codeTableInvalid: (fields: FieldProblem[]) => badInput('QUALITY_CODE_TABLE_INVALID', `代码表有误：${first(fields)}`, fields),
  settingsInvalid: (fields: FieldProblem[]) => badInput('QUALITY_SETTINGS_INVALID', `质量参数有误：${first(fields)}`, fields),
  explanationRequired: () => badInput('QUALITY_EXPLANATION_REQUIRED', '请填写说明', [{ path: 'body.explanation', message: '须填写说明' }]),
  entryNotFound: (id: string) => notFound('QUALITY_ENTRY_NOT_FOUND', '目录不存在或无权查看', { id }),
  entryNotMounted: (id: string) => conflict('QUALITY_ENTRY_NOT_MOUNTED', '该目录尚未挂接数据表，不能配置或执行质量规则', { id }),
  ruleNotFound: (id: string) => notFound('QUALITY_RULE_NOT_FOUND', '质量规则不存在或无权查看', { id }),
  runNotFound: (id: string) => notFound('QUALITY_RUN_NOT_FOUND', '检测记录不存在或无权查看', { id }),
  issueNotFound: (id: string) => notFound('QUALITY_ISSUE_NOT_FOUND', '问题数据不存在或无权查看', { id }),
  codeTableNotFound: (id: string) => notFound('QUALITY_CODE_TABLE_NOT_FOUND', '代码表不存在', { id }),
  codeTableBuiltin: () => conflict('QUALITY_CODE_TABLE_BUILTIN', '国家标准代码表为内置，不能修改或删除'),
  codeTableInUse: (rules: string[]) => conflict('QUALITY_CODE_TABLE_IN_USE', `代码表正被质量规则使用：${rules.slice(0, 5).join('、')}`, { rules }),
  codeTableCodeTaken: (code: string) => conflict('QUALITY_CODE_TABLE_CODE_TAKEN', `代码表编号 ${code} 已存在`, { code }),
  notProvider: () => forbidden('QUALITY_NOT_PROVIDER', '只有提供部门可以办理此操作'),
  invalidTransition: (status: string, action: string) => conflict('QUALITY_INVALID_TRANSITION', `当前状态为“${status}”，不能${action}`, { status, action }),
};
