import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../kernel/errors.ts';

export interface RowProblems {
  /** 0-based index of the row in the request's items. */
  row: number;
  problems: FieldProblem[];
}

const first = (fields: FieldProblem[], n = 3) => `${fields.slice(0, n).map((f) => f.message).join('；')}${fields.length > n ? '……' : ''}`;

// Every error the licenses module returns, in one place.
export const LicensesErrors = {
  typeNotFound: (id: string) => notFound('LICENSES_TYPE_NOT_FOUND', '证照类型不存在', { id }),
  typeInvalid: (fields: FieldProblem[]) => badInput('LICENSES_TYPE_INVALID', `证照类型有误：${first(fields)}`, fields),
  typeCodeTaken: (code: string) => conflict('LICENSES_TYPE_CODE_TAKEN', `证照类型代码 ${code} 已被使用`, { code }),
  typeNameTaken: (name: string) => conflict('LICENSES_TYPE_NAME_TAKEN', `已有名为“${name}”的证照类型`, { name }),
  typeInUse: (count: number) => conflict('LICENSES_TYPE_IN_USE', `该类型已颁发 ${count} 本证照，不能删除；如不再颁发，请停用`, { count }),
  typeNotIssuable: (name: string, why: 'reference' | 'retired') =>
    conflict('LICENSES_TYPE_NOT_ISSUABLE', why === 'reference' ? `“${name}”由外部系统签发，本平台仅引用，不能制证` : `证照类型“${name}”已停用，不能制证`, { reason: why }),

  noDepartment: () => forbidden('LICENSES_NO_DEPARTMENT', '您的账号未归属任何部门，不能制证'),
  notIssuer: (typeName: string) => forbidden('LICENSES_NOT_ISSUER', `本部门不是“${typeName}”的颁发部门，不能制发或变更此类证照`),
  otherDepartment: () => forbidden('LICENSES_OTHER_DEPARTMENT', '只能为本部门制证'),

  invalidFields: (fields: FieldProblem[]) => badInput('LICENSES_INVALID_FIELDS', `证照信息有 ${fields.length} 处问题，未制证：${first(fields)}`, fields),
  batchInvalid: (rows: RowProblems[]) => {
    const fields = rows.flatMap((r) => r.problems);
    return badInput('LICENSES_BATCH_INVALID', `批量制证有 ${rows.length} 行存在问题，全部未制证：${rows.slice(0, 3).map((r) => `第 ${r.row + 1} 行 ${first(r.problems, 2)}`).join('；')}`, fields, { rows });
  },
  licenseNotFound: (id: string) => notFound('LICENSES_LICENSE_NOT_FOUND', '证照不存在或无权查看', { id }),
  wrongState: (label: string, action: string) => conflict('LICENSES_INVALID_STATE', `证照当前为“${label}”，不能${action}`, { status: label, action }),
  permanentNoRenewal: () => conflict('LICENSES_NOT_RENEWABLE', '长期有效的证照无须延续'),
  noChanges: () => conflict('LICENSES_NO_CHANGES', '变更内容与现有证照相同'),
  versionsExhausted: () => conflict('LICENSES_VERSIONS_EXHAUSTED', '该证照的版本号已达 999，不能再换发'),

  noActiveSeal: (department: string) => conflict('LICENSES_NO_ACTIVE_SEAL', `${department}尚无有效的电子印章，请联系数据局制作印章后再制证`),
  sealNotValid: (department: string, message: string) => conflict('LICENSES_SEAL_NOT_VALID', `${department}的电子印章不能使用：${message}，请联系数据局更换印章`),
  sealNotFound: (id: string) => notFound('LICENSES_SEAL_NOT_FOUND', '电子印章不存在', { id }),
  sealInvalid: (fields: FieldProblem[]) => badInput('LICENSES_SEAL_INVALID', first(fields), fields),
  sealRace: () => conflict('LICENSES_SEAL_BUSY', '该部门的印章正在更换，请稍后重试'),

  identifierInvalid: (problems: { field: string; message: string }[]) =>
    badInput('LICENSES_IDENTIFIER_INVALID', `证照标识不正确：${problems.map((p) => p.message).join('；')}`, problems.map((p) => ({ path: `identifier.${p.field}`, message: p.message }))),
  identifierUnknown: (identifier: string) => notFound('LICENSES_IDENTIFIER_UNKNOWN', '本平台没有该标识的证照', { identifier }),
  verifyInput: (message: string, path = 'body') => badInput('LICENSES_VERIFY_INPUT', message, [{ path, message }]),

  trustedIssuerNotFound: (id: string) => notFound('LICENSES_TRUSTED_ISSUER_NOT_FOUND', '受信任的颁发方不存在', { id }),
  trustedIssuerInvalid: (fields: FieldProblem[]) => badInput('LICENSES_TRUSTED_ISSUER_INVALID', first(fields), fields),
  trustedIssuerTaken: () => conflict('LICENSES_TRUSTED_ISSUER_TAKEN', '该制章者公钥已登记'),

  notHolder: () => forbidden('LICENSES_NOT_HOLDER', '“我的证照”仅供个人或企业用户使用'),
  shareNotFound: () => notFound('LICENSES_SHARE_NOT_FOUND', '分享链接无效：链接不存在、已过期或已被撤销'),
  shareInvalid: (fields: FieldProblem[]) => badInput('LICENSES_SHARE_INVALID', `分享副本设置有误：${first(fields)}`, fields),
  shareIdNotFound: (id: string) => notFound('LICENSES_SHARE_NOT_FOUND', '分享副本不存在', { id }),
  consentNotFound: (id: string) => notFound('LICENSES_CONSENT_NOT_FOUND', '授权不存在', { id }),
  consentInvalid: (fields: FieldProblem[]) => badInput('LICENSES_CONSENT_INVALID', `授权内容有误：${first(fields)}`, fields),
  consentRequired: (reason: string) => forbidden('LICENSES_CONSENT_REQUIRED', `调取证照须经持证人授权：${reason}`, { reason }),
  importFileInvalid: (message: string) => badInput('LICENSES_IMPORT_FILE_INVALID', message, [{ path: 'body', message }]),
  importNotFound: (id: string) => notFound('LICENSES_IMPORT_NOT_FOUND', '导入任务不存在或无权查看', { id }),

  purposeRequired: () => badInput('LICENSES_PURPOSE_REQUIRED', '用证须说明用途（申请事由）', [{ path: 'purpose', message: '用证须说明用途' }]),
};

