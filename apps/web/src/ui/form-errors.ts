import type { FormInstance } from 'antd';
import { ApiError, type FieldError } from './api';

/** `body.creditCode` → ['creditCode']; `body.roles.0` → ['roles']; `query.page` → ['page']. */
export function fieldNamePath(path: string): (string | number)[] {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params' || parts[0] === 'querystring') parts.shift();
  // Array items are reported on the list field itself (a multi-select), not on an index.
  const lastNamed = parts.findIndex((p) => /^\d+$/.test(p));
  return lastNamed === -1 ? parts : parts.slice(0, lastNamed);
}

/**
 * Puts the server's field errors on the form fields that exist.
 * Returns the field errors that matched no field, so the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fieldNames?: readonly string[]): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  const known = new Set(fieldNames ?? Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const grouped = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: FieldError[] = [];
  for (const f of error.fields) {
    const name = fieldNamePath(f.path);
    const head = name[0];
    if (typeof head !== 'string' || !known.has(head)) {
      unmatched.push(f);
      continue;
    }
    const key = name.join('.');
    const entry = grouped.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    grouped.set(key, entry);
  }
  if (grouped.size > 0) form.setFields([...grouped.values()].map(({ name, errors }) => ({ name, errors })));
  const first = grouped.values().next().value;
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unmatched;
}
