import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { toTreeOptions, useDepartmentTree } from './useIdentityOptions';

export interface DepartmentTreeSelectProps {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  /** Leaves out this department and everything under it. */
  exclude?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
}

/** Choose a department from the tree; searchable by name. Works inside Form.Item. */
export function DepartmentTreeSelect({ value, onChange, placeholder = '请选择部门', exclude, allowClear = true, style, disabled, id }: DepartmentTreeSelectProps) {
  const tree = useDepartmentTree();
  const treeData = useMemo(() => (exclude ? toTreeOptions(tree.data ?? [], exclude) : tree.options), [tree.data, tree.options, exclude]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      placeholder={tree.error ? '部门列表加载失败，请刷新重试' : placeholder}
      status={tree.error ? 'error' : undefined}
      loading={tree.loading}
      allowClear={allowClear}
      disabled={disabled}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={false}
      treeLine
      popupMatchSelectWidth={false}
      notFoundContent={tree.loading ? '加载中…' : '暂无部门'}
      style={style}
    />
  );
}
