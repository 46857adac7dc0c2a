import { Badge, DatePicker, Form, Input, InputNumber, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { apiUrl } from '../../ui/api';
import { STATUS_COLORS, STATUS_LABELS, type FieldDef, type LicenseStatus, type StatusCode } from './types';
import './licenses.css';

/** 有效 / 已过期 / 已吊销 … in its colour, with the day the status began. */
export function LicenseStatusTag({ status, withSince }: { status: LicenseStatus; withSince?: boolean }) {
  return (
    <span data-testid="license-status">
      <Tag color={STATUS_COLORS[status.code] ?? 'default'} style={{ marginInlineEnd: 0 }}>{status.label || STATUS_LABELS[status.code]}</Tag>
      {withSince && status.since ? <span className="licenses-muted" style={{ marginInlineStart: 6 }}>自 {status.since}</span> : null}
    </span>
  );
}

export function TypeStatusBadge({ status }: { status: 'active' | 'retired' }) {
  return <Badge status={status === 'active' ? 'success' : 'default'} text={status === 'active' ? '启用' : '停用'} />;
}

/** Status filter options with the Chinese labels. */
export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as StatusCode[]).map((code) => ({
  value: code,
  label: <Badge color={badgeColor(STATUS_COLORS[code])} text={STATUS_LABELS[code]} />,
  title: STATUS_LABELS[code],
}));

function badgeColor(tagColor: string): string {
  return { success: '#52c41a', warning: '#faad14', error: '#ff4d4f', processing: '#1677ff' }[tagColor] ?? '#bfbfbf';
}

/** The red round seal picture (SVG from the server). */
export function SealImage({ sealId, size = 96, alt }: { sealId: string; size?: number; alt?: string }) {
  return <img src={apiUrl(`/licenses/seals/${sealId}/picture`)} width={size} height={size} alt={alt ?? '电子印章'} className="licenses-seal-img" />;
}

/** Form values of the license fields: dates as Dayjs, others as they are. */
export type FieldFormValues = Record<string, string | number | Dayjs | null | undefined>;

/** The inputs of a type's field schema, under the form name `fields` (server errors `body.fields.<name>` land here). */
export function LicenseFieldInputs({ defs, disabled }: { defs: FieldDef[]; disabled?: boolean }) {
  return (
    <>
      {defs.map((f) => (
        <Form.Item
          key={f.name}
          name={['fields', f.name]}
          label={f.label}
          extra={f.onFace ? undefined : '不印在照面上'}
          rules={[
            ...(f.required ? [{ required: true, message: `请填写${f.label}` }] : []),
            ...(f.type === 'string' && f.maxLength ? [{ max: f.maxLength, message: `不超过 ${f.maxLength} 字` }] : []),
          ]}
        >
          {fieldInput(f, disabled)}
        </Form.Item>
      ))}
    </>
  );
}

function fieldInput(f: FieldDef, disabled?: boolean) {
  const testId = `license-field-${f.name}`;
  switch (f.type) {
    case 'date':
      return <DatePicker style={{ width: 200 }} disabled={disabled} data-testid={testId} />;
    case 'number':
      return <InputNumber style={{ width: 200 }} disabled={disabled} data-testid={testId} />;
    case 'enum':
      return (
        <Select
          allowClear={!f.required}
          disabled={disabled}
          style={{ width: 280 }}
          placeholder={`请选择${f.label}`}
          options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
          data-testid={testId}
        />
      );
    default:
      return (f.maxLength ?? 0) > 100 ? (
        <Input.TextArea rows={3} maxLength={f.maxLength} showCount disabled={disabled} data-testid={testId} />
      ) : (
        <Input maxLength={f.maxLength} disabled={disabled} data-testid={testId} />
      );
  }
}

/** Form values → the JSON field values the server checks (dates 'YYYY-MM-DD', empty left out). */
export function toFieldValues(defs: FieldDef[], values: FieldFormValues | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of defs) {
    const v = values?.[f.name];
    if (v === undefined || v === null || v === '') continue;
    if (dayjs.isDayjs(v)) out[f.name] = v.format('YYYY-MM-DD');
    else if (typeof v === 'string') out[f.name] = v.trim();
    else out[f.name] = v;
  }
  return out;
}

/** A license's stored values → form values (dates to Dayjs). */
export function fromFieldValues(defs: FieldDef[], values: Record<string, unknown>): FieldFormValues {
  const out: FieldFormValues = {};
  for (const f of defs) {
    const v = values[f.name];
    if (v === undefined || v === null) continue;
    if (f.type === 'date' && typeof v === 'string') out[f.name] = dayjs(v);
    else if (typeof v === 'string' || typeof v === 'number') out[f.name] = v;
    else out[f.name] = String(v);
  }
  return out;
}

/** A field value for reading. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
