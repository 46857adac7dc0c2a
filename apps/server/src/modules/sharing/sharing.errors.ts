import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../kernel/errors.ts';

const first = (fields: FieldProblem[], n = 3) => `${fields.slice(0, n).map((f) => f.message).join('；')}${fields.length > n ? '……' : ''}`;

// Every error the sharing module returns, in one place (docs/sharing-api.md §8).
export const SharingErrors = {
  requestInvalid: (fields: FieldProblem[]) => badInput('SHARING_REQUEST_INVALID', `共享申请有 ${fields.length} 处问题：${first(fields)}`, fields),
  itemsNotShareable: (items: { codeName: string; name: string }[]) =>
    badInput('SHARING_ITEMS_NOT_SHAREABLE', `以下信息项为不予共享，不能申请：${items.map((i) => i.name).join('、')}`,
      items.map((i) => ({ path: 'body.items', message: `${i.name}（${i.codeName}）不予共享` })), { items }),
  ownEntry: () => badInput('SHARING_OWN_ENTRY', '本部门的资源无须申请共享', [{ path: 'body.entryId', message: '本部门的资源' }]),
  refusalReasonRequired: () =>
    badInput('SHARING_REFUSAL_REASON_REQUIRED', '非因法定事由不得拒绝：请选择拒绝理由并填写具体依据', [{ path: 'body.reasonCode', message: '须选择法定拒绝理由' }, { path: 'body.reasonText', message: '须填写具体依据' }]),
  grantTermsInvalid: (fields: FieldProblem[]) => badInput('SHARING_GRANT_TERMS_INVALID', `授权条件只能在申请范围内收紧：${first(fields)}`, fields),
  demandInvalid: (fields: FieldProblem[]) => badInput('SHARING_DEMAND_INVALID', `共享需求有误：${first(fields)}`, fields),
  settingsInvalid: (fields: FieldProblem[]) => badInput('SHARING_SETTINGS_INVALID', `共享参数有误：${first(fields)}`, fields),
  noDepartment: () => forbidden('SHARING_NO_DEPARTMENT', '您的账号未归属任何部门'),
  notProvider: () => forbidden('SHARING_NOT_PROVIDER', '只有提供部门可以办理此操作'),
  notRequester: () => forbidden('SHARING_NOT_REQUESTER', '只有申请部门可以办理此操作'),
  entryNotFound: (id: string) => notFound('SHARING_ENTRY_NOT_FOUND', '目录不存在或尚未发布', { id }),
  requestNotFound: (id: string) => notFound('SHARING_REQUEST_NOT_FOUND', '共享申请不存在或无权查看', { id }),
  grantNotFound: (id: string) => notFound('SHARING_GRANT_NOT_FOUND', '授权不存在或无权查看', { id }),
  demandNotFound: (id: string) => notFound('SHARING_DEMAND_NOT_FOUND', '共享需求不存在或无权查看', { id }),
  invalidTransition: (status: string, action: string) => conflict('SHARING_INVALID_TRANSITION', `当前状态为“${status}”，不能${action}`, { status, action }),
  renewalOpen: () => conflict('SHARING_RENEWAL_OPEN', '该授权已有待审核的续期申请'),
};
