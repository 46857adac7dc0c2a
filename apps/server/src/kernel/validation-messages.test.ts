import { describe, expect, it } from 'vitest';
import { describeValidationErrors } from './validation-messages.ts';

describe('validation messages', () => {
  it('turns ajv errors into field paths with Chinese messages, without duplicates', () => {
    const fields = describeValidationErrors(
      [
        { instancePath: '', keyword: 'required', params: { missingProperty: 'name' } },
        { instancePath: '/creditCode', keyword: 'minLength', params: { limit: 18 } },
        { instancePath: '/creditCode', keyword: 'minLength', params: { limit: 18 } },
        { instancePath: '/items/0/kind', keyword: 'enum', params: { allowedValues: ['a', 'b'] } },
      ],
      'body',
    );
    expect(fields).toEqual([
      { path: 'body.name', message: '必填' },
      { path: 'body.creditCode', message: '长度不能少于 18 个字符' },
      { path: 'body.items.0.kind', message: '取值不在允许范围内：a、b' },
    ]);
  });
});
