import { useCallback, useEffect, useRef, useState } from 'react';
import { Cascader } from 'antd';
import { getDivision } from '@shuzheng/standards';
import { request } from '../../ui/api';
import type { Division } from './types';

interface DivisionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  loading?: boolean;
  children?: DivisionOption[];
}

export interface DivisionCascaderProps {
  /** 6-digit division code (GB/T 2260), as stored on the department. */
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** Shown while the levels above `value` are still loading (e.g. the department's divisionName). */
  initialLabel?: string | null;
  placeholder?: string;
  disabled?: boolean;
  id?: string;
  style?: React.CSSProperties;
}

const fetchDivisions = async (parent?: string): Promise<DivisionOption[]> => {
  const body = await request<{ items: Division[] }>('/identity/divisions', { query: { parent } });
  return body.items.map((d) => ({ value: d.code, label: d.name, isLeaf: !d.hasChildren }));
};

/**
 * Codes from the province down to `code` by the GB/T 2260 structure: 441521 → [440000, 441500, 441521];
 * a level missing from the table is skipped (the districts of a municipality hang under the province:
 * 110101 → [110000, 110101]); a 9-digit town code adds its county.
 */
export function divisionPath(code: string): string[] {
  if (!/^\d{6}(\d{3})?$/.test(code)) return [code];
  const county = code.slice(0, 6);
  const candidates = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, county, code];
  const path: string[] = [];
  for (const c of candidates) {
    if (path.includes(c)) continue;
    if (c === code || getDivision(c)) path.push(c);
  }
  return path;
}

/**
 * Administrative division picker that loads one level at a time (GET /identity/divisions?parent=).
 * Any level can be chosen (a municipal department sits at the city level). Works inside Form.Item.
 */
export function DivisionCascader({ value, onChange, initialLabel, placeholder = '请选择所属行政区划', disabled, id, style }: DivisionCascaderProps) {
  const [options, setOptions] = useState<DivisionOption[]>([]);
  const [failed, setFailed] = useState(false);
  const [loadingRoot, setLoadingRoot] = useState(true);
  const loadedFor = useRef<string | null>(null);

  // Load the provinces, then the levels along the current value so the chosen names show.
  useEffect(() => {
    const target = value ?? '';
    if (loadedFor.current !== null && (target === '' || loadedFor.current === target || isLoaded(options, divisionPath(target)))) return;
    let cancelled = false;
    (async () => {
      try {
        let roots = options.length > 0 ? options : await fetchDivisions();
        if (target) {
          const path = divisionPath(target);
          roots = await expandAlong(roots, path.slice(0, -1));
        }
        if (!cancelled) {
          loadedFor.current = target;
          setOptions(roots);
          setFailed(false);
        }
      } catch {
        if (!cancelled) setFailed(true);
      } finally {
        if (!cancelled) setLoadingRoot(false);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Only the value drives loading; options are read, not watched.
  }, [value]);

  const loadData = useCallback(async (selected: DivisionOption[]) => {
    const target = selected[selected.length - 1];
    if (!target || target.children) return;
    setOptions((prev) => updateOption(prev, target.value, (o) => ({ ...o, loading: true })));
    try {
      const children = await fetchDivisions(target.value);
      setOptions((prev) => updateOption(prev, target.value, (o) => ({ ...o, loading: false, children, isLeaf: children.length === 0 })));
    } catch {
      setOptions((prev) => updateOption(prev, target.value, (o) => ({ ...o, loading: false })));
      setFailed(true);
    }
  }, []);

  const path = value ? divisionPath(value) : undefined;
  return (
    <Cascader<DivisionOption>
      id={id}
      options={options}
      value={path}
      loadData={loadData}
      changeOnSelect
      disabled={disabled}
      placeholder={failed ? '行政区划加载失败，请刷新重试' : placeholder}
      status={failed ? 'error' : undefined}
      notFoundContent={loadingRoot ? '加载中…' : '暂无数据'}
      displayRender={(labels) => {
        // Until the levels are loaded the labels are codes; show the stored name instead.
        const named = labels.every((l, i) => l !== path?.[i]);
        return named ? labels.join(' / ') : (initialLabel ?? labels.join(' / '));
      }}
      onChange={(codes) => {
        const list = (codes ?? []) as string[];
        onChange?.(list.length > 0 ? list[list.length - 1] : undefined);
      }}
      style={style}
    />
  );
}

function isLoaded(options: DivisionOption[], path: string[]): boolean {
  let level: DivisionOption[] | undefined = options;
  for (const code of path) {
    const found: DivisionOption | undefined = level?.find((o) => o.value === code);
    if (!found) return false;
    level = found.children;
  }
  return true;
}

async function expandAlong(options: DivisionOption[], path: string[]): Promise<DivisionOption[]> {
  const [head, ...rest] = path;
  if (head === undefined) return options;
  const node = options.find((o) => o.value === head);
  if (!node || node.isLeaf) return options;
  const children = node.children ?? (await fetchDivisions(head));
  const expanded = await expandAlong(children, rest);
  return options.map((o) => (o.value === head ? { ...o, children: expanded, isLeaf: expanded.length === 0 } : o));
}

function updateOption(options: DivisionOption[], code: string, fn: (o: DivisionOption) => DivisionOption): DivisionOption[] {
  return options.map((o) => {
    if (o.value === code) return fn(o);
    if (o.children) return { ...o, children: updateOption(o.children, code, fn) };
    return o;
  });
}
