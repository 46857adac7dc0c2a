import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../kernel/errors.ts';

const first = (fields: FieldProblem[], n = 3) => `${fields.slice(0, n).map((f) => f.message).join('；')}${fields.length > n ? '……' : ''}`;

// Every error the disputes module returns, in one place (docs/disputes-api.md §6).
export const DisputesErrors = {
  invalid: (fields: FieldProblem[]) => badInput('DISPUTES_INVALID', `异议有 ${fields.length} 处问题：${first(fields)}`, fields),
  entryNotMounted: (id: string) => badInput('DISPUTES_ENTRY_NOT_MOUNTED', '该目录不存在或未挂接数据表，不能提出异议', [{ path: 'body.entryId', message: '目录不存在或未挂接数据表' }], { id }),
  recordNotFound: (key: string) => badInput('DISPUTES_RECORD_NOT_FOUND', `数据表中没有主键为 ${key} 的记录`, [{ path: 'body.recordKey', message: '记录不存在' }]),
  ownData: () => badInput('DISPUTES_OWN_DATA', '本部门提供的数据请直接在源头更正，无须提出异议', [{ path: 'body.entryId', message: '本部门提供的数据' }]),
  evidenceInvalid: (message: string) => badInput('DISPUTES_EVIDENCE_INVALID', message, [{ path: 'body', message }]),
  rulesInvalid: (fields: FieldProblem[]) => badInput('DISPUTES_RULES_INVALID', `时限规则有误：${first(fields)}`, fields),
  noDepartment: () => forbidden('DISPUTES_NO_DEPARTMENT', '您的账号未归属任何部门'),
  notProvider: () => forbidden('DISPUTES_NOT_PROVIDER', '只有数据提供部门可以核实此异议'),
  notParty: () => forbidden('DISPUTES_NOT_PARTY', '只有异议提出方或数据提供部门可以上传证明材料'),
  notRaiser: () => forbidden('DISPUTES_NOT_RAISER', '只有异议提出人可以撤回'),
  notFound: (id: string) => notFound('DISPUTES_NOT_FOUND', '异议不存在或无权查看', { id }),
  evidenceNotFound: (id: string) => notFound('DISPUTES_EVIDENCE_NOT_FOUND', '证明材料不存在', { id }),
  departmentNotFound: (id: string) => badInput('DISPUTES_DEPARTMENT_NOT_FOUND', '转交的部门不存在', [{ path: 'body.providerDepartmentId', message: '部门不存在' }], { id }),
  invalidTransition: (status: string, action: string) => conflict('DISPUTES_INVALID_TRANSITION', `当前状态为“${status}”，不能${action}`, { status, action }),
  alreadyOpen: (ids: string[]) => conflict('DISPUTES_ALREADY_OPEN', '该记录的这些信息项已有办理中的异议', { disputeIds: ids }),
};
