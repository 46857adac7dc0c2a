import { useEffect } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Drawer, Flex, Form, Input, InputNumber, Radio, Select, Switch, TreeSelect, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError } from '../../ui/api';
import { useSubmit } from '../../ui/useSubmit';
import { useDepartmentTree } from '../identity/useIdentityOptions';
import { CatalogEntrySelect } from '../catalog/CatalogEntrySelect';
import {
  FIELD_TYPE_LABELS, HOLDER_TYPE_LABELS, LEVEL_LABELS, SENSITIVITY_OPTIONS, labelOptions,
  type FieldDef, type FieldType, type HolderType, type LicenseType, type TypeLevel, type Validity,
} from './types';

interface FieldRow {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  onFace: boolean;
  sensitivity: number;
  options?: string[];
  maxLength?: number | null;
}

interface TypeForm {
  code: string;
  name: string;
  level: TypeLevel;
  holderType: HolderType;
  issuerDepartmentIds: string[];
  validity: { kind: Validity['kind']; years?: number | null; months?: number | null; until?: Dayjs | null };
  referenceOnly: boolean;
  catalogEntryId?: string | null;
  faceTitle?: string;
  fields: FieldRow[];
}

const FIELD_NAMES = ['code', 'name', 'level', 'holderType', 'issuerDepartmentIds', 'validity', 'referenceOnly', 'catalogEntryId', 'fields', 'faceTemplate'] as const;
const NEW_FIELD: FieldRow = { name: '', label: '', type: 'string', required: true, onFace: true, sensitivity: 1 };

/** New or changed license type: identity, issuing departments, validity rule and the field schema. */
export function LicenseTypeFormDrawer({ open, type, onClose, onSaved }: {
  open: boolean;
  type: LicenseType | null;
  onClose: () => void;
  onSaved: (t: LicenseType) => void;
}) {
  const [form] = Form.useForm<TypeForm>();
  const { submitting, run } = useSubmit();
  const departments = useDepartmentTree();
  const validityKind = Form.useWatch(['validity', 'kind'], form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (type) {
      form.setFieldsValue({
        code: type.code,
        name: type.name,
        level: type.level,
        holderType: type.holderType,
        issuerDepartmentIds: type.issuerDepartments.map((d) => d.id),
        validity: { kind: type.validity.kind, years: type.validity.years, months: type.validity.months, until: type.validity.until ? dayjs(type.validity.until) : null },
        referenceOnly: type.referenceOnly,
        catalogEntryId: type.catalogEntryId,
        faceTitle: type.faceTemplate.title,
        fields: type.fields.map((f) => ({ ...f })),
      });
    } else {
      form.setFieldsValue({ level: 'city', holderType: 'entity', validity: { kind: 'term', years: 5 }, referenceOnly: false, fields: [{ ...NEW_FIELD }] });
    }
  }, [open, type, form]);

  const submit = async (v: TypeForm) => {
    const fields: FieldDef[] = (v.fields ?? []).map((f) => ({
      name: f.name.trim(),
      label: f.label.trim(),
      type: f.type,
      required: !!f.required,
      onFace: !!f.onFace,
      sensitivity: f.sensitivity,
      ...(f.type === 'enum' ? { options: (f.options ?? []).map((o) => o.trim()).filter(Boolean) } : {}),
      ...(f.type === 'string' && f.maxLength ? { maxLength: f.maxLength } : {}),
    }));
    const validity: Validity =
      v.validity.kind === 'term'
        ? { kind: 'term', ...(v.validity.years ? { years: v.validity.years } : {}), ...(v.validity.months ? { months: v.validity.months } : {}) }
        : v.validity.kind === 'until'
          ? { kind: 'until', until: v.validity.until?.format('YYYY-MM-DD') }
          : { kind: 'permanent' };
    const body = {
      name: v.name.trim(),
      level: v.level,
      holderType: v.holderType,
      issuerDepartmentIds: v.issuerDepartmentIds,
      validity,
      referenceOnly: !!v.referenceOnly,
      catalogEntryId: v.catalogEntryId ?? null,
      fields,
      // The face shows the on-face fields in the order of the editor.
      faceTemplate: { ...(v.faceTitle?.trim() ? { title: v.faceTitle.trim() } : {}), fieldOrder: fields.filter((f) => f.onFace).map((f) => f.name) },
    };
    const opts = {
      form,
      fieldNames: FIELD_NAMES,
      codeFields: { LICENSES_TYPE_CODE_TAKEN: 'code', LICENSES_TYPE_NAME_TAKEN: 'name' },
    };
    const r = type
      ? await run(() => api.patch<LicenseType>(`/licenses/types/${type.id}`, body), { ...opts, success: '证照类型已保存' })
      : await run(() => api.post<LicenseType>('/licenses/types', { code: v.code.trim(), ...body }), { ...opts, success: '证照类型已新增' });
    if (r.ok) {
      onSaved(r.value);
      return;
    }
    // Also mark the exact input of a field definition (`body.fields.2.name`), not only the list.
    if (isApiError(r.error)) {
      const exact = r.error.fields.flatMap((f) => {
        const m = /^body\.fields\.(\d+)\.(\w+)$/.exec(f.path);
        return m ? [{ name: ['fields', Number(m[1]), m[2]] as never, errors: [f.message] }] : [];
      });
      if (exact.length > 0) form.setFields(exact);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={type ? `编辑证照类型：${type.name}` : '新增证照类型'}
      size={880}
      destroyOnHidden
      mask={{ closable: !submitting }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={submitting}>取消</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="license-type-submit">{type ? '保存' : '新增'}</Button>
        </Flex>
      }
    >
      {type && type.licenseCount > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`此类型已颁发 ${type.licenseCount} 张证照`}
          description="修改字段定义只影响今后制证与变更；已颁发的证照按原数据签章，仍可验证。持证主体类型不能再改。"
        />
      ) : null}
      <Form<TypeForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={submitting}>
        <Flex gap={16} wrap>
          <Form.Item
            name="code"
            label="证照类型代码"
            style={{ flex: '1 1 260px' }}
            extra="定义部门的统一社会信用代码 + 3 位顺序号，共 21 位；保存后不可修改"
            rules={[{ required: true, message: '请输入证照类型代码' }, { len: 21, message: '应为 21 位' }]}
          >
            <Input maxLength={21} disabled={!!type} className="licenses-mono" placeholder="如 11441500MB2C12345X001" />
          </Form.Item>
          <Form.Item name="name" label="证照名称" style={{ flex: '1 1 260px' }} rules={[{ required: true, whitespace: true, message: '请输入证照名称' }, { max: 100, message: '不超过 100 字' }]}>
            <Input maxLength={100} placeholder="如：食品经营许可证" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item name="holderType" label="持证主体" rules={[{ required: true, message: '请选择持证主体' }]}>
            <Radio.Group optionType="button" options={labelOptions(HOLDER_TYPE_LABELS)} disabled={!!type && type.licenseCount > 0} />
          </Form.Item>
          <Form.Item name="level" label="颁发层级" rules={[{ required: true, message: '请选择颁发层级' }]}>
            <Select style={{ width: 140 }} options={labelOptions(LEVEL_LABELS)} />
          </Form.Item>
          <Form.Item name="referenceOnly" label="仅引用" valuePropName="checked" tooltip="由国家系统签发（如居民身份证），本平台只登记、不制证">
            <Switch />
          </Form.Item>
        </Flex>
        <Form.Item name="catalogEntryId" label="登记目录" tooltip="证照库是政务数据目录中的基础信息资源：证照类型登记在对应的“电子证照”目录下">
          <CatalogEntrySelect category="basic" placeholder="搜索已发布的基础信息资源目录，如“营业执照电子证照”" testId="license-type-catalog-entry" />
        </Form.Item>
        <Form.Item name="issuerDepartmentIds" label="颁发部门" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个颁发部门' }]}>
          <TreeSelect
            multiple
            treeData={departments.options}
            loading={departments.loading}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeLine
            placeholder="可制发此证照的部门"
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Flex gap={16} wrap align="flex-start">
          <Form.Item name={['validity', 'kind']} label="有效期规则" rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={[{ value: 'term', label: '固定期限' }, { value: 'until', label: '至某日' }, { value: 'permanent', label: '长期有效' }]} />
          </Form.Item>
          {validityKind === 'term' ? (
            <>
              <Form.Item name={['validity', 'years']} label="年">
                <InputNumber min={0} max={100} precision={0} style={{ width: 100 }} />
              </Form.Item>
              <Form.Item name={['validity', 'months']} label="月">
                <InputNumber min={0} max={1200} precision={0} style={{ width: 100 }} />
              </Form.Item>
            </>
          ) : null}
          {validityKind === 'until' ? (
            <Form.Item name={['validity', 'until']} label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
              <DatePicker style={{ width: 160 }} />
            </Form.Item>
          ) : null}
        </Flex>
        <Form.Item name="faceTitle" label="照面标题" extra="不填时用证照名称" rules={[{ max: 50, message: '不超过 50 字' }]}>
          <Input maxLength={50} />
        </Form.Item>

        <Typography.Title level={5} style={{ marginTop: 8 }}>字段定义</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          照面字段按此顺序印在证照上；公众验证只显示照面上敏感级别为 1 的字段。
        </Typography.Paragraph>
        <Form.List name="fields" rules={[{ validator: async (_, v: FieldRow[] | undefined) => { if (!v || v.length === 0) throw new Error('至少定义一个字段'); } }]}>
          {(rows, { add, remove, move }, { errors }) => (
            <Flex vertical gap={8}>
              {rows.map((row, index) => (
                <FieldEditor key={row.key} index={index} count={rows.length} onRemove={() => remove(row.name)} onMove={(to) => move(index, to)} />
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...NEW_FIELD })}>添加字段</Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

function FieldEditor({ index, count, onRemove, onMove }: { index: number; count: number; onRemove: () => void; onMove: (to: number) => void }) {
  const form = Form.useFormInstance<TypeForm>();
  const fieldType = Form.useWatch(['fields', index, 'type'], form);
  return (
    <Card
      size="small"
      title={`字段 ${index + 1}`}
      extra={
        <Flex gap={4}>
          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(index - 1)} aria-label="上移" />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label="下移" />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label="删除字段" />
        </Flex>
      }
    >
      <Flex gap={12} wrap>
        <Form.Item
          name={[index, 'name']}
          label="字段名"
          style={{ flex: '1 1 130px', marginBottom: 8 }}
          rules={[{ required: true, message: '请输入字段名' }, { pattern: /^[A-Za-z][A-Za-z0-9_]*$/, message: '字母开头，字母、数字、下划线' }]}
        >
          <Input className="licenses-mono" placeholder="businessScope" maxLength={64} />
        </Form.Item>
        <Form.Item name={[index, 'label']} label="中文名" style={{ flex: '1 1 130px', marginBottom: 8 }} rules={[{ required: true, whitespace: true, message: '请输入中文名' }, { max: 50, message: '不超过 50 字' }]}>
          <Input maxLength={50} placeholder="经营范围" />
        </Form.Item>
        <Form.Item name={[index, 'type']} label="类型" style={{ marginBottom: 8 }} rules={[{ required: true }]}>
          <Select style={{ width: 100 }} options={labelOptions(FIELD_TYPE_LABELS)} />
        </Form.Item>
        <Form.Item name={[index, 'sensitivity']} label="敏感级别" style={{ marginBottom: 8 }} rules={[{ required: true }]}>
          <Select style={{ width: 130 }} options={SENSITIVITY_OPTIONS} />
        </Form.Item>
        {fieldType === 'string' ? (
          <Form.Item name={[index, 'maxLength']} label="最大长度" style={{ marginBottom: 8 }}>
            <InputNumber min={1} max={2000} precision={0} style={{ width: 100 }} />
          </Form.Item>
        ) : null}
        <Flex vertical style={{ paddingTop: 26 }}>
          <Form.Item name={[index, 'required']} valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>必填</Checkbox>
          </Form.Item>
          <Form.Item name={[index, 'onFace']} valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>印在照面</Checkbox>
          </Form.Item>
        </Flex>
      </Flex>
      {fieldType === 'enum' ? (
        <Form.Item name={[index, 'options']} label="可选值" style={{ marginBottom: 8 }} rules={[{ required: true, type: 'array', min: 1, message: '枚举字段须列出可选值' }]}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="输入后回车，或用逗号分隔" open={false} />
        </Form.Item>
      ) : null}
    </Card>
  );
}
