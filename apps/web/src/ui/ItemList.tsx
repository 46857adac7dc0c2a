import type { ReactNode } from 'react';
import { Empty, Spin } from 'antd';

/** One row of an ItemList: a title line, a secondary line, actions on the right. */
export interface ItemRow {
  key: string;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode[];
  testId?: string;
}

/**
 * A plain vertical list of rows with a divider between them (antd 6 deprecates its List component; this is the part
 * of it the pages use). Shows a spinner while loading and `empty` when there are no rows.
 */
export function ItemList({ rows, loading, empty }: { rows: ItemRow[]; loading?: boolean; empty: string }) {
  if (!rows.length) {
    return loading ? <Spin style={{ display: 'block', padding: 24 }} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  }
  return (
    <Spin spinning={!!loading}>
      <div role="list">
        {rows.map((r, i) => (
          <div
            key={r.key}
            role="listitem"
            data-testid={r.testId}
            style={{ display: 'flex', gap: 12, alignItems: 'flex-start', padding: '12px 0', borderTop: i ? '1px solid rgba(5,5,5,0.06)' : undefined }}
          >
            <div style={{ flex: 1, minWidth: 0 }}>
              <div>{r.title}</div>
              {r.description ? <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13, marginTop: 4 }}>{r.description}</div> : null}
            </div>
            {r.actions?.length ? <div style={{ flex: 'none' }}>{r.actions}</div> : null}
          </div>
        ))}
      </div>
    </Spin>
  );
}
