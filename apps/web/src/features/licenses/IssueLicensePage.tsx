import { useMemo } from 'react';
import { Alert, Button, Card, DatePicker, Divider, Empty, Flex, Form, Input, Select, Skeleton, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useSubmit } from '../../ui/useSubmit';
import { useAuth } from '../../app/auth';
import { LicenseFieldInputs, toFieldValues, type FieldFormValues } from './license-ui';
import { useLicenseTypes } from './LicensesPage';
import { HOLDER_ID_LABELS, HOLDER_TYPE_LABELS, type LicenseDetail, type LicenseType } from './types';

interface IssueForm {
  typeCode: string;
  holderId: string;
  holderName: string;
  fields?: FieldFormValues;
  issuedOn?: Dayjs | null;
  validFrom?: Dayjs | null;
}

const FIELD_NAMES = ['typeCode', 'holderId', 'holderName', 'fields', 'issuedOn', 'validFrom'] as const;

/** 制证: choose a type the department issues, fill the form built from its field schema, seal and sign. */
export function IssueLicensePage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<IssueForm>();
  const { submitting, run } = useSubmit();
  const types = useLicenseTypes();
  const typeCode = Form.useWatch('typeCode', form) ?? params.get('typeCode') ?? undefined;

  // Types this user's department may issue here: active, not national reference-only, and listing the department.
  const issuable = useMemo(
    () => types.types.filter((t) => t.status === 'active' && !t.referenceOnly && t.issuerDepartments.some((d) => d.id === user?.departmentId)),
    [types.types, user?.departmentId],
  );
  const type: LicenseType | undefined = issuable.find((t) => t.code === typeCode);

  const submit = async (v: IssueForm) => {
    if (!type) return;
    const body = {
      typeCode: type.code,
      holderId: v.holderId.trim().toUpperCase(),
      holderName: v.holderName.trim(),
      fields: toFieldValues(type.fields, v.fields),
      ...(v.issuedOn ? { issuedOn: v.issuedOn.format('YYYY-MM-DD') } : {}),
      ...(v.validFrom ? { validFrom: v.validFrom.format('YYYY-MM-DD') } : {}),
    };
    const r = await run(() => api.post<LicenseDetail>('/licenses/licenses', body), { form, fieldNames: FIELD_NAMES, success: '证照已制发并加盖电子印章' });
    if (r.ok) navigate(`/licenses/licenses/${r.value.id}`, { replace: true });
  };

  const holderLabel = type ? HOLDER_ID_LABELS[type.holderType] : '持证主体代码';

  return (
    <>
      <PageHeader
        title="制证"
        subtitle={`以${user?.departmentName ?? '本部门'}的名义制发电子证照：校验字段、生成证照标识、加盖本部门电子印章`}
        breadcrumb={[{ title: '证照管理', path: '/licenses/licenses' }, { title: '制证' }]}
      />
      <div className="page-card" style={{ maxWidth: 880 }}>
        {types.error ? <ErrorAlert error={types.error} title="证照目录加载失败" onRetry={types.reload} /> : null}
        {types.loading && !types.data ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : issuable.length === 0 && !types.error ? (
          <Empty description={user?.departmentId ? '本部门不是任何在用证照类型的颁发部门，请联系数据局在证照目录中登记' : '您的账号未关联部门，不能制证'} />
        ) : (
          <Form<IssueForm>
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            disabled={submitting}
            initialValues={{ typeCode: issuable.some((t) => t.code === params.get('typeCode')) ? params.get('typeCode') : undefined }}
            onValuesChange={(changed: Partial<IssueForm>) => {
              if ('typeCode' in changed) form.setFieldsValue({ fields: {}, holderId: undefined });
            }}
          >
            <Form.Item name="typeCode" label="证照类型" rules={[{ required: true, message: '请选择证照类型' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择本部门可颁发的证照类型"
                options={issuable.map((t) => ({ value: t.code, label: t.name }))}
                data-testid="license-type-select"
              />
            </Form.Item>
            {type ? (
              <>
                <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                  持证主体：{HOLDER_TYPE_LABELS[type.holderType]} · 有效期：{type.validityText} · 类型代码 <span className="licenses-mono">{type.code}</span>
                </Typography.Paragraph>
                <Divider titlePlacement="start" plain>持证主体</Divider>
                <Flex gap={16} wrap>
                  <Form.Item
                    name="holderId"
                    label={holderLabel}
                    style={{ flex: '1 1 260px' }}
                    rules={[
                      { required: true, whitespace: true, message: `请输入${holderLabel}` },
                      { len: 18, message: `${holderLabel}应为 18 位` },
                    ]}
                  >
                    <Input maxLength={18} className="licenses-mono" autoComplete="off" placeholder={type.holderType === 'citizen' ? '18 位公民身份号码' : '18 位统一社会信用代码'} data-testid="license-holder-id" />
                  </Form.Item>
                  <Form.Item
                    name="holderName"
                    label={type.holderType === 'citizen' ? '姓名' : '单位名称'}
                    style={{ flex: '1 1 260px' }}
                    rules={[{ required: true, whitespace: true, message: '请输入持证主体名称' }, { max: 200, message: '不超过 200 字' }]}
                  >
                    <Input maxLength={200} autoComplete="off" data-testid="license-holder-name" />
                  </Form.Item>
                </Flex>
                <Divider titlePlacement="start" plain>证照信息</Divider>
                {type.fields.length === 0 ? <Typography.Text type="secondary">此类型没有定义字段</Typography.Text> : <LicenseFieldInputs defs={type.fields} />}
                <Divider titlePlacement="start" plain>日期</Divider>
                <Flex gap={16} wrap>
                  <Form.Item name="issuedOn" label="颁发日期" extra="默认今天；补录存量证照时填原颁发日期">
                    <DatePicker style={{ width: 200 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} placeholder="今天" />
                  </Form.Item>
                  <Form.Item name="validFrom" label="生效日期" extra="默认与颁发日期相同">
                    <DatePicker style={{ width: 200 }} disabledDate={(d) => d.isAfter(dayjs().add(1, 'year'), 'day')} placeholder="同颁发日期" />
                  </Form.Item>
                </Flex>
                <Alert
                  type="info"
                  showIcon
                  style={{ margin: '8px 0 16px' }}
                  title="提交后生成证照标识，以 SM3 杂凑证照数据并加盖本部门电子印章（SM2 签名）"
                  description="证照一经制发不能修改；如需更正请使用“变更”，将换发新版本。"
                />
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit" loading={submitting} icon={<SafetyCertificateOutlined />} data-testid="license-issue-submit">
                    制证并加盖印章
                  </Button>
                  <Button onClick={() => navigate('/licenses/licenses')} disabled={submitting}>取消</Button>
                </Flex>
              </>
            ) : (
              <Card size="small" variant="borderless" style={{ background: '#fafafa' }}>
                <Typography.Text type="secondary">选择证照类型后，按该类型的字段定义填写。</Typography.Text>
              </Card>
            )}
          </Form>
        )}
      </div>
    </>
  );
}
