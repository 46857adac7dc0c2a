import { AppError, badInput, conflict, notFound, type FieldProblem } from '../../kernel/errors.ts';

// Every error the ingest module returns, in one place.
export const IngestErrors = {
  entryNotFound: (id: string) => notFound('INGEST_ENTRY_NOT_FOUND', '目录不存在，或不属于本部门', { id }),
  noTableMount: (id: string) => badInput('INGEST_NO_TABLE_MOUNT', '该目录没有可用的库表挂接，无法归集（请先在目录中挂接库表）', [{ path: 'body.entryId', message: '没有库表挂接' }], { id }),
  tableInvalid: (problems: string[]) => badInput('INGEST_TABLE_INVALID', `挂接的库表不能用于归集：${problems.join('；')}`, problems.map((message) => ({ path: 'body.entryId', message }))),
  jobNotFound: (id: string) => notFound('INGEST_JOB_NOT_FOUND', '归集任务不存在', { id }),
  definitionNotFound: (id: string) => notFound('INGEST_DEFINITION_NOT_FOUND', '归集配置不存在', { id }),
  uploadNotFound: (id: string) => notFound('INGEST_UPLOAD_NOT_FOUND', '上传的文件不存在或已过期', { id }),
  uploadEmpty: () => badInput('INGEST_UPLOAD_EMPTY', '上传的文件为空', [{ path: 'body', message: '文件为空' }]),
  uploadTooLarge: (limit: number) => new AppError('INGEST_UPLOAD_TOO_LARGE', 413, `上传的文件超过上限（${Math.round(limit / 1024 / 1024)} MB）`, { limit }),
  invalid: (fields: FieldProblem[]) => badInput('INGEST_INVALID', `归集配置有误：${fields.map((f) => f.message).join('；')}`, fields),
  sourceUnreadable: (message: string) => badInput('INGEST_SOURCE_UNREADABLE', `无法读取数据源：${message}`, [{ path: 'body.source', message }]),
  jobActive: (jobId: string) => conflict('INGEST_JOB_ACTIVE', '该目录已有排队或运行中的归集任务，请等待其结束或取消后再试', { jobId }),
  notCancellable: (status: string) => conflict('INGEST_JOB_NOT_CANCELLABLE', `任务状态为“${status}”，不能取消`, { status }),
};
