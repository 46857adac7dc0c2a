import { useMemo, useRef, useState } from 'react';
import { Button, Flex, Form, Result, Select, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { downloadUrl } from '../../ui/api';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { formatCount, formatDateTimeShort } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { DeadlineLight, LightDot, ShareTypeTag, StatusTag, worstDeadline } from './CatalogTags';
import { ExcelImportModal } from './ExcelImportModal';
import type { Deadline, EntryStatus, EntrySummary, Light, TodoList } from './types';
import { useCatalogMeta } from './useCatalogMeta';
import { useEntryCommands } from './useEntryCommands';
import './catalog.css';

const fetchEntries = listFetcher<EntrySummary>('/catalog/entries');

/** 本部门编目: the department's working copies with status, deadlines, Excel template/export/import and the next action. */
export function MyEntriesPage() {
  const { user } = useAuth();
  const meta = useCatalogMeta();
  const navigate = useNavigate();
  const table = useRef<DataTableHandle>(null);
  const [importing, setImporting] = useState(false);
  const departmentId = user?.departmentId ?? null;
  const todo = useApiQuery<TodoList>(departmentId ? '/catalog/deadlines/todo' : null, { departmentId: departmentId ?? undefined });
  const commands = useEntryCommands(() => {
    table.current?.reload();
    todo.reload();
  });

  // The most urgent open deadline of each entry, for the traffic light with its due date.
  const deadlines = useMemo(() => {
    const byEntry = new Map<string, Deadline[]>();
    for (const t of todo.data?.items ?? []) byEntry.set(t.entryId, [...(byEntry.get(t.entryId) ?? []), t.deadline]);
    return new Map([...byEntry].map(([k, v]) => [k, worstDeadline(v)]));
  }, [todo.data]);

  if (!departmentId) {
    return <Result status="403" title="您的账号未关联部门" subTitle="本部门目录按账号所属部门显示，请联系系统管理员设置所属部门。" />;
  }

  const actionsFor = (e: EntrySummary) => {
    const links: React.ReactNode[] = [];
    const target = { id: e.id, name: e.name, status: e.status };
    if (e.origin === 'provincial') return [<Typography.Link key="view" onClick={() => navigate(`/catalog/entries/${e.id}`)}>查看</Typography.Link>];
    if (e.status === 'draft' || e.status === 'returned' || e.status === 'change_returned') {
      links.push(<Link key="edit" to={`/catalog/entries/${e.id}/edit`}>编辑</Link>);
      links.push(<Typography.Link key="submit" onClick={() => commands.submit(target)}>提交</Typography.Link>);
    } else if (e.status === 'published') {
      links.push(<Link key="change" to={`/catalog/entries/${e.id}/edit`}>{e.dirty ? '继续变更' : '申请变更'}</Link>);
      if (e.dirty) links.push(<Typography.Link key="submit" onClick={() => commands.submit(target)}>提交变更</Typography.Link>);
      links.push(<Typography.Link key="withdraw" type="danger" onClick={() => commands.withdraw(target)}>申请撤销</Typography.Link>);
    } else {
      links.push(<Link key="view" to={`/catalog/entries/${e.id}`}>查看</Link>);
    }
    if ((e.status === 'draft' || e.status === 'returned') && e.currentVersion === null) {
      links.push(<Typography.Link key="del" type="danger" onClick={() => commands.remove(target)}>删除</Typography.Link>);
    }
    return links;
  };

  const columns: TableColumnsType<EntrySummary> = [
    {
      title: '信息资源名称',
      dataIndex: 'name',
      render: (name: string, e) => (
        <div>
          <Link to={`/catalog/entries/${e.id}`}>{name}</Link>
          <div><Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{e.code}</Typography.Text></div>
        </div>
      ),
    },
    {
      title: '资源分类',
      key: 'category',
      render: (_: unknown, e) => (
        <span>
          {meta.label('Category', e.category).replace('信息资源', '')}
          <Typography.Text type="secondary"> · {meta.subcategoryLabel(e.category, e.subcategory)}</Typography.Text>
        </span>
      ),
    },
    { title: '状态', dataIndex: 'status', render: (s: EntryStatus, e) => <StatusTag status={s} dirty={e.dirty} /> },
    {
      title: '办理时限',
      key: 'deadline',
      render: (_: unknown, e) => {
        const d = deadlines.get(e.id);
        if (d) return <DeadlineLight deadline={d} compact />;
        if (e.worstLight) return <LightDot light={e.worstLight} />;
        return <Typography.Text type="secondary">—</Typography.Text>;
      },
    },
    { title: '版本', dataIndex: 'currentVersion', align: 'center', render: (v: number | null) => (v ? `v${v}` : '—') },
    { title: '信息项', dataIndex: 'itemCount', align: 'right', render: (n: number) => formatCount(n) },
    { title: '共享属性', dataIndex: 'shareType', render: (v: EntrySummary['shareType']) => <ShareTypeTag value={v} /> },
    { title: '更新时间', dataIndex: 'updatedAt', render: formatDateTimeShort },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, e) => <Flex gap={12}>{actionsFor(e)}</Flex>,
    },
  ];

  const counts = todo.data?.counts;

  return (
    <>
      <PageHeader
        title="本部门编目"
        subtitle={`${user?.departmentName ?? ''}编制的政务信息资源目录：草稿、待审核、退回修改、已发布及变更、撤销`}
        extra={
          <>
            <Tooltip title="空白的部门目录模板（工作表“信息资源”和“信息项”）">
              <Button icon={<FileExcelOutlined />} href={downloadUrl('/catalog/excel/template')} download="">下载模板</Button>
            </Tooltip>
            <Tooltip title="导出本部门目录（不含已撤销），格式与导入模板相同">
              <Button icon={<DownloadOutlined />} href={downloadUrl('/catalog/excel', { departmentId })} download="">导出Excel</Button>
            </Tooltip>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入Excel</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog/entries/new')}>新建目录</Button>
          </>
        }
      />

      {counts && (counts.red > 0 || counts.yellow > 0 || counts.unknown > 0) ? (
        <div className="page-card" style={{ marginBottom: 16, padding: '12px 24px' }}>
          <Flex gap={28} align="center" wrap>
            <Typography.Text strong>编目时限</Typography.Text>
            {(['red', 'yellow', 'green', 'unknown'] as Light[]).filter((l) => l !== 'unknown' || counts.unknown > 0).map((l) => (
              <LightDot key={l} light={l} text={<span>{meta.label('Light', l)} <Typography.Text strong>{counts[l]}</Typography.Text> 项</span>} />
            ))}
            <Link to="/catalog/deadlines">查看时限督办</Link>
          </Flex>
        </div>
      ) : null}

      <div className="page-card">
        <DataTable<EntrySummary>
          ref={table}
          fetch={fetchEntries}
          rowKey="id"
          columns={columns}
          params={{ departmentId }}
          search={{ placeholder: '名称或信息资源代码' }}
          filters={
            <>
              <Form.Item name="status">
                <Select
                  mode="multiple"
                  allowClear
                  placeholder="状态"
                  style={{ minWidth: 160 }}
                  maxTagCount="responsive"
                  options={meta.options('EntryStatus')}
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
              <Form.Item name="category">
                <Select allowClear placeholder="资源分类" style={{ width: 150 }} options={meta.options('Category')} />
              </Form.Item>
            </>
          }
          emptyText={
            <span>
              本部门尚未编制目录。可 <Link to="/catalog/entries/new">新建目录</Link> 或使用 Excel 模板批量导入。
            </span>
          }
        />
      </div>

      {commands.dialogs}
      <ExcelImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          table.current?.reload();
          todo.reload();
        }}
      />
    </>
  );
}
