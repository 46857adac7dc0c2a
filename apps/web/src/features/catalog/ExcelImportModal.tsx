import { useState } from 'react';
import { Alert, Button, Flex, Modal, Result, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api, ApiError, downloadUrl, errorMessage } from '../../ui/api';
import type { ExcelImportResult, ImportProblem } from './types';

const MAX_SIZE = 10 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function problemsOf(details: Record<string, unknown>): ImportProblem[] {
  const raw = details.problems;
  if (!Array.isArray(raw)) return [];
  return raw.filter((p): p is ImportProblem => typeof p === 'object' && p !== null && typeof (p as ImportProblem).message === 'string');
}

/** Excel 导入: upload the department's catalog workbook; every row problem is listed, nothing is imported if any. */
export function ExcelImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const [uploading, setUploading] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<ExcelImportResult | null>(null);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setFileName(null);
    setResult(null);
    setProblems(null);
    setError(null);
  };

  const upload = async (file: File) => {
    reset();
    setFileName(file.name);
    if (!/\.xlsx$/i.test(file.name)) {
      setError('请上传 .xlsx 格式的目录模板（Excel 2007 及以上）');
      return;
    }
    if (file.size > MAX_SIZE) {
      setError('文件超过 10 MB，请分批导入');
      return;
    }
    setUploading(true);
    try {
      // §4.8: the workbook is the raw request body.
      const r = await api.upload<ExcelImportResult>('/catalog/excel', file, XLSX_TYPE);
      setResult(r);
      onImported();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CATALOG_IMPORT_INVALID') setProblems(problemsOf(e.details));
      else setError(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  const close = () => {
    if (uploading) return;
    reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      onCancel={close}
      title="Excel 导入目录"
      width={880}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          <Button icon={<DownloadOutlined />} href={downloadUrl('/catalog/excel/template')} download="">下载导入模板</Button>
          <Flex gap={8}>
            {problems || error || result ? <Button onClick={reset} disabled={uploading}>重新选择文件</Button> : null}
            <Button type="primary" onClick={close} disabled={uploading}>{result ? '完成' : '关闭'}</Button>
          </Flex>
        </Flex>
      }
    >
      {result ? (
        <Result
          status="success"
          title={`已导入 ${result.created} 条目录（草稿）`}
          subTitle="请逐条核对、补充后提交审核。"
          extra={
            <div style={{ maxHeight: 260, overflow: 'auto', textAlign: 'left' }}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={result.entries}
                columns={[
                  { title: '信息资源代码', dataIndex: 'code', render: (c: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{c}</Typography.Text> },
                  { title: '信息资源名称', dataIndex: 'name', render: (n: string, r) => <Link to={`/catalog/entries/${r.id}`} onClick={close}>{n}</Link> },
                ]}
              />
            </div>
          }
        />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            使用本部门目录模板（工作表“信息资源”和“信息项”，第 1 行为表头，第 2 行为填写说明，自第 3 行起为数据）。
            每行生成一条本部门草稿；任何一行有问题时整份文件都不导入，请按下方清单修改后重新上传。
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            multiple={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{uploading ? `正在导入 ${fileName ?? ''}…` : '点击或将 Excel 文件拖到此处'}</p>
            <p className="ant-upload-hint">仅支持 .xlsx，不超过 10 MB</p>
          </Upload.Dragger>
          {error ? <Alert type="error" showIcon title={fileName ? `${fileName}：${error}` : error} /> : null}
          {problems ? (
            <>
              <Alert
                type="error"
                showIcon
                title={`${fileName ?? '文件'} 有 ${problems.length} 处问题，未导入任何数据`}
                description="请在 Excel 中逐项修改后重新上传。"
              />
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.sheet}-${p.row}-${p.column}-${p.message}`}
                dataSource={problems}
                pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                columns={[
                  { title: '工作表', dataIndex: 'sheet', width: 100 },
                  { title: '行', dataIndex: 'row', width: 70, align: 'right' },
                  { title: '列', dataIndex: 'column', width: 80 },
                  { title: '问题', dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
                ]}
              />
            </>
          ) : null}
        </Flex>
      )}
    </Modal>
  );
}
