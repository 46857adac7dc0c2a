import { Type, type TSchema } from 'typebox';

// Shared shapes of the HTTP contract. Module schemas build on these.

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'SCREAMING_SNAKE error code with the module prefix' }),
      message: Type.String({ description: '中文错误信息，可直接显示给用户' }),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody', description: '错误响应' },
);

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });

export const PageQuery = {
  page: Type.Integer({ minimum: 1, default: 1, description: '页码，从 1 开始' }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: '每页条数，最多 100' }),
};

/** A page of items: `{ items, total, page, pageSize }`. */
export function Paged<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export interface Page {
  page: number;
  pageSize: number;
}

export const offsetOf = (p: Page) => (p.page - 1) * p.pageSize;
