import { useMemo, useRef, useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, Skeleton, Tag, Tree, Typography } from 'antd';
import type { TableColumnsType, TreeDataNode } from 'antd';
import { ApartmentOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { DataTable, listFetcher, type DataTableHandle } from '../../ui/DataTable';
import { DetailPanel } from '../../ui/DetailPanel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatCount, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useAuth } from '../../app/auth';
import { DepartmentFormDrawer } from './DepartmentFormDrawer';
import { DivisionCascader } from './DivisionCascader';
import { DEPARTMENT_KIND_LABELS, type Department, type DepartmentNode } from './types';
import { useDepartmentTree } from './useIdentityOptions';

const fetchDepartments = listFetcher<Department>('/identity/departments');

/** 部门管理: the department tree on the left, the chosen department and its sub-departments on the right. */
export function DepartmentsPage() {
  const { can } = useAuth();
  const canManage = can('identity.department.manage');
  const tree = useDepartmentTree();
  const table = useRef<DataTableHandle>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [treeFilter, setTreeFilter] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [drawer, setDrawer] = useState<{ open: boolean; department: Department | null }>({ open: false, department: null });

  const selected = selectedId ? (tree.byId.get(selectedId) ?? null) : null;
  const parent = selected?.parentId ? tree.byId.get(selected.parentId) : undefined;

  const treeData = useMemo(() => buildTreeData(tree.data ?? [], treeFilter.trim()), [tree.data, treeFilter]);
  const defaultExpanded = useMemo(() => (tree.data ?? []).map((n) => n.id), [tree.data]);
  const expandedKeys = treeFilter.trim() ? allKeys(treeData) : (expanded ?? defaultExpanded);

  const select = (id: string | null) => {
    setSelectedId(id);
    if (id) {
      // Open the branch that leads to it.
      const ancestors: string[] = [];
      for (let p = tree.byId.get(id)?.parentId; p; p = tree.byId.get(p)?.parentId) ancestors.push(p);
      setExpanded((prev) => [...new Set([...(prev ?? defaultExpanded), ...ancestors])]);
    }
  };

  const onSaved = (d: Department) => {
    setDrawer({ open: false, department: null });
    tree.reload();
    table.current?.reload();
    setSelectedId(d.id);
  };

  const columns: TableColumnsType<Department> = [
    {
      title: '部门名称',
      dataIndex: 'name',
      render: (name: string, d) => (
        <Flex gap={6} align="center">
          <Typography.Link onClick={() => select(d.id)}>{name}</Typography.Link>
          {d.isDataBureau ? <Tag color="gold">数据主管部门</Tag> : null}
        </Flex>
      ),
    },
    { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: '所属区划', dataIndex: 'divisionName', render: (v: string | null, d) => v ?? d.divisionCode },
    { title: '部门类型', dataIndex: 'kind', render: (k: Department['kind']) => DEPARTMENT_KIND_LABELS[k] ?? k },
    { title: '用户数', dataIndex: 'userCount', align: 'right', render: (n: number) => formatCount(n) },
    { title: '创建时间', dataIndex: 'createdAt', render: formatDateTime },
    ...(canManage
      ? [{
          title: '操作',
          key: 'actions',
          fixed: 'right' as const,
          render: (_: unknown, d: Department) => (
            <Typography.Link onClick={() => setDrawer({ open: true, department: d })}>编辑</Typography.Link>
          ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="部门管理"
        subtitle="维护全市政务部门、统一社会信用代码、所属行政区划与隶属关系"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, department: null })}>
              {selected ? '新建下级部门' : '新建部门'}
            </Button>
          ) : null
        }
      />
      <Flex gap={16} align="flex-start">
        <Card
          variant="borderless"
          title="部门结构"
          style={{ width: 300, flex: 'none', position: 'sticky', top: 72 }}
          styles={{ body: { padding: 12 } }}
        >
          <Input.Search placeholder="查找部门" allowClear onChange={(e) => setTreeFilter(e.target.value)} style={{ marginBottom: 8 }} />
          <div
            className={selectedId === null ? 'dept-all dept-all-active' : 'dept-all'}
            role="button"
            tabIndex={0}
            onClick={() => select(null)}
            onKeyDown={(e) => (e.key === 'Enter' ? select(null) : undefined)}
            style={{
              padding: '4px 8px', borderRadius: 4, cursor: 'pointer', marginBottom: 4,
              background: selectedId === null ? '#e6efff' : undefined,
            }}
          >
            <ApartmentOutlined /> 全部部门
            {tree.data ? <Typography.Text type="secondary"> （{formatCount(tree.byId.size)}）</Typography.Text> : null}
          </div>
          <div style={{ maxHeight: 'calc(100vh - 280px)', overflow: 'auto' }}>
            {tree.error ? (
              <ErrorAlert error={tree.error} onRetry={tree.reload} />
            ) : tree.loading && !tree.data ? (
              <Skeleton active paragraph={{ rows: 6 }} title={false} />
            ) : treeData.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={treeFilter ? '没有匹配的部门' : '尚未建立部门'} />
            ) : (
              <Tree
                blockNode
                showLine
                treeData={treeData}
                selectedKeys={selectedId ? [selectedId] : []}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                onSelect={(keys) => select(keys.length > 0 ? String(keys[0]) : null)}
              />
            )}
          </div>
        </Card>

        <Flex vertical gap={16} style={{ flex: '1 1 auto', minWidth: 0 }}>
          {selected ? (
            <Card
              variant="borderless"
              title={
                <Flex gap={8} align="center">
                  {selected.name}
                  {selected.isDataBureau ? <Tag color="gold">数据主管部门</Tag> : null}
                </Flex>
              }
              extra={
                canManage ? (
                  <Button icon={<EditOutlined />} onClick={() => setDrawer({ open: true, department: selected })}>
                    编辑
                  </Button>
                ) : null
              }
            >
              <DetailPanel
                column={2}
                items={[
                  { label: '统一社会信用代码', value: <Typography.Text copyable>{selected.creditCode}</Typography.Text> },
                  { label: '部门类型', value: DEPARTMENT_KIND_LABELS[selected.kind] ?? selected.kind },
                  { label: '所属行政区划', value: selected.divisionName ? `${selected.divisionName}（${selected.divisionCode}）` : selected.divisionCode },
                  {
                    label: '上级部门',
                    value: parent ? <Typography.Link onClick={() => select(parent.id)}>{parent.name}</Typography.Link> : '无（顶级部门）',
                  },
                  { label: '用户数', value: formatCount(selected.userCount) },
                  { label: '创建时间', value: formatDateTime(selected.createdAt) },
                ]}
              />
            </Card>
          ) : null}

          <Card variant="borderless" title={selected ? '下级部门' : '全部部门'}>
            <DataTable<Department>
              ref={table}
              fetch={fetchDepartments}
              rowKey="id"
              columns={columns}
              params={{ parentId: selected?.id }}
              search={{ placeholder: '部门名称或统一社会信用代码' }}
              filters={
                <Form.Item name="divisionCode">
                  <DivisionCascader placeholder="所属行政区划" style={{ width: 220 }} />
                </Form.Item>
              }
              emptyText={selected ? '该部门下没有下级部门' : '尚未建立部门'}
            />
          </Card>
        </Flex>
      </Flex>

      <DepartmentFormDrawer
        open={drawer.open}
        department={drawer.department}
        defaultParentId={selected?.id ?? null}
        onClose={() => setDrawer({ open: false, department: null })}
        onSaved={onSaved}
      />
    </>
  );
}

/** Tree nodes, keeping only matches and their ancestors while filtering; matches are highlighted. */
function buildTreeData(nodes: DepartmentNode[], filter: string): TreeDataNode[] {
  const out: TreeDataNode[] = [];
  for (const n of nodes) {
    const children = n.children ? buildTreeData(n.children, filter) : [];
    const matches = filter === '' || n.name.includes(filter);
    if (!matches && children.length === 0) continue;
    out.push({
      key: n.id,
      title: (
        <span title={n.name}>
          {filter && matches ? highlight(n.name, filter) : n.name}
          {n.isDataBureau ? <Tag color="gold" style={{ marginInlineStart: 6 }}>主管</Tag> : null}
        </span>
      ),
      children: children.length > 0 ? children : undefined,
    });
  }
  return out;
}

function highlight(text: string, filter: string) {
  const i = text.indexOf(filter);
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <span style={{ color: '#cf1322' }}>{text.slice(i, i + filter.length)}</span>
      {text.slice(i + filter.length)}
    </>
  );
}

function allKeys(nodes: TreeDataNode[]): string[] {
  return nodes.flatMap((n) => [String(n.key), ...(n.children ? allKeys(n.children) : [])]);
}
