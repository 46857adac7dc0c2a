import { badInput, conflict, notFound, type FieldProblem } from '../../kernel/errors.ts';

// Every error the registry module returns, in one place (docs/registry-api.md §7).
export const RegistryErrors = {
  settingsInvalid: (fields: FieldProblem[]) => badInput('REGISTRY_SETTINGS_INVALID', `基础库设置有误：${fields.map((f) => f.message).join('；')}`, fields),
  keyInvalid: (path: string, message: string) => badInput('REGISTRY_KEY_INVALID', message, [{ path, message }]),
  pairInvalid: (fields: FieldProblem[]) => badInput('REGISTRY_PAIR_INVALID', `比对条件有误：${fields.map((f) => f.message).join('；')}`, fields),
  subjectNotFound: () => notFound('REGISTRY_SUBJECT_NOT_FOUND', '未找到该主体的数据，或您无权查看'),
  buildNotFound: (id: string) => notFound('REGISTRY_BUILD_NOT_FOUND', '构建任务不存在', { id }),
  buildRunning: (id: string) => conflict('REGISTRY_BUILD_RUNNING', '该基础库正在构建，请等待当前构建完成', { buildId: id }),
};
