import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Space, Table, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type Page } from '../../ui/api';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useSubmit } from '../../ui/useSubmit';
import type { Dispute } from './types';

const MAX_BYTES = 10 * 1024 * 1024;

interface Hit { id: string; name: string; code: string; departmentName: string | null; mounted: boolean }
interface Published { id: string; name: string; departmentName: string | null; items: { name: string; codeName: string }[] }

interface FormValues {
  entryId: string;
  recordKey: string;
  items: string[];
  values: Record<string, { seenValue?: string; expectedValue?: string }>;
  reason: string;
}

/** 提出异议: entry (published, mounted), record key, disputed items with the value seen and the value believed right, reason, evidence. */
export function RaiseDisputePage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const { submitting, run } = useSubmit();
  const [q, setQ] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const entryId = Form.useWatch('entryId', form) ?? params.get('entryId') ?? undefined;
  const chosen = Form.useWatch('items', form) ?? [];

  const hits = useApiQuery<Page<Hit>>('/catalog/search', { q: q.trim() || undefined, pageSize: 20 });
  const entry = useApiQuery<Published>(entryId ? `/catalog/published/${entryId}` : null);
  const itemOptions = (entry.data?.items ?? []).map((i) => ({ value: i.codeName, label: `${i.name}（${i.codeName}）` }));

  const submit = async (v: FormValues) => {
    setUploadError(null);
    const body = {
      entryId: v.entryId, recordKey: v.recordKey ?? '', reason: v.reason ?? '',
      items: (v.items ?? []).map((codeName) => ({ codeName, seenValue: v.values?.[codeName]?.seenValue || null, expectedValue: v.values?.[codeName]?.expectedValue || null })),
    };
    const r = await run(() => api.post<Dispute>('/disputes', body), { form, success: '异议已提交，等待数据局受理', fieldNames: ['entryId', 'recordKey', 'items', 'reason'] });
    if (!r.ok) return;
    for (const f of files) {
      if (!f.originFileObj) continue;
      try {
        await api.upload(`/disputes/${r.value.id}/evidence`, f.originFileObj, undefined, { fileName: f.name });
      } catch (e) {
        setUploadError(`证明材料 ${f.name} 上传失败：${(e as Error).message}（可在详情页重新上传）`);
      }
    }
    navigate(`/disputes/${r.value.id}`);
  };

  return (
    <>
      <PageHeader title="提出数据异议" subtitle="对共享使用中发现的错误数据提出异议：数据局受理后标注“存疑”，由提供部门在时限内核实更正" />
      <div className="page-card" style={{ maxWidth: 960 }}>
        {uploadError ? <Alert type="warning" showIcon message={uploadError} style={{ marginBottom: 16 }} /> : null}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ entryId: params.get('entryId') ?? undefined, recordKey: params.get('key') ?? undefined, items: [] }}>
          <Form.Item name="entryId" label="数据目录" rules={[{ required: true, message: '请选择数据目录' }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setQ}
              placeholder="输入目录名称检索（须已挂接数据表）"
              options={(hits.data?.items ?? []).filter((h) => h.mounted).map((h) => ({ value: h.id, label: `${h.name}（${h.departmentName ?? '—'}）` }))}
              onChange={() => form.setFieldValue('items', [])}
              data-testid="dispute-entry"
            />
          </Form.Item>
          <Form.Item name="recordKey" label="记录主键" extra="公民身份号码或统一社会信用代码" rules={[{ required: true, message: '请填写记录主键' }]}>
            <Input maxLength={64} data-testid="dispute-key" />
          </Form.Item>
          <Form.Item name="items" label="有异议的信息项" rules={[{ required: true, message: '至少选择一个信息项' }]}>
            <Select mode="multiple" options={itemOptions} placeholder={entryId ? '选择信息项' : '请先选择目录'} disabled={!entryId} data-testid="dispute-items" />
          </Form.Item>
          {chosen.length ? (
            <Table
              size="small"
              pagination={false}
              rowKey="codeName"
              style={{ marginBottom: 16 }}
              dataSource={chosen.map((codeName: string) => ({ codeName, name: entry.data?.items.find((i) => i.codeName === codeName)?.name ?? codeName }))}
              columns={[
                { title: '信息项', dataIndex: 'name' },
                { title: '您看到的值', key: 'seen', render: (_: unknown, r: { codeName: string }) => <Form.Item noStyle name={['values', r.codeName, 'seenValue']}><Input maxLength={2000} /></Form.Item> },
                { title: '您认为正确的值（选填）', key: 'expected', render: (_: unknown, r: { codeName: string }) => <Form.Item noStyle name={['values', r.codeName, 'expectedValue']}><Input maxLength={2000} /></Form.Item> },
              ]}
            />
          ) : null}
          <Form.Item name="reason" label="异议理由" rules={[{ required: true, whitespace: true, message: '请填写异议理由' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="说明数据错在哪里、依据是什么" data-testid="dispute-reason" />
          </Form.Item>
          <Form.Item label="证明材料" extra="每个文件不超过 10 MB；提交后上传，服务端计算 SM3 校验值">
            <Upload
              multiple
              fileList={files}
              beforeUpload={(file) => {
                if (file.size > MAX_BYTES) {
                  setUploadError(`${file.name} 超过 10 MB`);
                  return Upload.LIST_IGNORE;
                }
                return false;
              }}
              onChange={({ fileList }) => setFiles(fileList)}
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="dispute-submit">提交异议</Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </div>
    </>
  );
}
