import { AppError, badInput, conflict, forbidden, notFound, type FieldProblem } from '../../kernel/errors.ts';
import { ENTRY_STATUS } from './catalog.enums.ts';

export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  path: string;
  message: string;
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

const ACTIONS: Record<string, string> = {
  update: '修改', submit: '提交', withdraw: '申请撤销', review: '审核', delete: '删除', mount: '挂接资源', report: '登记上报状态',
};

// Every error the catalog module returns, in one place.
export const CatalogErrors = {
  entryNotFound: (id: string) => notFound('CATALOG_ENTRY_NOT_FOUND', '目录不存在或无权查看', { id }),
  systemNotFound: (id: string) => notFound('CATALOG_SYSTEM_NOT_FOUND', '信息系统不存在或无权查看', { id }),
  mountNotFound: (id: string) => notFound('CATALOG_MOUNT_NOT_FOUND', '挂接记录不存在', { id }),
  versionNotFound: (version: number | string) => notFound('CATALOG_VERSION_NOT_FOUND', `目录版本 ${version} 不存在`, { version }),
  ruleNotFound: (code: string) => notFound('CATALOG_RULE_NOT_FOUND', `时限规则 ${code} 不存在`, { code }),
  noDepartment: () => forbidden('CATALOG_NO_DEPARTMENT', '您的账号未归属任何部门，不能编制目录或登记信息系统'),
  notOwner: (message = '只能修改本部门的目录和信息系统') => forbidden('CATALOG_NOT_OWNER', message),
  invalidField: (fields: FieldProblem[]) => badInput('CATALOG_INVALID_FIELD', fields.map((f) => f.message).join('；'), fields),
  checksFailed: (problems: Problem[], status: 400 | 409) => {
    const errors = problems.filter((p) => p.severity === 'error');
    const details = { problems, fields: errors.map((p) => ({ path: `body.${p.path}`, message: p.message })) };
    const message = `目录未通过机器校验，共 ${errors.length} 个问题须先修正：${errors.slice(0, 3).map((p) => p.message).join('；')}${errors.length > 3 ? '……' : ''}`;
    return new AppError('CATALOG_CHECKS_FAILED', status, message, details);
  },
  reasonsRequired: () => badInput('CATALOG_REASONS_REQUIRED', '退回须至少填写一条理由（指明字段和问题）', [{ path: 'body.reasons', message: '请至少填写一条退回理由' }]),
  mountMappingInvalid: (fields: FieldProblem[]) =>
    badInput('CATALOG_MOUNT_MAPPING_INVALID', `库表字段与信息项的映射有误：${fields.map((f) => f.message).join('；')}`, fields),
  /** `column` is the column letter, so `<sheet>!<column><row>` is the cell's A1 address. */
  importInvalid: (problems: ImportProblem[]) =>
    badInput(
      'CATALOG_IMPORT_INVALID',
      `导入文件有 ${problems.length} 处问题，未导入任何目录：${problems.slice(0, 3).map((p) => `${p.sheet}!${p.column}${p.row} ${p.message}`).join('；')}${problems.length > 3 ? '……' : ''}`,
      problems.map((p) => ({ path: `${p.sheet}!${p.column}${p.row}`, message: p.message })),
      { problems },
    ),
  notWorkbook: (message: string) => badInput('CATALOG_IMPORT_INVALID', message, [{ path: 'body', message }], { problems: [] }),
  cascadeInvalid: (fields: FieldProblem[]) => badInput('CATALOG_CASCADE_INVALID', `级联数据有误：${fields.slice(0, 3).map((f) => f.message).join('；')}`, fields),
  invalidTransition: (status: string, action: string) =>
    conflict('CATALOG_INVALID_TRANSITION', `目录当前为“${ENTRY_STATUS.label(status)}”，不能${ACTIONS[action] ?? action}`, { status, action }),
  notEditable: (status: string) => conflict('CATALOG_ENTRY_NOT_EDITABLE', `目录当前为“${ENTRY_STATUS.label(status)}”，不能修改`, { status }),
  noChanges: () => conflict('CATALOG_NO_CHANGES', '编辑稿与已发布版本相同，没有需要提交的变更'),
  categoryLocked: () => conflict('CATALOG_CATEGORY_LOCKED', '目录发布后不能再改变资源属性分类和项；如需调整，请撤销后重新编目'),
  readOnly: () => conflict('CATALOG_READ_ONLY', '省级下发的目录为只读，不能在本级修改'),
  systemNameTaken: (name: string) => conflict('CATALOG_SYSTEM_NAME_TAKEN', `本部门已登记名为“${name}”的信息系统`, { name }),
  codeConflict: (code: string) => conflict('CATALOG_CODE_CONFLICT', `信息资源代码 ${code} 已被本级目录使用`, { code }),
};
