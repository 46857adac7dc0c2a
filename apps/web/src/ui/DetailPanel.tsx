import { Descriptions, Drawer, Skeleton } from 'antd';
import { EMPTY } from './format';

export interface DetailItem {
  label: string;
  /** Empty values (null, undefined, '') show as '—'. */
  value: React.ReactNode;
  /** Columns this item spans (of `column`). */
  span?: number;
}

export interface DetailPanelProps {
  items: DetailItem[];
  title?: React.ReactNode;
  extra?: React.ReactNode;
  /** Items per row; 1 in drawers, 2–3 on pages. */
  column?: number;
  loading?: boolean;
  size?: 'small' | 'medium' | 'large';
}

const isEmpty = (v: React.ReactNode) => v === null || v === undefined || v === '' || v === false;

/** Label–value list of one record, with the same empty-value rule everywhere. */
export function DetailPanel({ items, title, extra, column = 2, loading, size = 'medium' }: DetailPanelProps) {
  if (loading) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <Descriptions
      title={title}
      extra={extra}
      column={column}
      size={size}
      bordered
      styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
      items={items.map((item, i) => ({
        key: `${i}-${item.label}`,
        label: item.label,
        span: item.span,
        children: isEmpty(item.value) ? EMPTY : item.value,
      }))}
    />
  );
}

export interface DetailDrawerProps extends DetailPanelProps {
  open: boolean;
  onClose: () => void;
  drawerTitle: React.ReactNode;
  /** Drawer footer (actions). */
  footer?: React.ReactNode;
  /** More content below the list (e.g. a JSON block). */
  children?: React.ReactNode;
  width?: number;
}

/** A record's details in a right-hand drawer. */
export function DetailDrawer({ open, onClose, drawerTitle, footer, children, width = 640, ...panel }: DetailDrawerProps) {
  return (
    <Drawer open={open} onClose={onClose} title={drawerTitle} size={width} footer={footer} destroyOnHidden>
      <DetailPanel column={1} {...panel} />
      {children}
    </Drawer>
  );
}
