import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { validateCreditCode } from '@shuzheng/standards';
import { api } from '../../ui/api';
import { useSubmit } from '../../ui/useSubmit';
import { DepartmentTreeSelect } from './DepartmentTreeSelect';
import { DivisionCascader } from './DivisionCascader';
import { DEPARTMENT_KIND_LABELS, type Department, type DepartmentKind } from './types';

interface DepartmentForm {
  name: string;
  creditCode: string;
  divisionCode: string;
  parentId?: string | null;
  kind: DepartmentKind;
}

const FIELD_NAMES = ['name', 'creditCode', 'divisionCode', 'parentId', 'kind'] as const;
const CODE_FIELDS = { IDENTITY_CREDIT_CODE_TAKEN: 'creditCode', IDENTITY_DEPARTMENT_NAME_TAKEN: 'name' };

export interface DepartmentFormDrawerProps {
  open: boolean;
  /** The department being edited; null to create one. */
  department: Department | null;
  /** Parent preselected when creating (the department chosen in the tree). */
  defaultParentId?: string | null;
  onClose: () => void;
  onSaved: (department: Department) => void;
}

const kindOptions = (Object.keys(DEPARTMENT_KIND_LABELS) as DepartmentKind[]).map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k] }));

/** Create or edit a department: 名称, 统一社会信用代码 (GB 32100), 所属区划, 上级部门, 部门类型. */
export function DepartmentFormDrawer({ open, department, defaultParentId, onClose, onSaved }: DepartmentFormDrawerProps) {
  const [form] = Form.useForm<DepartmentForm>();
  const { submitting, run } = useSubmit();
  const [codeHint, setCodeHint] = useState<string | null>(null);
  const editing = department !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (department) {
      form.setFieldsValue({
        name: department.name,
        creditCode: department.creditCode,
        divisionCode: department.divisionCode,
        parentId: department.parentId,
        kind: department.kind,
      });
      setCodeHint(describeCode(department.creditCode));
    } else {
      form.setFieldsValue({ parentId: defaultParentId ?? undefined });
      setCodeHint(null);
    }
  }, [open, department, defaultParentId, form]);

  const submit = async (values: DepartmentForm) => {
    const body = {
      name: values.name.trim(),
      creditCode: values.creditCode.trim().toUpperCase(),
      divisionCode: values.divisionCode,
      parentId: values.parentId ?? null,
      kind: values.kind,
    };
    if (department) {
      // PATCH carries only what changed.
      const changes: Partial<typeof body> = {};
      if (body.name !== department.name) changes.name = body.name;
      if (body.creditCode !== department.creditCode) changes.creditCode = body.creditCode;
      if (body.divisionCode !== department.divisionCode) changes.divisionCode = body.divisionCode;
      if (body.parentId !== department.parentId) changes.parentId = body.parentId;
      if (body.kind !== department.kind) changes.kind = body.kind;
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      const result = await run(() => api.patch<Department>(`/identity/departments/${department.id}`, changes), {
        form, fieldNames: FIELD_NAMES, codeFields: CODE_FIELDS, success: '部门信息已保存',
      });
      if (result.ok) onSaved(result.value);
    } else {
      const { parentId, ...rest } = body;
      const result = await run(() => api.post<Department>('/identity/departments', parentId ? body : rest), {
        form, fieldNames: FIELD_NAMES, codeFields: CODE_FIELDS, success: '部门已创建',
      });
      if (result.ok) onSaved(result.value);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? `编辑部门：${department.name}` : '新建部门'}
      size={560}
      destroyOnHidden
      mask={{ closable: !submitting }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={submitting}>
            取消
          </Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()}>
            {editing ? '保存' : '创建'}
          </Button>
        </Flex>
      }
    >
      {department?.isDataBureau ? (
        <Alert type="info" showIcon title="该部门是本平台的数据主管部门" style={{ marginBottom: 16 }} />
      ) : null}
      <Form<DepartmentForm> form={form} layout="vertical" onFinish={submit} disabled={submitting} scrollToFirstError>
        <Form.Item
          name="name"
          label="部门名称"
          rules={[
            { required: true, whitespace: true, message: '请输入部门名称' },
            { min: 2, message: '部门名称至少 2 个字' },
            { max: 100, message: '部门名称不能超过 100 个字符' },
          ]}
        >
          <Input placeholder="如：市数据局" maxLength={100} showCount />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          normalize={(v: string | undefined) => (v ?? '').replace(/\s/g, '').toUpperCase()}
          validateTrigger={['onBlur', 'onChange']}
          extra={codeHint ?? '18 位，由登记管理部门颁发，按 GB 32100-2015 校验'}
          rules={[
            { required: true, message: '请输入统一社会信用代码' },
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value) return;
                if (value.length < 18) throw new Error(`统一社会信用代码应为 18 位，当前 ${value.length} 位`);
                const check = validateCreditCode(value);
                if (!check.valid) throw new Error(check.message);
              },
            },
          ]}
        >
          <Input
            placeholder="18 位统一社会信用代码"
            maxLength={18}
            style={{ fontFamily: 'monospace', letterSpacing: 1 }}
            onChange={(e) => setCodeHint(describeCode(e.target.value.replace(/\s/g, '').toUpperCase()))}
          />
        </Form.Item>
        <Form.Item name="divisionCode" label="所属行政区划" rules={[{ required: true, message: '请选择所属行政区划' }]}>
          <DivisionCascader initialLabel={department?.divisionName} />
        </Form.Item>
        <Form.Item name="parentId" label="上级部门" extra="不选择则为顶级部门">
          <DepartmentTreeSelect placeholder="请选择上级部门" exclude={department?.id} />
        </Form.Item>
        <Form.Item name="kind" label="部门类型" rules={[{ required: true, message: '请选择部门类型' }]}>
          <Select options={kindOptions} placeholder="请选择部门类型" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** "机构编制 · 机关" for a valid code, so the user sees what the code says about the organisation. */
function describeCode(code: string): string | null {
  if (code.length !== 18) return null;
  const check = validateCreditCode(code);
  if (!check.valid) return null;
  return 'registrationAuthorityName' in check
    ? `校验通过：登记管理部门为${check.registrationAuthorityName}，机构类别为${check.orgTypeName}`
    : '校验通过';
}
