import type { FieldProblem } from './errors.ts';

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本', integer: '整数', number: '数字', boolean: '布尔值', object: '对象', array: '数组', null: '空值',
};

const FORMAT_NAMES: Record<string, string> = {
  date: '日期（YYYY-MM-DD）', 'date-time': '时间（ISO 8601）', email: '电子邮箱', uuid: 'UUID', uri: '网址', ipv4: 'IPv4 地址',
};

/** Turns JSON-schema validation errors into field paths with Chinese messages (`body.creditCode: 长度应为 18 个字符`). */
export function describeValidationErrors(errors: AjvLikeError[], part: string): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const e of errors) {
    let pointer = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required') pointer = [...pointer, String(e.params.missingProperty)];
    if (e.keyword === 'additionalProperties') pointer = [...pointer, String(e.params.additionalProperty)];
    const fieldPath = [part, ...pointer].join('.');
    const message = chineseMessage(e);
    const key = `${fieldPath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path: fieldPath, message });
  }
  return problems;
}

function chineseMessage(e: AjvLikeError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required': return '必填';
    case 'type': return `应为${TYPE_NAMES[String(p.type)] ?? String(p.type)}`;
    case 'minLength': return `长度不能少于 ${p.limit} 个字符`;
    case 'maxLength': return `长度不能超过 ${p.limit} 个字符`;
    case 'minimum': return `不能小于 ${p.limit}`;
    case 'maximum': return `不能大于 ${p.limit}`;
    case 'exclusiveMinimum': return `应大于 ${p.limit}`;
    case 'exclusiveMaximum': return `应小于 ${p.limit}`;
    case 'minItems': return `至少 ${p.limit} 项`;
    case 'maxItems': return `最多 ${p.limit} 项`;
    case 'uniqueItems': return '不能有重复项';
    case 'pattern': return '格式不正确';
    case 'format': return `格式不正确，应为${FORMAT_NAMES[String(p.format)] ?? String(p.format)}`;
    case 'enum': return `取值不在允许范围内：${(p.allowedValues as unknown[] | undefined)?.join('、') ?? ''}`;
    case 'const': return `取值应为 ${JSON.stringify(p.allowedValue)}`;
    case 'additionalProperties': return '不允许的字段';
    case 'anyOf':
    case 'oneOf': return '不符合任何一种允许的格式';
    default: return e.message ?? '不合法';
  }
}
