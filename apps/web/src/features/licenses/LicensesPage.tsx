import { useMemo } from 'react';
import { Button, Form, Input, Select, Switch, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Page, Query } from '../../ui/api';
import { DataTable, listFetcher } from '../../ui/DataTable';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';
import { DepartmentTreeSelect } from '../identity/DepartmentTreeSelect';
import { LicenseStatusTag, STATUS_OPTIONS } from './license-ui';
import { HOLDER_TYPE_LABELS, type License, type LicenseType } from './types';

const fetchLicenses = listFetcher<License>('/licenses/licenses');

/** All license types (the catalog is small: one page of 100), for filters and the issuing form. */
export function useLicenseTypes(enabled = true) {
  const query = useApiQuery<Page<LicenseType>>(enabled ? '/licenses/types' : null, { pageSize: 100 });
  const types = useMemo(() => query.data?.items ?? [], [query.data]);
  const options = useMemo(() => types.map((t) => ({ value: t.code, label: t.name })), [types]);
  return { ...query, types, options };
}

/** 证照管理: the licenses the user's department issued (the bureau: all), with filters, and the way to 制证. */
export function LicensesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const types = useLicenseTypes();
  const canIssue = can('licenses.license.issue');
  // Department-scoped readers only see their own department's licenses; the department filter is for the bureau.
  const cityWide = can('licenses.type.manage');

  const columns: TableColumnsType<License> = [
    {
      title: '证照',
      key: 'type',
      render: (_: unknown, l) => (
        <div>
          <Link to={`/licenses/licenses/${l.id}`}><Typography.Text strong style={{ color: 'inherit' }}>{l.typeName}</Typography.Text></Link>
          <div className="licenses-muted licenses-mono">{l.identifier}</div>
        </div>
      ),
    },
    {
      title: '持证主体',
      key: 'holder',
      render: (_: unknown, l) => (
        <div>
          {l.holder.name}
          <div className="licenses-muted">{HOLDER_TYPE_LABELS[l.holder.type]} · <span className="licenses-mono">{l.holder.id}</span></div>
        </div>
      ),
    },
    { title: '颁发部门', key: 'issuer', render: (_: unknown, l) => l.issuer.name },
    { title: '颁发日期', dataIndex: 'issuedOn', render: formatDate },
    { title: '有效期', key: 'validity', render: (_: unknown, l) => `${l.validFrom} 至 ${l.validUntil ?? '长期'}` },
    { title: '版本', dataIndex: 'version', align: 'right' },
    { title: '状态', dataIndex: 'status', render: (s: License['status']) => <LicenseStatusTag status={s} /> },
    { title: '操作', key: 'ops', fixed: 'right', render: (_: unknown, l) => <Link to={`/licenses/licenses/${l.id}`}>查看</Link> },
  ];

  const toQuery = (v: Record<string, unknown>): Query => {
    const q: Query = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val === 'string' && val.trim()) q[k] = val.trim();
    }
    if (v.allVersions === true) q.allVersions = true;
    return q;
  };

  return (
    <>
      <PageHeader
        title="证照管理"
        subtitle={cityWide ? '全市各部门颁发的电子证照：查询、延续、变更、吊销与用证记录' : '本部门颁发的电子证照：制证、延续、变更、吊销与用证记录'}
        extra={canIssue ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/licenses/licenses/new')} data-testid="license-new">
            制证
          </Button>
        ) : null}
      />
      <div className="page-card">
        <DataTable<License>
          fetch={fetchLicenses}
          rowKey="id"
          columns={columns}
          search={{ placeholder: '持证主体名称或证照标识' }}
          initialFilters={{ typeCode: params.get('typeCode') ?? undefined, holderId: params.get('holderId') ?? undefined }}
          toQuery={toQuery}
          filters={
            <>
              <Form.Item name="typeCode">
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="证照类型" style={{ width: 200 }} options={types.options} loading={types.loading} />
              </Form.Item>
              <Form.Item name="status">
                <Select allowClear placeholder="状态" style={{ width: 140 }} options={STATUS_OPTIONS} optionLabelProp="title" />
              </Form.Item>
              {cityWide ? (
                <Form.Item name="departmentId">
                  <DepartmentTreeSelect placeholder="颁发部门" style={{ width: 200 }} />
                </Form.Item>
              ) : null}
              <Form.Item name="holderId">
                <Input allowClear placeholder="持证主体代码" style={{ width: 190 }} maxLength={18} />
              </Form.Item>
              <Form.Item name="allVersions" valuePropName="checked" label="含旧版本">
                <Switch size="small" />
              </Form.Item>
            </>
          }
          emptyText={canIssue ? '本部门尚未颁发证照，点击“制证”开始' : '暂无证照'}
        />
      </div>
    </>
  );
}
